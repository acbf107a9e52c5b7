import type { Row, Value } from '../../runtime/engine/node-api';
import { numberOf } from '../transform-kit/values';
import type { AggregateFn } from '../transform-kit/bucket-stats';
import { SlidingColumn } from './sliding-window';

/** One input row placed in its entity's time order, with the summaries last sent for it. */
export interface SeriesEntry {
  key: string;
  time: number;
  row: Row;
  /** The summaries last sent for the row (one per aggregate, in order); null until the first is sent. */
  summaries: Value[] | null;
  /** Set when the input row changed, so the output is rebuilt even if no summary changed. */
  rowChanged: boolean;
  /** True until the entry's first output row is sent: that one goes out as an insert. */
  isNew: boolean;
  /** The entity series holding the entry (set by the owner). */
  series: EntitySeries | null;
}

/** A summary to add: which distinct column it reads (index into `columns`), its function and output name. */
export interface WindowAggregate {
  column: number;
  fn: AggregateFn;
  name: string;
}

/** How windows are measured: the last `size` rows, or the rows within `span` (time units) before a row. */
export interface WindowShape {
  by: 'time' | 'count';
  /** Rows (count) or time units (time: ms for time columns). */
  size: number;
}

/**
 * Orders entries by time, then key. Negative, zero or positive.
 * @example compareEntries({ time: 1, key: 'a' }, { time: 1, key: 'b' }) // -1
 */
