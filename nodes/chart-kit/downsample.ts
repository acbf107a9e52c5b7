/**
 * Thinning of long line series for drawing: Largest-Triangle-Three-Buckets (LTTB, Steinarsson 2013) keeps the
 * visual shape with a bounded number of points; M4 (Jugel et al. 2014) keeps, per column, the first, last,
 * lowest and highest point, so no spike is ever lost. Both are pure, keep the first and last point, keep the
 * points' order, and return points of the input (never new ones), so the caller can diff what is on screen.
 * Buckets (columns) are aligned on x rather than on point counts, so that a streaming series changes only its
 * end buckets from one frame to the next (see `alignedBucketWidth`).
 */

/** A point of a series, sorted by `x` within its series. */
export interface XY {
  readonly x: number;
  readonly y: number;
}

export type DownsampleMethod = 'lttb' | 'm4' | 'none';

/** How many points per pixel of plot width the thinned series may hold (both methods stay within it). */
export const POINTS_PER_PIXEL = 2;

/**
 * The width of x-aligned buckets: the smallest power of two (in x units) that splits the span into at most
 * `buckets` steps. Buckets are `floor(x / width)`, so they stay put while points are appended or the oldest
 * dropped: only the buckets at the ends change, and a live chart redraws a few points per frame, not all.
 * @example alignedBucketWidth(0, 1000, 10) // 128
 */
export function alignedBucketWidth(xMin: number, xMax: number, buckets: number): number {
  const span = xMax - xMin;
  if (!(span > 0)) return 1;
  return 2 ** Math.ceil(Math.log2(span / Math.max(1, buckets)));
}

/** Index ranges [start, end) of the x-aligned buckets of points[from..to), at most `maxBuckets` of them. */
function bucketRanges(
  points: readonly XY[],
  from: number,
  to: number,
  maxBuckets: number,
): Array<[number, number]> {
  if (to <= from) return [];
  if (maxBuckets <= 1) return [[from, to]];
  // At most span / width + 1 buckets, so ask for one less than allowed.
  const width = alignedBucketWidth(points[from].x, points[to - 1].x, maxBuckets - 1);
  const ranges: Array<[number, number]> = [];
  let start = from;
  let bucket = Math.floor(points[from].x / width);
  for (let i = from + 1; i < to; i++) {
    const b = Math.floor(points[i].x / width);
    if (b !== bucket) {
      ranges.push([start, i]);
      start = i;
      bucket = b;
    }
  }
  ranges.push([start, to]);
  return ranges;
}

/**
 * Largest-Triangle-Three-Buckets over x-aligned buckets: at most `threshold` points, the first and last always
 * among them; in each bucket, the point forming the largest triangle with the previously kept point and the
 * next bucket's average. Returns the input unchanged when it is already short enough.
 * @example
 * downsampleLttb([{ x: 0, y: 0 }, { x: 1, y: 5 }, { x: 2, y: 1 }, { x: 3, y: 0 }], 3)
 * // [{ x: 0, y: 0 }, { x: 1, y: 5 }, { x: 3, y: 0 }]
 */
export function downsampleLttb<P extends XY>(points: readonly P[], threshold: number): P[] {
  const n = points.length;
  const size = Math.floor(threshold);
  if (size >= n || n <= 2) return points.slice();
  if (size <= 1) return [points[0]];
  if (size === 2) return [points[0], points[n - 1]];
  const buckets = bucketRanges(points, 1, n - 1, size - 2);
  const out: P[] = [points[0]];
  let a = 0;
  for (let i = 0; i < buckets.length; i++) {
    // The third corner of the triangle: the next bucket's average, or the last point.
    let avgX = points[n - 1].x;
    let avgY = points[n - 1].y;
    if (i + 1 < buckets.length) {
      const [nextStart, nextEnd] = buckets[i + 1];
      avgX = 0;
      avgY = 0;
      for (let j = nextStart; j < nextEnd; j++) {
        avgX += points[j].x;
        avgY += points[j].y;
      }
      avgX /= nextEnd - nextStart;
      avgY /= nextEnd - nextStart;
    }
    const [start, end] = buckets[i];
    const ax = points[a].x;
    const ay = points[a].y;
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      const area = Math.abs((ax - avgX) * (points[j].y - ay) - (ax - points[j].x) * (avgY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    out.push(points[best]);
    a = best;
  }
  out.push(points[n - 1]);
  return out;
}

/**
 * M4 over x-aligned columns: at most `columns` columns, and per column its first, last, lowest and highest
 * point (at most 4, fewer when they coincide), in x order. The first and last point are always kept.
 * @example
 * downsampleM4([{ x: 0, y: 1 }, { x: 1, y: 9 }, { x: 2, y: 0 }, { x: 3, y: 4 }, { x: 4, y: 2 }], 1)
 * // all but { x: 3, y: 4 }: first, highest, lowest, last
 */
export function downsampleM4<P extends XY>(points: readonly P[], columns: number): P[] {
  const n = points.length;
  const cols = Math.max(1, Math.floor(columns));
  if (n <= 4 * cols) return points.slice();
  const out: P[] = [];
  for (const [first, end] of bucketRanges(points, 0, n, cols)) {
    let min = first;
    let max = first;
    for (let j = first + 1; j < end; j++) {
      if (points[j].y < points[min].y) min = j;
      if (points[j].y > points[max].y) max = j;
    }
    // The kept indexes of this column, in order and without repeats.
    const kept = [first, min, max, end - 1].sort((p, q) => p - q);
    for (let k = 0; k < kept.length; k++) if (k === 0 || kept[k] !== kept[k - 1]) out.push(points[kept[k]]);
  }
  return out;
}

/**
 * Thins one series for a plot `plotWidth` pixels wide, to at most `POINTS_PER_PIXEL` points per pixel.
 * @example downsampleSeries('lttb', points, 600) // at most 1200 points
 */
export function downsampleSeries<P extends XY>(
  method: DownsampleMethod,
  points: readonly P[],
  plotWidth: number,
): P[] {
  const width = Math.max(1, Math.floor(plotWidth));
  if (method === 'none') return points.slice();
  if (method === 'm4') return downsampleM4(points, Math.max(1, Math.floor((width * POINTS_PER_PIXEL) / 4)));
  return downsampleLttb(points, Math.max(3, width * POINTS_PER_PIXEL));
}
