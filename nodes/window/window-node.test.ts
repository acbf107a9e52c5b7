import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ColumnarBatch, partColumn, partsOf } from '../../runtime/engine/columnar-batch';
import type { ChangeBatch, Row, Value } from '../../runtime/engine/node-api';
import { createTestContext } from '../transform-kit/test-context';
import type { AggregateFn } from '../transform-kit/bucket-stats';
import { create, type WindowConfig } from './window-node';

const FNS: AggregateFn[] = ['mean', 'min', 'max', 'std', 'sum', 'count', 'last'];
const columns = [
  { name: 'id', type: 'int8' as const },
  { name: 'pump', type: 'text' as const },
  { name: 'ts', type: 'timestamptz' as const },
  { name: 'v', type: 'float8' as const },
];

function run(config: Partial<WindowConfig>) {
  const full: WindowConfig = {
    entity: 'pump',
    time: 'ts',
    by: 'time',
    size: 10,
    aggregates: FNS.map((fn) => ({ column: 'v', fn })),
    ...config,
  };
  const t = createTestContext({ config: full, inputs: { rows: columns } });
  return { t, node: create(t.ctx), config: full };
}

/** The straightforward definition: sort the entity's rows by (time, key) and summarise each window. */
function reference(rows: Map<string, Row>, config: WindowConfig): Map<string, Record<string, Value>> {
  const span = config.by === 'count' ? 0 : config.size! * 1000;
  const groups = new Map<string, { key: string; row: Row }[]>();
  for (const [key, row] of rows) {
    const g = String(row.pump);
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push({ key, row });
  }
  const out = new Map<string, Record<string, Value>>();
  for (const list of groups.values()) {
    list.sort(
      (a, b) => (a.row.ts as number) - (b.row.ts as number) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
    list.forEach(({ key, row }, i) => {
      const inWindow = list.filter((other, j) =>
        config.by === 'count'
          ? j <= i && j > i - config.size!
          : j <= i && (other.row.ts as number) > (row.ts as number) - span,
      );
      const xs = inWindow.map((w) => w.row.v).filter((x): x is number => typeof x === 'number');
      const n = xs.length;
      const mean = n ? xs.reduce((s, x) => s + x, 0) / n : null;
      const result: Record<string, Value> = { ...row };
      result.v_count = n;
      result.v_sum = xs.reduce((s, x) => s + x, 0);
      result.v_mean = mean;
      result.v_min = n ? Math.min(...xs) : null;
      result.v_max = n ? Math.max(...xs) : null;
      result.v_std = n > 1 ? Math.sqrt(xs.reduce((s, x) => s + (x - mean!) ** 2, 0) / (n - 1)) : null;
      result.v_last = n ? xs[n - 1] : null;
      out.set(key, result);
    });
  }
  return out;
}

function expectClose(actual: Map<string, Row>, expected: Map<string, Record<string, Value>>): void {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [key, row] of expected) {
    const got = actual.get(key)!;
    for (const [name, value] of Object.entries(row)) {
      if (typeof value === 'number' && typeof got[name] === 'number')
        expect(got[name] as number, `${key}.${name}`).toBeCloseTo(value, 6);
      else expect(got[name], `${key}.${name}`).toEqual(value);
    }
  }
}

const op = fc.record({
  id: fc.integer({ min: 0, max: 40 }),
  pump: fc.constantFrom('a', 'b'),
  ts: fc.integer({ min: 0, max: 60 }).map((s) => s * 1000),
  v: fc.option(fc.integer({ min: -50, max: 50 }), { freq: 6 }),
  kind: fc.constantFrom('upsert', 'upsert', 'upsert', 'delete'),
});

function property(shape: Pick<WindowConfig, 'by' | 'size'>) {
  return fc.property(fc.array(fc.array(op, { maxLength: 15 }), { maxLength: 12 }), (batches) => {
    const { t, node, config } = run(shape);
    const source = new Map<string, Row>();
    for (const ops of batches) {
      const batch: ChangeBatch = { inserts: [], updates: [], deletes: [] };
      const seen = new Set<string>();
      for (const o of ops) {
        const key = String(o.id);
        if (seen.has(key)) continue;
        seen.add(key);
        if (o.kind === 'delete') {
          if (source.delete(key)) batch.deletes.push(key);
          continue;
        }
        const row: Row = { id: o.id, pump: o.pump, ts: o.ts, v: o.v };
        (source.has(key) ? batch.updates : batch.inserts).push({ key, row });
        source.set(key, row);
      }
      node.receive?.('rows', batch);
      expectClose(t.table(), reference(source, config));
    }
  });
}

