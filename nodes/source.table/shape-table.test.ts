import { describe, expect, it } from 'vitest';
import type { ColumnInfo } from '../../runtime/compiler/plan';
import { ShapeTable } from './shape-table';

const columns: ColumnInfo[] = [
  { name: 'id', type: 'int8' },
  { name: 'ts', type: 'timestamptz' },
  { name: 'v', type: 'float8' },
  { name: 'note', type: 'text' },
];

describe('ShapeTable', () => {
  it('turns shape changes into batches of whole rows in the blueprint names and value conventions', () => {
    const table = new ShapeTable(columns, { maxRows: 10, mapping: { ts: 'recorded_at' } });
    const first = table.apply([
      {
        key: 'a',
        operation: 'insert',
        value: { id: '1', recorded_at: '2024-01-01 00:00:00+00', v: 1.5, note: 'x' },
      },
      { key: 'a', operation: 'update', value: { v: '2.5' } },
      { key: 'b', operation: 'insert', value: { id: 2n, recorded_at: 0, v: null, note: 'y' } },
    ]);
    expect(first).toEqual({
      inserts: [
        { key: 'a', row: { id: 1, ts: Date.UTC(2024, 0, 1), v: 2.5, note: 'x' } },
        { key: 'b', row: { id: 2, ts: 0, v: null, note: 'y' } },
      ],
      updates: [],
      deletes: [],
    });
    expect(
      table.apply([
        { key: 'b', operation: 'insert', value: { id: 2, recorded_at: 5, v: 1, note: 'again' } }, // a known key: update
        { key: 'a', operation: 'delete', value: { id: 1 } },
        { key: 'zz', operation: 'delete', value: {} }, // unknown: ignored
      ]),
    ).toEqual({
      inserts: [],
      updates: [{ key: 'b', row: { id: 2, ts: 5, v: 1, note: 'again' } }],
      deletes: ['a'],
    });
    expect(table.clear()).toEqual({ inserts: [], updates: [], deletes: ['b'] });
    expect(table.size).toBe(0);
  });

  it('keeps the newest maxRows rows', () => {
    const table = new ShapeTable(columns, { maxRows: 2 });
    const row = (id: number) => ({ id, ts: 0, v: 0, note: '' });
    table.apply([1, 2].map((id) => ({ key: `k${id}`, operation: 'insert' as const, value: row(id) })));
    const batch = table.apply(
      [3, 4, 5].map((id) => ({ key: `k${id}`, operation: 'insert' as const, value: row(id) })),
    );
    expect(batch.deletes.sort()).toEqual(['k1', 'k2']);
    expect(batch.inserts.map((r) => r.key)).toEqual(['k4', 'k5']); // k3 came and went within the batch
    expect([...table.rows()].map(([key]) => key)).toEqual(['k4', 'k5']);
  });

  it('notes declared columns that are missing or hold values of another type', () => {
    const table = new ShapeTable(columns, { maxRows: 5, optional: new Set(['note']) });
    table.apply([{ key: 'a', operation: 'insert', value: { id: 1, ts: 'yesterday' } }]);
    expect([...table.issues.missing]).toEqual(['v']);
    expect([...table.issues.unreadable]).toEqual(['ts']);
  });
});
