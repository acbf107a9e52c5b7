import { describe, expect, it } from 'vitest';
import { KeyedRows } from './keyed-rows';

const batch = (
  inserts: [string, number][] = [],
  updates: [string, number][] = [],
  deletes: string[] = [],
) => ({
  inserts: inserts.map(([key, v]) => ({ key, row: { v, t: v } })),
  updates: updates.map(([key, v]) => ({ key, row: { v, t: 100 - v } })),
  deletes,
});

describe('KeyedRows', () => {
  it('applies inserts, updates and deletes by key', () => {
    const rows = new KeyedRows();
    expect(rows.received).toBe(false);
    rows.apply(
      batch([
        ['a', 1],
        ['b', 2],
        ['c', 3],
      ]),
    );
    rows.apply(batch([], [['b', 20]], ['a']));
    expect(rows.received).toBe(true);
    expect(rows.version).toBe(2);
    expect(rows.size).toBe(2);
    expect(rows.entries().map((e) => [e.key, e.row.v])).toEqual([
      ['b', 20],
      ['c', 3],
    ]);
    expect(rows.get('a')).toBeUndefined();
  });

  it('finds the latest row by time column or by arrival', () => {
    const rows = new KeyedRows();
    rows.apply(
      batch([
        ['a', 1],
        ['b', 5],
        ['c', 3],
      ]),
    );
    expect(rows.latest('t')?.key).toBe('b');
    expect(rows.latest()?.key).toBe('c');
    rows.apply(batch([], [['a', 90]]));
    expect(rows.latest()?.key).toBe('a');
    expect(rows.latest('t')?.key).toBe('a'); // t = 100 - 90 = 10
    expect(rows.byRecency().map((r) => r.v)).toEqual([5, 3, 90]);
    expect(new KeyedRows().latest()).toBeUndefined();
  });

  it('marks an empty first batch as received', () => {
    const rows = new KeyedRows();
    rows.apply(batch());
    expect(rows.received).toBe(true);
    expect(rows.size).toBe(0);
  });
});
