import { describe, expect, it } from 'vitest';
import {
  alignedBucketWidth,
  downsampleLttb,
  downsampleM4,
  downsampleSeries,
  POINTS_PER_PIXEL,
  type XY,
} from './downsample';

const pts = (ys: number[]): XY[] => ys.map((y, x) => ({ x, y }));

/** A deterministic noisy series with a few spikes, like sensor data. */
function sensor(n: number): XY[] {
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5;
  return Array.from({ length: n }, (_, x) => ({
    x: 1_700_000_000_000 + x * 1000,
    y: Math.sin(x / 500) * 10 + rand() + (x % 9973 === 5000 ? 40 : 0),
  }));
}

function expectSubsequence(out: readonly XY[], input: readonly XY[]): void {
  let at = -1;
  for (const p of out) {
    const next = input.indexOf(p, at + 1);
    expect(next, 'each kept point is an input point, in input order').toBeGreaterThan(at);
    at = next;
  }
}

describe('LTTB', () => {
  it('keeps the peak of each bucket (hand-computed)', () => {
    const input = pts([0, 5, 1, 0]);
    // One bucket (points 1..2) with the next bucket's average at (3, 0): triangle areas 15 and 3.
    expect(downsampleLttb(input, 3)).toEqual([input[0], input[1], input[3]]);
  });

  it('picks the largest triangle in every bucket (hand-computed, two buckets)', () => {
    const input = pts([0, 1, 8, 2, -6, 1, 0]);
    // Inner points x 1..5 (span 4) in at most 2 buckets: width 4, so buckets floor(x / 4) → x 1..3 and x 4..5.
    // Bucket 1, a = (0, 0), next average (4.5, -2.5): area |-4.5y - 2.5x| → x=1: 7, x=2: 41, x=3: 16.5 → point 2.
    // Bucket 2, a = (2, 8), next = last point (6, 0): area |48 - 4y - 8x| → x=4: 40, x=5: 4 → point 4.
    expect(downsampleLttb(input, 4)).toEqual([input[0], input[2], input[4], input[6]]);
  });

  it('returns short series unchanged and handles tiny thresholds', () => {
    const input = pts([3, 1, 2]);
    expect(downsampleLttb(input, 10)).toEqual(input);
    expect(downsampleLttb(input, 2)).toEqual([input[0], input[2]]);
    expect(downsampleLttb(input, 1)).toEqual([input[0]]);
    expect(downsampleLttb([], 5)).toEqual([]);
  });

  it.each([3, 10, 100, 1000])('keeps first and last, stays within %i points, in order', (threshold) => {
    const input = sensor(20_000);
    const out = downsampleLttb(input, threshold);
    expect(out.length).toBeLessThanOrEqual(threshold);
    // Power-of-two bucket widths use at least half the buckets allowed.
    expect(out.length).toBeGreaterThanOrEqual(threshold / 2);
    expect(out[0]).toBe(input[0]);
    expect(out.at(-1)).toBe(input.at(-1));
    expectSubsequence(out, input);
  });
});

describe('M4', () => {
  it('keeps first, lowest, highest and last of a column (hand-computed)', () => {
    const input = pts([1, 9, 0, 4, 2]);
    expect(downsampleM4(input, 1)).toEqual([input[0], input[1], input[2], input[4]]);
  });

  it('works column by column and never repeats a point (hand-computed)', () => {
    // x 12..21 (span 9) in at most 2 columns: width 16, so columns floor(x / 16) → x 12..15 and x 16..21.
    const input = [5, 5, 5, 5, 1, 7, 3, 3, 2, 5].map((y, i) => ({ x: 12 + i, y }));
    // Column 1 is flat: its first point is also min and max → first and last only.
    // Column 2: first x=16 (y 1, also the min), max x=17 (y 7), last x=21.
    expect(downsampleM4(input, 2)).toEqual([input[0], input[3], input[4], input[5], input[9]]);
  });

  it('keeps every spike that a plain stride would miss', () => {
    const input = sensor(100_000);
    const out = downsampleM4(input, 300);
    const spikes = input.filter((p) => p.y > 30);
    expect(spikes.length).toBeGreaterThan(5);
    for (const spike of spikes) expect(out).toContain(spike);
  });

  it.each([1, 50, 500])('keeps first and last, at most 4 per column (%i columns), in order', (columns) => {
    const input = sensor(50_000);
    const out = downsampleM4(input, columns);
    expect(out.length).toBeLessThanOrEqual(4 * columns);
    expect(out[0]).toBe(input[0]);
    expect(out.at(-1)).toBe(input.at(-1));
    expectSubsequence(out, input);
  });

  it('handles a series whose points all share one x', () => {
    const input = Array.from({ length: 20 }, (_, i) => ({ x: 5, y: i % 7 }));
    const out = downsampleM4(input, 2);
    expect(out[0]).toBe(input[0]);
    expect(out.at(-1)).toBe(input[19]);
    expect(out.length).toBeLessThanOrEqual(4);
  });
});

describe('downsampleSeries', () => {
  it.each(['lttb', 'm4'] as const)(
    '%s holds at most POINTS_PER_PIXEL points per pixel of plot width (4 at the least)',
    (method) => {
      const input = sensor(100_000);
      for (const width of [1, 37, 400, 1280]) {
        const out = downsampleSeries(method, input, width);
        expect(out.length).toBeLessThanOrEqual(Math.max(4, width * POINTS_PER_PIXEL));
        expect(out[0]).toBe(input[0]);
        expect(out.at(-1)).toBe(input.at(-1));
      }
    },
  );

  it('thins each series on its own, so a short series stays whole beside a long one', () => {
    const long = sensor(30_000);
    const short = pts([1, 2, 3]);
    expect(downsampleSeries('lttb', long, 200).length).toBeGreaterThan(200);
    expect(downsampleSeries('lttb', long, 200).length).toBeLessThanOrEqual(400);
    expect(downsampleSeries('lttb', short, 200)).toEqual(short);
    expect(downsampleSeries('m4', short, 200)).toEqual(short);
  });

  it.each(['lttb', 'm4'] as const)(
    '%s: a stream that appends and drops a few points changes only a few kept points',
    (method) => {
      const all = sensor(100_200);
      const before = downsampleSeries(method, all.slice(0, 100_000), 600);
      const after = new Set(downsampleSeries(method, all.slice(17, 100_017), 600));
      const changed = before.filter((p) => !after.has(p)).length;
      expect(before.length).toBeGreaterThan(300);
      expect(changed).toBeLessThan(before.length * 0.05);
    },
  );

  it('aligns buckets on powers of two', () => {
    expect(alignedBucketWidth(0, 1000, 10)).toBe(128);
    expect(alignedBucketWidth(5, 5, 10)).toBe(1);
    expect(alignedBucketWidth(0, 1, 8)).toBe(0.125);
  });

  it('"none" keeps every point', () => {
    const input = sensor(5000);
    expect(downsampleSeries('none', input, 10)).toEqual(input);
  });
});
