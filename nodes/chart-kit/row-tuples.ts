import type { ChangeBatch, Row } from '../../runtime/engine/node-api';
import type { ChartData, ChartTuple, TupleChanges } from './series-points';

/**
 * One tuple per row, for charts that draw (or aggregate) rows as they are: bars, pie slices, scatter points,
 * heatmap cells. Changes are coalesced per key until the view asks for them, so a row updated ten times
 * between two frames costs one removal and one insertion. Rows beyond `maxRows` are dropped, oldest first.
 *
 * @example
 * ```ts
 * const data = new RowTuples((row) => ({ category: row.pump, value: row.rul }), { maxRows: 10_000 });
 * data.apply({ inserts: [{ key: '1', row: { pump: 'A', rul: 5 } }], updates: [], deletes: [] });
 * data.changes(400); // { insert: [{ category: 'A', value: 5 }], remove: [] }
 * ```
 */
export class RowTuples implements ChartData {
  private readonly rows = new Map<string, { row: Row; tuple: ChartTuple | null }>();
  private readonly onScreen = new Map<string, ChartTuple>();
  private readonly dirty = new Set<string>();

  /** `toTuple` returns null for a row that cannot be drawn (e.g. its value is not a number). */
  constructor(
    private readonly toTuple: (row: Row) => ChartTuple | null,
    private readonly options: { maxRows: number },
  ) {}

  get rowCount(): number {
    return this.rows.size;
  }

  get shownCount(): number {
    return this.onScreen.size;
  }

  apply(batch: ChangeBatch): void {
    for (const key of batch.deletes) {
      this.rows.delete(key);
      this.dirty.add(key);
    }
    for (const { key, row } of [...batch.updates, ...batch.inserts]) {
      // Deleted first so an updated row counts as the newest one.
      this.rows.delete(key);
      this.rows.set(key, { row, tuple: this.toTuple(row) });
      this.dirty.add(key);
    }
    for (const key of this.rows.keys()) {
      if (this.rows.size <= this.options.maxRows) break;
      this.rows.delete(key);
      this.dirty.add(key);
    }
  }

  changes(_plotWidth: number): TupleChanges {
    const insert: ChartTuple[] = [];
    const remove: ChartTuple[] = [];
    for (const key of this.dirty) {
      const old = this.onScreen.get(key);
      if (old) {
        remove.push(old);
        this.onScreen.delete(key);
      }
      const tuple = this.rows.get(key)?.tuple;
      if (tuple) {
        insert.push(tuple);
        this.onScreen.set(key, tuple);
      }
    }
    this.dirty.clear();
    return { insert, remove };
  }

  forget(): void {
    this.onScreen.clear();
    for (const key of this.rows.keys()) this.dirty.add(key);
  }

  sample(count: number): Row[] {
    return [...this.rows.values()].slice(-count).map((r) => r.row);
  }
}
