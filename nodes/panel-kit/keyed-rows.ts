import type { ChangeBatch, KeyedRow, Row } from '../../runtime/engine/node-api';

/**
 * The current rows of a table input, kept by key as change batches arrive: inserts and updates replace the row
 * under their key, deletes remove it. `version` grows on every change, so views can recompute only when needed.
 *
 * @example
 * ```ts
 * const rows = new KeyedRows();
 * rows.apply({ inserts: [{ key: '1', row: { x: 1 } }], updates: [], deletes: [] });
 * rows.get('1'); // { x: 1 }
 * ```
 */
export class KeyedRows {
  readonly #rows = new Map<string, Row>();
  /** Arrival order of the latest change per key (larger = more recent). */
  readonly #touched = new Map<string, number>();
  #clock = 0;
  #version = 0;
  #received = false;

  /** Applies one change batch. */
  apply(batch: ChangeBatch): void {
    this.#received = true;
    for (const key of batch.deletes) {
      this.#rows.delete(key);
      this.#touched.delete(key);
    }
    for (const { key, row } of batch.inserts) this.#set(key, row);
    for (const { key, row } of batch.updates) this.#set(key, row);
    this.#version++;
  }

  #set(key: string, row: Row): void {
    this.#rows.set(key, row);
    this.#touched.set(key, ++this.#clock);
  }

  /** True once any batch arrived (even an empty one): the input is connected and has answered. */
  get received(): boolean {
    return this.#received;
  }

  /** Grows by one with every applied batch. */
  get version(): number {
    return this.#version;
  }

  get size(): number {
    return this.#rows.size;
  }

  get(key: string): Row | undefined {
    return this.#rows.get(key);
  }

  /** Every row with its key, in first-arrival order. */
  entries(): KeyedRow[] {
    const out: KeyedRow[] = [];
    for (const [key, row] of this.#rows) out.push({ key, row });
    return out;
  }

  /** Every row, in first-arrival order. */
  values(): IterableIterator<Row> {
    return this.#rows.values();
  }

  /** Every row, least recently inserted or updated first. */
  byRecency(): Row[] {
    const keys = [...this.#rows.keys()].sort((a, b) => this.#touched.get(a)! - this.#touched.get(b)!);
    return keys.map((key) => this.#rows.get(key)!);
  }

  /**
   * The latest row: the one with the largest value in `timeColumn` when given (rows without a number there are
   * skipped), otherwise the one inserted or updated most recently.
   */
  latest(timeColumn?: string): KeyedRow | undefined {
    let best: KeyedRow | undefined;
    let bestRank = Number.NEGATIVE_INFINITY;
    for (const [key, row] of this.#rows) {
      const rank = timeColumn ? row[timeColumn] : this.#touched.get(key);
      if (typeof rank !== 'number' || !Number.isFinite(rank)) continue;
      if (rank >= bestRank) {
        best = { key, row };
        bestRank = rank;
      }
    }
    return best;
  }
}
