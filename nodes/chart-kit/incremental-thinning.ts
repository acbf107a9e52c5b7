import {
  alignedBucketWidth,
  downsampleSeries,
  POINTS_PER_PIXEL,
  type DownsampleMethod,
  type XY,
} from './downsample';

/** What is remembered of one bucket from the previous pass. */
interface BucketMemo<P> {
  count: number;
  sumX: number;
  sumY: number;
  /** LTTB: the point kept before this bucket when its own point was chosen. */
  before?: P;
  kept: P[];
}

interface Range {
  bucket: number;
  start: number;
  end: number;
}

/** First index in [from, to) whose x is at least `x` (points sorted by x). */
function lowerBound(points: readonly XY[], x: number, from: number, to: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (points[mid].x < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `downsampleSeries` for a series that changes a little between frames, with the same result, at a cost that
 * follows the change rather than the series' length. Tell it every x where a point was added or removed
 * (`touched`); buckets whose points did not change reuse what was kept in them last time (M4 exactly; LTTB while
 * the point kept before the bucket and the next bucket are unchanged too). Buckets are found by binary search,
 * so a pass over 100,000 points with a few changed buckets reads a few thousand points, not all of them.
 *
 * @example
 * ```ts
 * const thinner = new IncrementalThinner<Point>();
 * let shown = thinner.thin('lttb', points, 600);
 * points.push(next); thinner.touched(next.x);
 * shown = thinner.thin('lttb', points, 600); // equal to downsampleSeries('lttb', points, 600)
 * ```
 */
export class IncrementalThinner<P extends XY> {
  private bucketWidth = NaN;
  private setting = '';
  private memo = new Map<number, BucketMemo<P>>();
  private readonly dirty = new Set<number>();

  /** A point at `x` was added to or removed from the series. */
  touched(x: number): void {
    if (this.bucketWidth > 0) this.dirty.add(Math.floor(x / this.bucketWidth));
  }

  /** The series thinned for a plot `plotWidth` pixels wide; equal to `downsampleSeries(method, points, plotWidth)`. */
  thin(method: DownsampleMethod, points: readonly P[], plotWidth: number): P[] {
    const width = Math.max(1, Math.floor(plotWidth));
    const n = points.length;
    let from = 0;
    let to = n;
    let maxBuckets: number;
    if (method === 'lttb') {
      const size = Math.max(3, width * POINTS_PER_PIXEL);
      if (size >= n || n <= 2) return this.forget(points.slice());
      maxBuckets = size - 2;
      from = 1;
      to = n - 1;
    } else if (method === 'm4') {
      maxBuckets = Math.max(1, Math.floor((width * POINTS_PER_PIXEL) / 4));
      if (n <= 4 * maxBuckets) return this.forget(points.slice());
    } else return this.forget(points.slice());
    if (maxBuckets <= 1) return this.forget(downsampleSeries(method, points, plotWidth));

    const bucketWidth = alignedBucketWidth(points[from].x, points[to - 1].x, maxBuckets - 1);
    const setting = `${method}:${width}`;
    const reuse = bucketWidth === this.bucketWidth && setting === this.setting;
    this.bucketWidth = bucketWidth;
    this.setting = setting;
    const ranges: Range[] = [];
    for (let start = from; start < to;) {
      const bucket = Math.floor(points[start].x / bucketWidth);
      const end = lowerBound(points, (bucket + 1) * bucketWidth, start + 1, to);
      ranges.push({ bucket, start, end });
      start = end;
    }
    // The end buckets gain and lose points as the series' ends move, so they are always computed again.
    const clean = (i: number) =>
      reuse &&
      i > 0 &&
      i < ranges.length - 1 &&
      !this.dirty.has(ranges[i].bucket) &&
      this.memo.has(ranges[i].bucket);
    const next = new Map<number, BucketMemo<P>>();
    const out =
      method === 'm4' ? this.m4(points, ranges, clean, next) : this.lttb(points, ranges, clean, next);
    this.memo = next;
    this.dirty.clear();
    return out;
  }

  private m4(
    points: readonly P[],
    ranges: Range[],
    clean: (i: number) => boolean,
    next: Map<number, BucketMemo<P>>,
  ) {
    const out: P[] = [];
    for (let i = 0; i < ranges.length; i++) {
      const { bucket, start, end } = ranges[i];
      let kept = clean(i) ? this.memo.get(bucket)!.kept : undefined;
      if (!kept) {
        let min = start;
        let max = start;
        for (let j = start + 1; j < end; j++) {
          if (points[j].y < points[min].y) min = j;
          if (points[j].y > points[max].y) max = j;
        }
        const indexes = [start, min, max, end - 1].sort((p, q) => p - q);
        kept = indexes
          .filter((index, k) => k === 0 || index !== indexes[k - 1])
          .map((index) => points[index]);
      }
      next.set(bucket, { count: end - start, sumX: 0, sumY: 0, kept });
      for (const p of kept) out.push(p);
    }
    return out;
  }

  private lttb(
    points: readonly P[],
    ranges: Range[],
    clean: (i: number) => boolean,
    next: Map<number, BucketMemo<P>>,
  ) {
    const n = points.length;
    const sums = (i: number): BucketMemo<P> => {
      const { bucket, start, end } = ranges[i];
      const known = next.get(bucket) ?? (clean(i) ? this.memo.get(bucket) : undefined);
      if (known) return known;
      let sumX = 0;
      let sumY = 0;
      for (let j = start; j < end; j++) {
        sumX += points[j].x;
        sumY += points[j].y;
      }
      return { count: end - start, sumX, sumY, kept: [] };
    };
    const out: P[] = [points[0]];
    let before = points[0];
    for (let i = 0; i < ranges.length; i++) {
      const { bucket, start, end } = ranges[i];
      const own = sums(i);
      const last = i + 1 === ranges.length;
      const old = this.memo.get(bucket);
      let chosen: P;
      if (clean(i) && !last && clean(i + 1) && old?.before === before) chosen = old.kept[0];
      else {
        let avgX = points[n - 1].x;
        let avgY = points[n - 1].y;
        if (!last) {
          const following = sums(i + 1);
          avgX = following.sumX / following.count;
          avgY = following.sumY / following.count;
        }
        const ax = before.x;
        const ay = before.y;
        let best = start;
        let bestArea = -1;
        for (let j = start; j < end; j++) {
          const area = Math.abs((ax - avgX) * (points[j].y - ay) - (ax - points[j].x) * (avgY - ay));
          if (area > bestArea) {
            bestArea = area;
            best = j;
          }
        }
        chosen = points[best];
      }
      next.set(bucket, { count: own.count, sumX: own.sumX, sumY: own.sumY, before, kept: [chosen] });
      out.push(chosen);
      before = chosen;
    }
    out.push(points[n - 1]);
    return out;
  }

  private forget(result: P[]): P[] {
    this.bucketWidth = NaN;
    this.memo.clear();
    this.dirty.clear();
    return result;
  }
}
