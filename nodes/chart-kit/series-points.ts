import type { ChangeBatch, KeyedRow, Row } from '../../runtime/engine/node-api';
import type { DownsampleMethod } from './downsample';
import { IncrementalThinner } from './incremental-thinning';

/** A datum handed to Vega. Vega marks it (and may rewrite fields), so it is only ever used by identity. */
export type ChartTuple = Record<string, unknown>;

/** What to add to and take out of the view's data, by tuple identity (a Vega changeset's content). */
export interface TupleChanges {
  insert: ChartTuple[];
  remove: ChartTuple[];
}

/** The data of one chart, kept from change batches; says what changed on screen since it was last asked. */
export interface ChartData {
  apply(batch: ChangeBatch): void;
  /** The tuples to insert and remove so the view shows the current rows, thinned for a plot this wide. */
  changes(plotWidth: number): TupleChanges;
  /** Rows kept. */
  readonly rowCount: number;
  /** Tuples on screen. */
  readonly shownCount: number;
  /** The latest rows, newest last. */
  sample(count: number): Row[];
  /** Forgets what is on screen (a new, empty view): the next changes insert everything. */
  forget(): void;
}

/** Which columns make the series of a line or area chart: one series per y column and color value. */
export interface SeriesLayout {
  x: string;
  ys: readonly string[];
  color?: string;
}

interface Point {
  x: number;
  y: number;
  series: string;
  removed: boolean;
  tuple?: ChartTuple;
}

interface Series {
  name: string;
  /** Sorted by x; removed points are dropped when the series is next drawn. */
  points: Point[];
  removed: number;
  shown: Set<Point>;
  /** Thins the points again reading only the buckets that changed since the last frame. */
  thinner: IncrementalThinner<Point>;
}

/** Drops removed points in place (no new array per frame: at 100,000 points that is garbage worth a GC). */
function compact(s: Series): void {
  const points = s.points;
  let kept = 0;
  for (let i = 0; i < points.length; i++) if (!points[i].removed) points[kept++] = points[i];
  points.length = kept;
  s.removed = 0;
}

/**
 * A finite number, or undefined for anything else (null, text, NaN).
 * @example finiteNumber(3) // 3
 * @example finiteNumber('3') // undefined
 */
export function finiteNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * The points of a line or area chart: each row gives one point per y column (the columns are folded, one series
 * each), split by the color column. Rows are kept by key (an update replaces the row's points, a delete removes
 * them), the oldest rows are dropped beyond `maxRows`, and each series is thinned for the plot's width when asked
 * for changes, only for the series that changed and, within a series, only in the buckets that changed.
 *
 * @example
 * ```ts
 * const data = new SeriesPoints({ x: 'ts', ys: ['temp'], color: 'pump' }, { maxRows: 100_000, method: 'lttb' });
 * data.apply({ inserts: [{ key: '1', row: { ts: 0, temp: 20, pump: 'A' } }], updates: [], deletes: [] });
 * const { insert, remove } = data.changes(600); // insert: [{ x: 0, y: 20, series: 'A' }]
 * ```
 */
export class SeriesPoints implements ChartData {
  private readonly rows = new Map<string, { row: Row; points: Point[] }>();
  private readonly series = new Map<string, Series>();
  private readonly dirty = new Set<Series>();
  private lastWidth = -1;
  private shown = 0;

  constructor(
    private readonly layout: SeriesLayout,
    private readonly options: { maxRows: number; method: DownsampleMethod },
  ) {}

  get rowCount(): number {
    return this.rows.size;
  }

  get shownCount(): number {
    return this.shown;
  }

  /** The number of series, including those whose points are all waiting to be drawn. */
  get seriesCount(): number {
    return this.series.size;
  }

  apply(batch: ChangeBatch): void {
    for (const key of batch.deletes) this.drop(key);
    for (const entry of batch.updates) this.put(entry);
    for (const entry of batch.inserts) this.put(entry);
    for (const key of this.rows.keys()) {
      if (this.rows.size <= this.options.maxRows) break;
      this.drop(key);
    }
  }

  changes(plotWidth: number): TupleChanges {
    const width = Math.max(1, Math.floor(plotWidth));
    if (width !== this.lastWidth) for (const s of this.series.values()) this.dirty.add(s);
    this.lastWidth = width;
    const insert: ChartTuple[] = [];
    const remove: ChartTuple[] = [];
    for (const s of this.dirty) {
      if (s.removed > 0) compact(s);
      const next = new Set(s.thinner.thin(this.options.method, s.points, width));
      for (const p of s.shown) if (!next.has(p)) remove.push(p.tuple!);
      for (const p of next) {
        if (s.shown.has(p)) continue;
        p.tuple ??= { x: p.x, y: p.y, series: p.series };
        insert.push(p.tuple);
      }
      this.shown += next.size - s.shown.size;
      s.shown = next;
      if (s.points.length === 0) this.series.delete(s.name);
    }
    this.dirty.clear();
    return { insert, remove };
  }

  sample(count: number): Row[] {
    return [...this.rows.values()].slice(-count).map((r) => r.row);
  }

  forget(): void {
    for (const s of this.series.values()) {
      s.shown = new Set();
      this.dirty.add(s);
    }
    this.shown = 0;
  }

  private seriesName(row: Row, y: string): string {
    if (this.layout.color === undefined) return y;
    const group = String(row[this.layout.color] ?? '(none)');
    return this.layout.ys.length > 1 ? `${group} · ${y}` : group;
  }

  private put({ key, row }: KeyedRow): void {
    this.drop(key);
    const points: Point[] = [];
    const x = finiteNumber(row[this.layout.x]);
    if (x !== undefined) {
      for (const column of this.layout.ys) {
        const y = finiteNumber(row[column]);
        if (y === undefined) continue;
        const point: Point = { x, y, series: this.seriesName(row, column), removed: false };
        this.insertPoint(point);
        points.push(point);
      }
    }
    this.rows.set(key, { row, points });
  }

  private insertPoint(point: Point): void {
    let s = this.series.get(point.series);
    if (!s) {
      s = { name: point.series, points: [], removed: 0, shown: new Set(), thinner: new IncrementalThinner() };
      this.series.set(point.series, s);
    }
    const list = s.points;
    if (list.length === 0 || list[list.length - 1].x <= point.x) list.push(point);
    else {
      // Upper bound: after every point with the same x, so equal x keep their arrival order.
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (list[mid].x <= point.x) lo = mid + 1;
        else hi = mid;
      }
      list.splice(lo, 0, point);
    }
    s.thinner.touched(point.x);
    this.dirty.add(s);
  }

  private drop(key: string): void {
    const kept = this.rows.get(key);
    if (!kept) return;
    this.rows.delete(key);
    for (const point of kept.points) {
      point.removed = true;
      const s = this.series.get(point.series);
      if (!s) continue;
      s.removed++;
      s.thinner.touched(point.x);
      this.dirty.add(s);
    }
  }
}
