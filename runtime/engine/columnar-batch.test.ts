import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchRowCount, ChangeQueue, coalesceBatches } from './change-queue';
import {
  ColumnarBatch,
  concatParts,
  partColumn,
  partsOf,
  rowAt,
  rowsPart,
  slicePart,
  type RowsPart,
} from './columnar-batch';
import { isBatch } from './engine-graph';
import type { ChangeBatch, Row } from './node-api';

/** Base rows that count how often their columns are listed (what copying a row does), to see rows being built. */
function countedRows(rows: Row[]): { rows: Row[]; copies: () => number } {
  let copies = 0;
  const counted = rows.map(
    (row) =>
      new Proxy(row, {
        ownKeys(target) {
          copies++;
          return Reflect.ownKeys(target);
        },
      }),
  );
  return { rows: counted, copies: () => copies };
}

const BASE: Row[] = [
  { pump: 'A', v: 1 },
  { pump: 'B', v: 2 },
  { pump: 'C', v: 3 },
];

describe('columnar change batches', () => {
  it('reads as a plain batch: each row is its base row with the added columns set (an added column wins)', () => {
    const batch = new ColumnarBatch(
      { keys: ['1', '2'], base: BASE.slice(0, 2), added: { rul: Float32Array.of(410, 0.5), v: [10, null] } },
      { keys: ['3'], base: BASE.slice(2), added: { rul: [7], v: [30] } },
      ['9'],
    );
    const expected: ChangeBatch = {
      inserts: [
        { key: '1', row: { pump: 'A', v: 10, rul: 410 } },
        { key: '2', row: { pump: 'B', v: null, rul: 0.5 } },
      ],
      updates: [{ key: '3', row: { pump: 'C', v: 30, rul: 7 } }],
      deletes: ['9'],
    };
    expect(batch).toEqual(expected);
    // A spread (as a node passing the batch on might do) carries the rows too.
    expect({ ...batch }).toEqual(expected);
    expect(isBatch(batch)).toBe(true);
    // The base rows are not changed.
    expect(BASE[0]).toEqual({ pump: 'A', v: 1 });
  });

  it('builds its rows only when they are read, once, and shares them among readers', () => {
    const { rows, copies } = countedRows(BASE);
    const batch = new ColumnarBatch({ keys: ['1', '2', '3'], base: rows, added: { rul: [1, 2, 3] } });
    expect(batch.rowCount).toBe(3);
    expect(batchRowCount(batch)).toBe(3);
    expect(Array.from(partColumn(partsOf(batch).inserts, 'rul'))).toEqual([1, 2, 3]);
    expect(copies()).toBe(0);
    const first = batch.inserts;
    expect(copies()).toBe(3);
    expect(batch.inserts).toBe(first);
    expect(copies()).toBe(3);
    expect(first[2]).toEqual({ key: '3', row: { pump: 'C', v: 3, rul: 3 } });
  });

  it('passes a lone columnar batch through a change queue as it is, and folds it like any other', () => {
    const { rows, copies } = countedRows(BASE);
    const batch = new ColumnarBatch({ keys: ['1', '2', '3'], base: rows, added: { rul: [1, 2, 3] } });
    const queue = new ChangeQueue();
    queue.push(batch);
    expect(queue.size).toBe(3);
    expect(queue.take()).toBe(batch);
    expect(copies()).toBe(0);
    queue.push(batch);
    queue.push({ inserts: [], updates: [{ key: '2', row: { pump: 'B', v: 5 } }], deletes: ['3'] });
    expect(queue.take()).toEqual({
      inserts: [
        { key: '1', row: { pump: 'A', v: 1, rul: 1 } },
        { key: '2', row: { pump: 'B', v: 5 } },
      ],
      updates: [],
      deletes: [],
    });
  });

  it('joins queued columnar batches with new keys by columns, with the net effect of folding them', () => {
    const { rows, copies } = countedRows(BASE);
    const queue = new ChangeQueue();
    queue.push(new ColumnarBatch({ keys: ['1'], base: [rows[0]], added: { rul: [1] } }));
    queue.push(
      new ColumnarBatch({ keys: ['2'], base: [rows[1]], added: { rul: Float32Array.of(2) } }, undefined, [
        '9',
      ]),
    );
    queue.push(new ColumnarBatch(rowsPart([]), { keys: ['3'], base: [rows[2]], added: { score: [0.5] } }));
    expect(queue.size).toBe(4);
    const taken = queue.take();
    expect(copies()).toBe(0);
    expect(taken).toBeInstanceOf(ColumnarBatch);
    expect(Array.from(partColumn(partsOf(taken).inserts, 'rul'))).toEqual([1, 2]);
    expect(taken).toEqual({
      inserts: [
        { key: '1', row: { pump: 'A', v: 1, rul: 1 } },
        { key: '2', row: { pump: 'B', v: 2, rul: 2 } },
      ],
      updates: [{ key: '3', row: { pump: 'C', v: 3, score: 0.5 } }],
      deletes: ['9'],
    });
    expect(queue.size).toBe(0);
  });

  it('coalesces any mix of columnar and plain batches exactly as it coalesces their rows', () => {
    const change = fc.record({
      key: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      op: fc.constantFrom('insert', 'update', 'delete'),
      v: fc.integer({ min: 0, max: 99 }),
    });
    const batchArb = fc.record({
      columnar: fc.boolean(),
      changes: fc.uniqueArray(change, { selector: (c) => c.key, maxLength: 4 }),
    });
    fc.assert(
      fc.property(fc.array(batchArb, { maxLength: 6 }), (specs) => {
        const plain: ChangeBatch[] = specs.map(({ changes }) => ({
          inserts: changes.filter((c) => c.op === 'insert').map((c) => ({ key: c.key, row: { v: c.v } })),
          updates: changes.filter((c) => c.op === 'update').map((c) => ({ key: c.key, row: { v: c.v } })),
          deletes: changes.filter((c) => c.op === 'delete').map((c) => c.key),
        }));
        // The same batches, some as columnar ones: the value as an added column on an empty base row.
        const asColumns = (rows: ChangeBatch['inserts']): RowsPart => ({
          keys: rows.map((r) => r.key),
          base: rows.map(() => ({})),
          added: { v: rows.map((r) => r.row.v) },
        });
        const mixed = plain.map((b, i) =>
          specs[i].columnar ? new ColumnarBatch(asColumns(b.inserts), asColumns(b.updates), b.deletes) : b,
        );
        const queue = new ChangeQueue();
        for (const b of mixed) queue.push(b);
        const expected = coalesceBatches(plain);
        expect(queue.size).toBe(batchRowCount(expected));
        expect(queue.take()).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('gives any batch as parts: a plain batch as base rows, without copying them', () => {
    const plain: ChangeBatch = {
      inserts: [{ key: 'a', row: BASE[0] }],
      updates: [{ key: 'b', row: BASE[1] }],
      deletes: [],
    };
    const parts = partsOf(plain);
    expect(parts.inserts).toEqual({ keys: ['a'], base: [BASE[0]], added: {} });
    expect(parts.inserts.base[0]).toBe(BASE[0]);
    expect(parts.updates.keys).toEqual(['b']);
    expect(partsOf({ inserts: [], updates: [], deletes: ['x'] }).inserts.keys).toEqual([]);
  });

  it('reads a column from the added columns or else from the base rows, and builds one row on demand', () => {
    const part: RowsPart = { keys: ['1', '2'], base: BASE.slice(0, 2), added: { rul: [5, 6] } };
    expect(rowAt(part, 1)).toEqual({ pump: 'B', v: 2, rul: 6 });
    expect(Array.from(partColumn(part, 'rul'))).toEqual([5, 6]);
    expect(Array.from(partColumn(part, 'pump'))).toEqual(['A', 'B']);
    expect(Array.from(partColumn(part, 'missing'))).toEqual([undefined, undefined]);
  });

  it('joins two parts, reading a column added to only one of them from the base rows of the other', () => {
    const a: RowsPart = { keys: ['1'], base: [BASE[0]], added: { rul: Float64Array.of(5) } };
    const b: RowsPart = { keys: ['2'], base: [{ pump: 'B', rul: 9 }], added: { score: [0.5] } };
    const joined = concatParts(a, b);
    expect(joined.keys).toEqual(['1', '2']);
    expect(new ColumnarBatch(joined).inserts).toEqual([
      { key: '1', row: { pump: 'A', v: 1, rul: 5, score: null } },
      { key: '2', row: { pump: 'B', rul: 9, score: 0.5 } },
    ]);
    const empty = rowsPart([]);
    expect(concatParts(a, empty)).toBe(a);
    expect(concatParts(empty, b)).toBe(b);
  });

  it('slices a part, viewing typed columns rather than copying them', () => {
    const rul = Float32Array.of(1, 2, 3);
    const part: RowsPart = { keys: ['1', '2', '3'], base: BASE, added: { rul, note: ['x', 'y', 'z'] } };
    const tail = slicePart(part, 1, 3);
    expect(tail.keys).toEqual(['2', '3']);
    expect(tail.base).toEqual(BASE.slice(1));
    expect((tail.added.rul as Float32Array).buffer).toBe(rul.buffer);
    expect(Array.from(tail.added.rul)).toEqual([2, 3]);
    expect(tail.added.note).toEqual(['y', 'z']);
    expect(slicePart(part, 0, 3)).toBe(part);
    expect(slicePart(part, 3, 3).keys).toEqual([]);
  });
});