describe('core/window', () => {
  it('matches the reference on random inserts, updates and deletes (time window)', () => {
    fc.assert(property({ by: 'time', size: 10 }), { numRuns: 150 });
  });

  it('matches the reference on random inserts, updates and deletes (count window)', () => {
    fc.assert(property({ by: 'count', size: 3 }), { numRuns: 150 });
  });

  it('appends in order one row at a time and only emits the new row', () => {
    const { t, node, config } = run({ by: 'time', size: 5 });
    const source = new Map<string, Row>();
    for (let i = 0; i < 300; i++) {
      const row: Row = { id: i, pump: i % 3 === 0 ? 'a' : 'b', ts: i * 1000, v: Math.sin(i) * 100 + 1e6 };
      source.set(String(i), row);
      node.receive?.('rows', { inserts: [{ key: String(i), row }], updates: [], deletes: [] });
      const last = t.batches.at(-1)!.batch;
      expect(last.inserts.map((r) => r.key)).toEqual([String(i)]);
      expect(last.updates).toEqual([]);
    }
    expectClose(t.table(), reference(source, config));
  });

  it('recomputes later rows when an older row arrives late, and names columns by as', () => {
    const { t, node } = run({ by: 'count', size: 2, aggregates: [{ column: 'v', fn: 'sum', as: 'pair' }] });
    const r = (id: number, ts: number, v: number) => ({ key: String(id), row: { id, pump: 'a', ts, v } });
    node.receive?.('rows', { inserts: [r(1, 1000, 1), r(3, 3000, 3)], updates: [], deletes: [] });
    expect(t.table().get('3')?.pair).toBe(4);
    node.receive?.('rows', { inserts: [r(2, 2000, 2)], updates: [], deletes: [] });
    expect(t.batches.at(-1)!.batch).toEqual({
      inserts: [{ key: '2', row: { id: 2, pump: 'a', ts: 2000, v: 2, pair: 3 } }],
      updates: [{ key: '3', row: { id: 3, pump: 'a', ts: 3000, v: 3, pair: 5 } }],
      deletes: [],
    });
  });

  it('sends each input row as it came plus one column per summary, copying no row', () => {
    const { t, node } = run({ by: 'count', size: 2, aggregates: [{ column: 'v', fn: 'mean' }] });
    const rows = [1, 2, 3].map((id) => ({ key: String(id), row: { id, pump: 'a', ts: id * 1000, v: id } }));
    node.receive?.('rows', { inserts: rows, updates: [], deletes: [] });
    const sent = t.batches.at(-1)!.batch;
    expect(sent).toBeInstanceOf(ColumnarBatch);
    const { inserts } = partsOf(sent);
    // The very row objects received, not copies, and the summaries as a column.
    inserts.base.forEach((row, i) => expect(row).toBe(rows[i].row));
    expect(Array.from(partColumn(inserts, 'v_mean'))).toEqual([1, 1.5, 2.5]);
    expect(node.preview?.().sample).toEqual([
      { id: 1, pump: 'a', ts: 1000, v: 1, v_mean: 1 },
      { id: 2, pump: 'a', ts: 2000, v: 2, v_mean: 1.5 },
      { id: 3, pump: 'a', ts: 3000, v: 3, v_mean: 2.5 },
    ]);
  });

  it('passes rows without a time on with empty summaries and warns once (PTR220)', () => {
    const { t, node } = run({});
    const rows = [1, 2].map((id) => ({ key: String(id), row: { id, pump: 'a', ts: null, v: 1 } }));
    node.receive?.('rows', { inserts: rows, updates: [], deletes: [] });
    expect(t.table().get('1')?.v_mean).toBeNull();
    expect(t.problems.map((p) => p.code)).toEqual(['PTR220']);
    node.receive?.('rows', {
      inserts: [],
      updates: [{ key: '1', row: { id: 1, pump: 'a', ts: 0, v: 1 } }],
      deletes: ['2'],
    });
    expect(t.table().get('1')?.v_mean).toBe(1);
    expect(t.table().has('2')).toBe(false);
  });
});
