import { describe, expect, it } from 'vitest';
import { downsampleSeries, type DownsampleMethod } from './downsample';
import { IncrementalThinner } from './incremental-thinning';

interface Pt {
  x: number;
  y: number;
}

function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** Inserts a point keeping x order, as the series store does. */
function insertSorted(points: Pt[], p: Pt): void {
  let i = points.length;
  while (i > 0 && points[i - 1].x > p.x) i--;
  points.splice(i, 0, p);
}

const same = (a: readonly Pt[], b: readonly Pt[]) => a.length === b.length && a.every((p, i) => p === b[i]);

describe('IncrementalThinner', () => {
  it.each(['lttb', 'm4', 'none'] as DownsampleMethod[])(
    '%s: gives exactly what thinning from scratch gives, through a stream of changes',
    (method) => {
      const rand = random(method.length * 7919);
      const points: Pt[] = [];
      let nextX = 0;
      const thinner = new IncrementalThinner<Pt>();
      for (let step = 0; step < 400; step++) {
        // Mostly appends with the oldest dropped, sometimes a point in the middle, an update or a gap.
        const appended = step < 30 ? 400 : 1 + Math.floor(rand() * 30);
        for (let k = 0; k < appended; k++) {
          nextX += rand() < 0.02 ? 5000 : 1 + Math.floor(rand() * 10);
          const p = { x: nextX, y: Math.sin(nextX / 300) * 10 + rand() };
          points.push(p);
          thinner.touched(p.x);
        }
        if (points.length > 8000)
          for (const old of points.splice(0, points.length - 8000)) thinner.touched(old.x);
        if (rand() < 0.3) {
          const at = Math.floor(rand() * points.length);
          const [gone] = points.splice(at, 1);
          thinner.touched(gone.x);
          const moved = { x: gone.x, y: gone.y + (rand() - 0.5) * 50 };
          insertSorted(points, moved);
          thinner.touched(moved.x);
        }
        const width = step % 97 === 96 ? 300 : 640;
        const expected = downsampleSeries(method, points, width);
        const got = thinner.thin(method, points, width);
        if (!same(got, expected)) expect({ step, got: got.length }).toEqual({ step, got: expected.length });
        expect(same(got, expected)).toBe(true);
      }
    },
  );

  it('reads far fewer points when only the ends of a long series change', () => {
    let reads = 0;
    const make = (x: number): Pt => {
      const y = Math.sin(x / 500);
      return {
        x,
        get y() {
          reads++;
          return y;
        },
      };
    };
    const points = Array.from({ length: 100_000 }, (_, i) => make(i));
    const thinner = new IncrementalThinner<Pt>();
    thinner.thin('lttb', points, 600);
    const full = reads;
    for (let i = 100_000; i < 100_017; i++) {
      const p = make(i);
      points.push(p);
      thinner.touched(p.x);
      thinner.touched(points.shift()!.x);
    }
    reads = 0;
    const result = thinner.thin('lttb', points, 600);
    const incremental = reads;
    expect(same(result, downsampleSeries('lttb', points, 600))).toBe(true);
    expect(full).toBeGreaterThan(200_000);
    expect(incremental).toBeLessThan(full / 20);
  });
});
