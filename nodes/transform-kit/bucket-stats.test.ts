import { describe, expect, it } from 'vitest';
import { BucketStats } from './bucket-stats';

describe('BucketStats', () => {
  it('summarises values, skips nulls and takes last by time then key', () => {
    const s = new BucketStats();
    expect([s.value('mean'), s.value('sum'), s.value('count'), s.value('std'), s.value('last')]).toEqual([
      null,
      0,
      0,
      null,
      null,
    ]);
    s.add(4, 2, 'b');
    s.add(NaN, 9, 'z');
    s.add(2, 1, 'a');
    s.add(9, 2, 'a');
    expect(s.value('count')).toBe(3);
    expect(s.value('sum')).toBe(15);
    expect(s.value('mean')).toBe(5);
    expect(s.value('min')).toBe(2);
    expect(s.value('max')).toBe(9);
    expect(s.value('std')).toBeCloseTo(Math.sqrt(13), 10);
    expect(s.value('last')).toBe(4);
    s.reset();
    expect(s.value('count')).toBe(0);
  });
});
