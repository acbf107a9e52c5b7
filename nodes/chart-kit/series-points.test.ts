import { describe, expect, it } from 'vitest';
import type { ChangeBatch, KeyedRow } from '../../runtime/engine/node-api';
import { SeriesPoints, type ChartTuple } from './series-points';

const batch = (inserts: KeyedRow[] = [], updates: KeyedRow[] = [], deletes: string[] = []): ChangeBatch => ({
  inserts,
  updates,
  deletes,
});
const row = (key: string, ts: number, values: Record<string, number | string | null>): KeyedRow => ({
  key,
  row: { ts, ...values },
});

/** Applies changes to a plain set, as the view does, so tests can look at what is on screen. */
function screen() {
  const shown = new Set<ChartTuple>();
  return {
    shown,
    take(changes: { insert: ChartTuple[]; remove: ChartTuple[] }) {
      for (const t of changes.remove) expect(shown.delete(t), 'removes only what is shown').toBe(true);
      for (const t of changes.insert) {
        expect(shown.has(t), 'inserts only what is not shown').toBe(false);
        shown.add(t);
      }
      return [...shown].map((t) => ({ ...t })).sort((a, b) => Number(a.x) - Number(b.x));
    },
  };
}

describe('SeriesPoints', () => {
  it('folds several y columns into one series each and splits by color', () => {
    const data = new SeriesPoints(
      { x: 'ts', ys: ['a', 'b'], color: 'pump' },
      { maxRows: 100, method: 'none' },
    );
    data.apply(batch([row('1', 1, { a: 10, b: 20, pump: 'P1' }), row('2', 2, { a: 11, b: 21, pump: 'P2' })]));
    const view = screen();
    const shown = view.take(data.changes(500));
    expect(shown.map((t) => t.series).sort()).toEqual(['P1 · a', 'P1 · b', 'P2 · a', 'P2 · b']);
    expect(data.seriesCount).toBe(4);
    expect(data.shownCount).toBe(4);
  });

  it('names a single series by its column and one per color value by that value', () => {
    const plain = new SeriesPoints({ x: 'ts', ys: ['temp'] }, { maxRows: 100, method: 'none' });
    plain.apply(batch([row('1', 1, { temp: 3 })]));
    expect(plain.changes(100).insert).toEqual([{ x: 1, y: 3, series: 'temp' }]);
    const split = new SeriesPoints(
      { x: 'ts', ys: ['temp'], color: 'pump' },
      { maxRows: 100, method: 'none' },
    );
    split.apply(batch([row('1', 1, { temp: 3, pump: 'P9' })]));
    expect(split.changes(100).insert).toEqual([{ x: 1, y: 3, series: 'P9' }]);
  });

  it('replaces a row on update and removes it on delete', () => {
    const data = new SeriesPoints({ x: 'ts', ys: ['v'] }, { maxRows: 100, method: 'none' });
    const view = screen();
    data.apply(batch([row('1', 1, { v: 1 }), row('2', 2, { v: 2 }), row('3', 3, { v: 3 })]));
    view.take(data.changes(100));
    data.apply(batch([], [row('2', 2, { v: 20 })], ['3']));
    const changes = data.changes(100);
    expect(changes.remove.map((t) => t.y).sort()).toEqual([2, 3]);
    expect(changes.insert.map((t) => t.y)).toEqual([20]);
    expect(view.take(changes).map((t) => t.y)).toEqual([1, 20]);
    expect(data.rowCount).toBe(2);
  });

  it('keeps points sorted by x whatever order they arrive in, and leaves out rows without numbers', () => {
    const data = new SeriesPoints({ x: 'ts', ys: ['v'] }, { maxRows: 100, method: 'lttb' });
    data.apply(batch([row('c', 30, { v: 3 }), row('a', 10, { v: 1 }), row('b', 20, { v: 2 })]));
    data.apply(batch([row('n', 15, { v: null }), row('s', 16, { v: 'high' })]));
    // A width of 1 pixel allows 3 points with LTTB: the three valid ones, first and last kept.
    const view = screen();
    expect(view.take(data.changes(1)).map((t) => t.x)).toEqual([10, 20, 30]);
    expect(data.rowCount).toBe(5);
  });

  it('drops the oldest rows beyond maxRows', () => {
    const data = new SeriesPoints({ x: 'ts', ys: ['v'] }, { maxRows: 3, method: 'none' });
    const view = screen();
    data.apply(batch([1, 2, 3, 4, 5].map((i) => row(String(i), i, { v: i }))));
    expect(view.take(data.changes(100)).map((t) => t.x)).toEqual([3, 4, 5]);
    data.apply(batch([row('6', 6, { v: 6 })]));
    expect(view.take(data.changes(100)).map((t) => t.x)).toEqual([4, 5, 6]);
  });

  it('thins each series for the plot width and redraws only changed series', () => {
    const data = new SeriesPoints({ x: 'ts', ys: ['v'], color: 'g' }, { maxRows: 1_000_000, method: 'lttb' });
    const inserts = Array.from({ length: 20_000 }, (_, i) =>
      row(String(i), i, { v: Math.sin(i / 50), g: i % 2 ? 'odd' : 'even' }),
    );
    data.apply(batch(inserts));
    const view = screen();
    const shown = view.take(data.changes(100));
    for (const series of ['odd', 'even']) {
      const count = shown.filter((t) => t.series === series).length;
      expect(count).toBeLessThanOrEqual(200);
      expect(count).toBeGreaterThanOrEqual(100);
    }
    expect(shown[0].x).toBe(0);
    expect(shown.at(-1)!.x).toBe(19_999);
    // A new point on one series touches that series only.
    data.apply(batch([row('new', 20_000, { v: 0, g: 'even' })]));
    const next = data.changes(100);
    expect([...next.insert, ...next.remove].every((t) => t.series === 'even')).toBe(true);
    view.take(next);
    // Nothing changed: nothing to do. A new width: every series is thinned again.
    expect(data.changes(100)).toEqual({ insert: [], remove: [] });
    const before = view.shown.size;
    view.take(data.changes(50));
    expect(view.shown.size).toBeLessThan(before);
    expect(view.shown.size).toBeLessThanOrEqual(200);
  });

  it('forgets the screen so a new view gets everything again', () => {
    const data = new SeriesPoints({ x: 'ts', ys: ['v'] }, { maxRows: 100, method: 'none' });
    data.apply(batch([row('1', 1, { v: 1 }), row('2', 2, { v: 2 })]));
    data.changes(100);
    data.forget();
    expect(data.shownCount).toBe(0);
    const again = data.changes(100);
    expect(again.insert).toHaveLength(2);
    expect(again.remove).toEqual([]);
  });

  it('offers the latest rows as a preview', () => {
    const data = new SeriesPoints({ x: 'ts', ys: ['v'] }, { maxRows: 100, method: 'none' });
    data.apply(batch([1, 2, 3].map((i) => row(String(i), i, { v: i }))));
    expect(data.sample(2)).toEqual([
      { ts: 2, v: 2 },
      { ts: 3, v: 3 },
    ]);
  });
});
