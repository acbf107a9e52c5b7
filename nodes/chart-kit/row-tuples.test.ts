import { describe, expect, it } from 'vitest';
import type { Row } from '../../runtime/engine/node-api';
import { RowTuples } from './row-tuples';
import { finiteNumber } from './series-points';

const toTuple = (row: Row) => {
  const value = finiteNumber(row.v);
  return value === undefined ? null : { category: String(row.c), value };
};

describe('RowTuples', () => {
  it('inserts one tuple per row and leaves out rows that cannot be drawn', () => {
    const data = new RowTuples(toTuple, { maxRows: 100 });
    data.apply({
      inserts: [
        { key: '1', row: { c: 'A', v: 1 } },
        { key: '2', row: { c: 'B', v: 'x' } },
      ],
      updates: [],
      deletes: [],
    });
    expect(data.changes(0)).toEqual({ insert: [{ category: 'A', value: 1 }], remove: [] });
    expect(data.rowCount).toBe(2);
    expect(data.shownCount).toBe(1);
  });

  it('coalesces many changes of a key into one removal and one insertion', () => {
    const data = new RowTuples(toTuple, { maxRows: 100 });
    data.apply({ inserts: [{ key: '1', row: { c: 'A', v: 1 } }], updates: [], deletes: [] });
    const [first] = data.changes(0).insert;
    for (let v = 2; v <= 10; v++)
      data.apply({ inserts: [], updates: [{ key: '1', row: { c: 'A', v } }], deletes: [] });
    const changes = data.changes(0);
    expect(changes.remove).toEqual([first]);
    expect(changes.remove[0]).toBe(first);
    expect(changes.insert).toEqual([{ category: 'A', value: 10 }]);
  });

  it('removes deleted rows, and a row inserted and deleted before drawing costs nothing', () => {
    const data = new RowTuples(toTuple, { maxRows: 100 });
    data.apply({ inserts: [{ key: '1', row: { c: 'A', v: 1 } }], updates: [], deletes: [] });
    const [shown] = data.changes(0).insert;
    data.apply({ inserts: [{ key: '2', row: { c: 'B', v: 2 } }], updates: [], deletes: ['1'] });
    data.apply({ inserts: [], updates: [], deletes: ['2'] });
    expect(data.changes(0)).toEqual({ insert: [], remove: [shown] });
    expect(data.rowCount).toBe(0);
  });

  it('drops the oldest rows beyond maxRows, an updated row counting as new', () => {
    const data = new RowTuples(toTuple, { maxRows: 2 });
    data.apply({
      inserts: [
        { key: '1', row: { c: 'A', v: 1 } },
        { key: '2', row: { c: 'B', v: 2 } },
      ],
      updates: [],
      deletes: [],
    });
    data.apply({ inserts: [], updates: [{ key: '1', row: { c: 'A', v: 5 } }], deletes: [] });
    data.apply({ inserts: [{ key: '3', row: { c: 'C', v: 3 } }], updates: [], deletes: [] });
    expect(data.sample(10)).toEqual([
      { c: 'A', v: 5 },
      { c: 'C', v: 3 },
    ]);
    expect(
      data
        .changes(0)
        .insert.map((t) => t.category)
        .sort(),
    ).toEqual(['A', 'C']);
  });

  it('forgets the screen so a new view gets every row again', () => {
    const data = new RowTuples(toTuple, { maxRows: 10 });
    data.apply({ inserts: [{ key: '1', row: { c: 'A', v: 1 } }], updates: [], deletes: [] });
    data.changes(0);
    data.forget();
    expect(data.changes(0)).toEqual({ insert: [{ category: 'A', value: 1 }], remove: [] });
  });
});
