import { describe, expect, it } from 'vitest';
import { levelOf, levelsOutOfOrder, summarise, trendOf } from './aggregate';

const rows = [
  { v: 4, t: 30 },
  { v: 1, t: 10 },
  { v: 7, t: 20 },
  { v: null, t: 40 },
  { v: 'oops', t: 50 },
];

describe('summarise', () => {
  it.each([
    ['last', 4, 7],
    ['mean', 4, 4],
    ['sum', 12, 8],
    ['min', 1, 1],
    ['max', 7, 7],
    ['count', 3, 2],
  ] as const)('%s over time-ordered rows, and before the newest time', (aggregate, value, previous) => {
    expect(summarise(rows, { value: 'v', aggregate, time: 't' })).toEqual({ value, previous, skipped: 1 });
  });

  it('uses arrival order without a time column and has no previous value', () => {
    expect(summarise(rows, { value: 'v', aggregate: 'last' })).toEqual({
      value: 7,
      previous: null,
      skipped: 1,
    });
  });

  it('leaves rows at the newest time out of the previous value together', () => {
    const tick = [
      { v: 1, t: 1 },
      { v: 3, t: 2 },
      { v: 5, t: 2 },
    ];
    expect(summarise(tick, { value: 'v', aggregate: 'mean', time: 't' })).toEqual({
      value: 3,
      previous: 1,
      skipped: 0,
    });
  });

  it('has no value without numbers', () => {
    expect(summarise([], { value: 'v', aggregate: 'mean' }).value).toBeNull();
    expect(summarise([], { value: 'v', aggregate: 'count' }).value).toBe(0);
  });
});

describe('levels and trends', () => {
  it('judges values where higher is better and where lower is better', () => {
    const high = { warnAt: 50, alarmAt: 20 };
    expect(levelOf(60, high)).toBe('ok');
    expect(levelOf(50, high)).toBe('warning');
    expect(levelOf(20, high)).toBe('alarm');
    const low = { warnAt: 70, alarmAt: 90, higherIsBetter: false };
    expect(levelOf(60, low)).toBe('ok');
    expect(levelOf(75, low)).toBe('warning');
    expect(levelOf(95, low)).toBe('alarm');
    expect(levelOf(5, {})).toBe('none');
    expect(levelOf(null, high)).toBe('none');
  });

  it('notices levels in the wrong order', () => {
    expect(levelsOutOfOrder({ warnAt: 10, alarmAt: 20 })).toBe(true);
    expect(levelsOutOfOrder({ warnAt: 30, alarmAt: 20 })).toBe(false);
    expect(levelsOutOfOrder({ warnAt: 30, alarmAt: 20, higherIsBetter: false })).toBe(true);
    expect(levelsOutOfOrder({ warnAt: 30 })).toBe(false);
  });

  it('tells the direction and whether it is good news', () => {
    expect(trendOf(5, 3)).toEqual({ direction: 'up', mood: 'good', delta: 2 });
    expect(trendOf(5, 8, false)).toEqual({ direction: 'down', mood: 'good', delta: -3 });
    expect(trendOf(5, 8)).toEqual({ direction: 'down', mood: 'bad', delta: -3 });
    expect(trendOf(5, 5)?.direction).toBe('flat');
    expect(trendOf(5, null)).toBeNull();
  });
});
