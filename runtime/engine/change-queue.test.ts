import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchRowCount, ChangeQueue, coalesceBatches, isEmptyBatch } from './change-queue';
import type { ChangeBatch, Row } from './node-api';

const ins = (key: string, v: number): ChangeBatch => ({
  inserts: [{ key, row: { v } }],
  updates: [],
  deletes: [],
});
const upd = (key: string, v: number): ChangeBatch => ({
  inserts: [],
  updates: [{ key, row: { v } }],
  deletes: [],
});
const del = (key: string): ChangeBatch => ({ inserts: [], updates: [], deletes: [key] });

/** Applies a batch to a table held by a consumer, as a node would. */
function apply(table: Map<string, Row>, batch: ChangeBatch): void {
  for (const key of batch.deletes) table.delete(key);
  for (const { key, row } of batch.inserts) table.set(key, row);
  for (const { key, row } of batch.updates) table.set(key, row);
}

describe('coalescing changes by key', () => {
  it.each([
    ['insert then update = insert with the new row', [ins('a', 1), upd('a', 2)], ins('a', 2)],
    ['insert then delete = nothing', [ins('a', 1), del('a')], { inserts: [], updates: [], deletes: [] }],
    ['update then update = update with the newest row', [upd('a', 1), upd('a', 2)], upd('a', 2)],
    ['update then delete = delete', [upd('a', 1), del('a')], del('a')],
    ['delete then insert = update', [del('a'), ins('a', 3)], upd('a', 3)],
    ['delete then update = update', [del('a'), upd('a', 3)], upd('a', 3)],
    ['delete then delete = delete', [del('a'), del('a')], del('a')],
    ['update then insert = update', [upd('a', 1), ins('a', 2)], upd('a', 2)],
    ['insert, delete, insert = insert', [ins('a', 1), del('a'), ins('a', 2)], ins('a', 2)],
    ['update, delete, insert = update', [upd('a', 1), del('a'), ins('a', 2)], upd('a', 2)],
  ])('%s', (_name, batches, expected) => {
    expect(coalesceBatches(batches)).toEqual(expected);
  });

  it('keeps independent keys apart and in first-queued order', () => {
    const queue = new ChangeQueue();
    queue.push({
      inserts: [{ key: 'b', row: { v: 1 } }],
      updates: [{ key: 'a', row: { v: 1 } }],
      deletes: ['c'],
    });
    queue.push({
      inserts: [{ key: 'd', row: { v: 4 } }],
      updates: [{ key: 'b', row: { v: 2 } }],
      deletes: [],
    });
    expect(queue.size).toBe(4);
    expect(queue.take()).toEqual({
      inserts: [
        { key: 'b', row: { v: 2 } },
        { key: 'd', row: { v: 4 } },
      ],
      updates: [{ key: 'a', row: { v: 1 } }],
      deletes: ['c'],
    });
    expect(queue.size).toBe(0);
    expect(isEmptyBatch(queue.take())).toBe(true);
  });

  it('passes a lone batch through untouched, and folds it once a second one comes', () => {
    const queue = new ChangeQueue();
    const first: ChangeBatch = { inserts: [{ key: 'a', row: { v: 1 } }], updates: [], deletes: ['x', 'y'] };
    queue.push(first);
    expect(queue.size).toBe(3);
    const taken = queue.take();
    expect(taken.inserts).toBe(first.inserts); // no copy for a consumer that keeps up
    expect(taken).toEqual(first);
    queue.push(first);
    queue.push(del('a'));
    expect(queue.size).toBe(2);
    expect(queue.take()).toEqual({ inserts: [], updates: [], deletes: ['x', 'y'] });
  });

  it('clear drops what is pending', () => {
    const queue = new ChangeQueue();
    queue.push(ins('a', 1));
    queue.clear();
    expect(queue.take()).toEqual({ inserts: [], updates: [], deletes: [] });
  });

  it('counts rows', () => {
    expect(batchRowCount({ inserts: [{ key: 'a', row: {} }], updates: [], deletes: ['b', 'c'] })).toBe(3);
  });

  it('the coalesced batch has the same effect as the batches one by one, for any valid history', () => {
    // A history of batches that are each valid for the consumer's table at that moment: inserts of absent keys,
    // updates and deletes of present ones, each key at most once per batch.
    const history = fc
      .array(
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e'), fc.nat(3), fc.integer()), {
          maxLength: 6,
        }),
        { maxLength: 8 },
      )
      .map((raw) => {
        const live = new Set<string>(['c', 'd']);
        const start = new Map<string, Row>([
          ['c', { v: -1 }],
          ['d', { v: -2 }],
        ]);
        const batches: ChangeBatch[] = raw.map((ops) => {
          const batch: ChangeBatch = { inserts: [], updates: [], deletes: [] };
          const seen = new Set<string>();
          for (const [key, op, v] of ops) {
            if (seen.has(key)) continue;
            seen.add(key);
            if (!live.has(key)) {
              batch.inserts.push({ key, row: { v } });
              live.add(key);
            } else if (op === 0) {
              batch.deletes.push(key);
              live.delete(key);
            } else batch.updates.push({ key, row: { v } });
          }
          return batch;
        });
        return { start, batches };
      });
    fc.assert(
      fc.property(history, ({ start, batches }) => {
        const stepwise = new Map(start);
        for (const batch of batches) apply(stepwise, batch);
        const coalesced = coalesceBatches(batches);
        const once = new Map(start);
        apply(once, coalesced);
        expect(once).toEqual(stepwise);
        // Valid for the consumer too: inserts only of absent keys, updates and deletes only of present ones.
        for (const { key } of coalesced.inserts) expect(start.has(key)).toBe(false);
        for (const { key } of coalesced.updates) expect(start.has(key)).toBe(true);
        for (const key of coalesced.deletes) expect(start.has(key)).toBe(true);
        const keys = [...coalesced.inserts, ...coalesced.updates].map((r) => r.key).concat(coalesced.deletes);
        expect(new Set(keys).size).toBe(keys.length);
      }),
      { numRuns: 500 },
    );
  });
});
