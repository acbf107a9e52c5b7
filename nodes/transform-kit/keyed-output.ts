import type { ChangeBatch, KeyedRow, Row } from '../../runtime/engine/node-api';

/**
 * The rows a node has emitted on one output port, and the changes it has yet to send. Changes made between two
 * `flush` calls collapse into one batch where each key appears at most once (an insert then an update is one
 * insert with the last row; an insert then a delete is nothing), as the node contract requires.
 *
 * @example
 * ```ts
 * const out = new KeyedOutput();
 * out.set('a', { x: 1 });
 * out.flush(); // { inserts: [{ key: 'a', row: { x: 1 } }], updates: [], deletes: [] }
 * out.remove('a');
 * out.flush(); // { inserts: [], updates: [], deletes: ['a'] }
 * ```
 */
export class KeyedOutput {
  private readonly emitted = new Map<string, Row>();
  private readonly pending = new Map<string, Row | null>();

  /** Sets the row a key should have downstream (inserted or updated at the next flush). */
  set(key: string, row: Row): void {
    this.pending.set(key, row);
  }

  /** Removes a key downstream (deleted at the next flush, if it was ever sent). */
  remove(key: string): void {
    this.pending.set(key, null);
  }

  /** The row a key has downstream after the pending changes, if any. */
  get(key: string): Row | undefined {
    const pending = this.pending.get(key);
    if (pending !== undefined) return pending ?? undefined;
    return this.emitted.get(key);
  }

  /** How many rows exist downstream after the pending changes. */
  get size(): number {
    let size = this.emitted.size;
    for (const [key, row] of this.pending) {
      const was = this.emitted.has(key);
      if (row && !was) size++;
      else if (!row && was) size--;
    }
    return size;
  }

  /** Every row downstream after the pending changes, e.g. for a preview. */
  *rows(): IterableIterator<KeyedRow> {
    for (const [key, row] of this.emitted) if (!this.pending.has(key)) yield { key, row };
    for (const [key, row] of this.pending) if (row) yield { key, row };
  }

  /** The pending changes as one batch (null when nothing changed); they count as sent afterwards. */
  flush(): ChangeBatch | null {
    if (this.pending.size === 0) return null;
    const batch: ChangeBatch = { inserts: [], updates: [], deletes: [] };
    for (const [key, row] of this.pending) {
      const before = this.emitted.get(key);
      if (row === null) {
        if (before !== undefined) {
          batch.deletes.push(key);
          this.emitted.delete(key);
        }
      } else if (before === undefined) {
        batch.inserts.push({ key, row });
        this.emitted.set(key, row);
      } else if (before !== row) {
        batch.updates.push({ key, row });
        this.emitted.set(key, row);
      }
    }
    this.pending.clear();
    const empty = batch.inserts.length + batch.updates.length + batch.deletes.length === 0;
    return empty ? null : batch;
  }
}
