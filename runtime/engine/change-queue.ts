import { ColumnarBatch, concatParts } from './columnar-batch';
import type { ChangeBatch, Row } from './node-api';

/** What is pending for one key: the net effect of every change queued for it. */
type Pending = { op: 'insert'; row: Row } | { op: 'update'; row: Row } | { op: 'delete' };

/**
 * The changes queued for one consumer, coalesced by key so that a slow consumer receives the net effect of many
 * batches in one, never a stale intermediate row. The rules, for a key already pending:
 *
 * | pending \ new | insert          | update          | delete  |
 * |---------------|-----------------|-----------------|---------|
 * | insert        | insert (new row)| insert (new row)| nothing |
 * | update        | update (new row)| update (new row)| delete  |
 * | delete        | update (new row)| update (new row)| delete  |
 *
 * An insert of a key the consumer already holds (pending update) or a delete followed by an insert both mean
 * "this key now has this row", which is an update to the consumer. Keys keep the order they were first queued in.
 *
 * @example
 * ```ts
 * const queue = new ChangeQueue();
 * queue.push({ inserts: [{ key: 'a', row: { v: 1 } }], updates: [], deletes: [] });
 * queue.push({ inserts: [], updates: [{ key: 'a', row: { v: 2 } }], deletes: [] });
 * queue.take(); // { inserts: [{ key: 'a', row: { v: 2 } }], updates: [], deletes: [] }
 * ```
 */
export class ChangeQueue {
  readonly #pending = new Map<string, Pending>();
  /**
   * The one batch queued while nothing else is (the common case: a consumer that keeps up), held as it is so it
   * passes through without being taken apart by key. A second batch folds it into the map.
   */
  #single: ChangeBatch | null = null;
  /**
   * Columnar batches queued after a columnar `#single` whose keys all differ from every key queued before (an
   * append-mostly stream whose consumer is behind): they are joined by columns at `take`, which has the same net
   * effect as folding them, without building their rows. `#keys` holds the keys queued so far.
   */
  #joined: ColumnarBatch[] = [];
  #keys: Set<string> | null = null;

  /** How many keys have a pending change (the rows a consumer would receive). */
  get size(): number {
    if (!this.#single) return this.#pending.size;
    return this.#joined.reduce((n, b) => n + b.rowCount, batchRowCount(this.#single));
  }

  /** Adds a batch, folding it into what is already pending. */
  push(batch: ChangeBatch): void {
    if (this.#single === null && this.#pending.size === 0) {
      this.#single = batch;
      return;
    }
    if (this.#single && this.#joinable(this.#single, batch)) {
      this.#joined.push(batch as ColumnarBatch);
      return;
    }
    if (this.#single) {
      this.#fold(this.#single);
      for (const joined of this.#joined) this.#fold(joined);
      this.#single = null;
      this.#joined = [];
      this.#keys = null;
    }
    this.#fold(batch);
  }

  /** True (and the batch's keys noted) when `batch` can be joined by columns to the columnar batches queued. */
  #joinable(single: ChangeBatch, batch: ChangeBatch): boolean {
    if (!(single instanceof ColumnarBatch) || !(batch instanceof ColumnarBatch)) return false;
    const keys = (this.#keys ??= new Set(keysOf(single)));
    const added = keysOf(batch);
    for (const key of added) if (keys.has(key)) return false;
    for (const key of added) keys.add(key);
    return true;
  }

  /** Removes and returns everything pending as one batch (each key at most once across the three lists). */
  take(): ChangeBatch {
    const single = this.#single;
    if (single) {
      this.#single = null;
      const joined = this.#joined;
      if (joined.length > 0) {
        this.#joined = [];
        this.#keys = null;
        const all = [single as ColumnarBatch, ...joined];
        const parts = all.map((b) => b.parts());
        return new ColumnarBatch(
          concatParts(...parts.map((p) => p.inserts)),
          concatParts(...parts.map((p) => p.updates)),
          all.flatMap((b) => b.deletes),
        );
      }
      // A columnar batch goes on as it is, so its rows are only built if a consumer reads them.
      if (single instanceof ColumnarBatch) return single;
      return { inserts: single.inserts, updates: single.updates, deletes: single.deletes };
    }
    const batch: ChangeBatch = { inserts: [], updates: [], deletes: [] };
    for (const [key, pending] of this.#pending) {
      if (pending.op === 'delete') batch.deletes.push(key);
      else (pending.op === 'insert' ? batch.inserts : batch.updates).push({ key, row: pending.row });
    }
    this.#pending.clear();
    return batch;
  }

  /** Drops everything pending. */
  clear(): void {
    this.#single = null;
    this.#joined = [];
    this.#keys = null;
    this.#pending.clear();
  }

  #fold(batch: ChangeBatch): void {
    for (const key of batch.deletes) this.#delete(key);
    for (const { key, row } of batch.inserts) this.#upsert(key, row, 'insert');
    for (const { key, row } of batch.updates) this.#upsert(key, row, 'update');
  }

  #delete(key: string): void {
    const previous = this.#pending.get(key);
    if (previous?.op === 'insert') this.#pending.delete(key);
    else this.#pending.set(key, { op: 'delete' });
  }

  #upsert(key: string, row: Row, op: 'insert' | 'update'): void {
    const previous = this.#pending.get(key);
    if (!previous) this.#pending.set(key, { op, row });
    else if (previous.op === 'insert') this.#pending.set(key, { op: 'insert', row });
    else this.#pending.set(key, { op: 'update', row });
  }
}

/** Every key a columnar batch changes (inserts, updates, deletes), without building its rows. */
function keysOf(batch: ColumnarBatch): string[] {
  const { inserts, updates } = batch.parts();
  return [...inserts.keys, ...updates.keys, ...batch.deletes];
}

/**
 * Coalesces batches, oldest first, into the one batch with the same net effect (see {@link ChangeQueue}).
 * @example
 * coalesceBatches([
 *   { inserts: [{ key: 'a', row: { v: 1 } }], updates: [], deletes: [] },
 *   { inserts: [], updates: [], deletes: ['a'] },
 * ]); // { inserts: [], updates: [], deletes: [] }
 */
export function coalesceBatches(batches: readonly ChangeBatch[]): ChangeBatch {
  const queue = new ChangeQueue();
  for (const batch of batches) queue.push(batch);
  return queue.take();
}

/**
 * The number of rows a batch carries (inserts, updates and deletes).
 * @example batchRowCount({ inserts: [{ key: 'a', row: {} }], updates: [], deletes: ['b'] }) // 2
 */
export function batchRowCount(batch: ChangeBatch): number {
  if (batch instanceof ColumnarBatch) return batch.rowCount;
  return batch.inserts.length + batch.updates.length + batch.deletes.length;
}

/**
 * True when a batch carries no change.
 * @example isEmptyBatch({ inserts: [], updates: [], deletes: [] }) // true
 */
export function isEmptyBatch(batch: ChangeBatch): boolean {
  return batchRowCount(batch) === 0;
}