export function compareEntries(a: { time: number; key: string }, b: { time: number; key: string }): number {
  return a.time - b.time || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

interface Sliding {
  start: number;
  end: number;
  columns: SlidingColumn[];
}

/**
 * The rows of one entity in time order and the windows over them. Changes are applied per batch: removals and
 * additions first (appends in order just push; otherwise one merge), then the rows whose window the changes
 * touched are recomputed. For appends in order the window state from the previous batch carries on, so each
 * new row costs O(1) amortised; other changes recompute only the affected stretch.
 * @example
 * const s = new EntitySeries(['v'], [{ column: 0, fn: 'mean', name: 'v_mean' }], { by: 'count', size: 2 });
 * s.apply(new Map(), [{ key: 'a', time: 1, row: { v: 2 }, summaries: null, rowChanged: true, isNew: true, series: s }], [], (e) => out.push(e));
 */
export class EntitySeries {
  entries: SeriesEntry[] = [];
  private tail: Sliding | null = null;
  private readonly scratch: Value[];

  constructor(
    private readonly columns: readonly string[],
    private readonly aggregates: readonly WindowAggregate[],
    private readonly shape: WindowShape,
  ) {
    this.scratch = new Array(aggregates.length).fill(null);
  }

  /**
   * Applies one batch: removes entries with these keys, adds these entries, then recomputes every row whose
   * window may have changed and calls `changed` with each entry whose output row is new. `anchors` are the
   * other changed places: the old places of removed rows and the entries whose row changed in place;
   * `removed` maps each removed key to its old time.
   */
  apply(
    removed: ReadonlyMap<string, number>,
    added: SeriesEntry[],
    anchors: { time: number; key: string }[],
    changed: (entry: SeriesEntry) => void,
  ): void {
    const entries = this.entries;
    const oldLength = entries.length;
    added.sort(compareEntries);
    const appendOnly =
      removed.size === 0 &&
      anchors.length === 0 &&
      added.length > 0 &&
      (oldLength === 0 || compareEntries(entries[oldLength - 1], added[0]) < 0);
    if (appendOnly) {
      for (const entry of added) entries.push(entry);
      this.recompute(oldLength, entries.length - 1, changed);
      return;
    }
    this.tail = null;
    if (removed.size + added.length <= 8) {
      for (const [key, time] of removed) {
        const at = this.lowerBound(time, key);
        if (entries[at]?.key === key) entries.splice(at, 1);
      }
      for (const entry of added) entries.splice(this.lowerBound(entry.time, entry.key), 0, entry);
    } else {
      this.entries = merge(removed.size ? entries.filter((e) => !removed.has(e.key)) : entries, added);
    }
    for (const entry of added) anchors.push(entry);
    for (const [from, to] of this.stretches(anchors)) this.recompute(from, to, changed);
  }

  /** The merged position ranges whose windows include a changed place. */
  private stretches(anchors: { time: number; key: string }[]): [number, number][] {
    const last = this.entries.length - 1;
    const ranges: [number, number][] = [];
    for (const anchor of anchors) {
      const from = this.lowerBound(anchor.time, anchor.key);
      const to =
        this.shape.by === 'count'
          ? Math.min(last, from + this.shape.size - 1)
          : this.firstAtOrAfter(anchor.time + this.shape.size) - 1;
      if (from <= to) ranges.push([from, to]);
    }
    ranges.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const range of ranges) {
      const top = merged[merged.length - 1];
      if (top && range[0] <= top[1] + 1) top[1] = Math.max(top[1], range[1]);
      else merged.push(range);
    }
    return merged;
  }

  private lowerBound(time: number, key: string): number {
    const entries = this.entries;
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareEntries(entries[mid], { time, key }) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private firstAtOrAfter(time: number): number {
    const entries = this.entries;
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (entries[mid].time < time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private windowStart(i: number): number {
    if (this.shape.by === 'count') return Math.max(0, i - this.shape.size + 1);
    return this.firstAfter(this.entries[i].time - this.shape.size);
  }

  private firstAfter(time: number): number {
    const entries = this.entries;
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (entries[mid].time <= time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private fresh(from: number): Sliding {
    const start = this.windowStart(from);
    const entries = this.entries;
    const columns = this.columns.map((name) => new SlidingColumn((i) => numberOf(entries[i].row[name])));
    const sliding: Sliding = { start, end: start - 1, columns };
    for (let i = start; i < from; i++) for (const c of columns) c.add(i);
    sliding.end = from - 1;
    return sliding;
  }

  /** Recomputes rows from..to (inclusive), reusing the carried-over window when it ends just before `from`. */
  private recompute(from: number, to: number, changed: (entry: SeriesEntry) => void): void {
    const entries = this.entries;
    const sliding = this.tail && this.tail.end === from - 1 ? this.tail : this.fresh(from);
    const { aggregates, scratch, shape } = this;
    for (let i = from; i <= to; i++) {
      for (const c of sliding.columns) c.add(i);
      sliding.end = i;
      const entry = entries[i];
      if (shape.by === 'count') {
        while (sliding.start < i - shape.size + 1) {
          const at = sliding.start++;
          for (const c of sliding.columns) c.remove(at, sliding.start, i);
        }
      } else {
        const limit = entry.time - shape.size;
        while (entries[sliding.start].time <= limit) {
          const at = sliding.start++;
          for (const c of sliding.columns) c.remove(at, sliding.start, i);
        }
      }
      const last = entry.summaries;
      let differs = entry.rowChanged || last === null;
      for (let a = 0; a < aggregates.length; a++) {
        const v = sliding.columns[aggregates[a].column].value(aggregates[a].fn);
        scratch[a] = v;
        if (!differs && last![a] !== v) differs = true;
      }
      if (!differs) continue;
      // Kept in place: `changed` copies the summaries out before the next batch can change them.
      const summaries = last ?? new Array<Value>(aggregates.length);
      for (let a = 0; a < aggregates.length; a++) summaries[a] = scratch[a];
      entry.summaries = summaries;
      entry.rowChanged = false;
      changed(entry);
    }
    this.tail = to === entries.length - 1 ? sliding : null;
  }
}

function merge(a: SeriesEntry[], b: SeriesEntry[]): SeriesEntry[] {
  const out: SeriesEntry[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = compareEntries(a[i], b[j]) <= 0 ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}
