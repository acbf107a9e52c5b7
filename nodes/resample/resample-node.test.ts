import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChangeBatch, Row, Value } from '../../runtime/engine/node-api';
import { compileForTest, contextFromPlan, telemetryBlueprint } from '../transform-kit/plan-context';
import { create, type ResampleConfig } from './resample-node';

const config = {
  entity: 'pump_id',
  time: 'ts',
  size: 60,
  aggregates: [
    { column: 'vibration', fn: 'mean', unit: 'mm/s' },
    { column: 'vibration', fn: 'std', unit: 'mm/s' },
    { column: 'temp', fn: 'max', as: 'temp_peak', unit: 'degC' },
    { column: 'temp', fn: 'last', unit: 'degC' },
    { column: 'temp', fn: 'count' },
  ],
};

async function run() {
  const plan = await compileForTest(
    telemetryBlueprint(
      [{ id: 'r', type: 'core/resample@^1', config }],
      [{ from: 'source.rows', to: 'r.rows' }],
    ),
  );
  const t = contextFromPlan<ResampleConfig>(plan, 'r');
  return { plan, t, node: create(t.ctx) };
}

function reference(rows: Map<string, Row>): Map<string, Record<string, Value>> {
  const groups = new Map<string, { key: string; row: Row }[]>();
  for (const [key, row] of rows) {
    const start = Math.floor((row.ts as number) / 60000) * 60000;
    const id = JSON.stringify([row.pump_id, start]);
    if (!groups.has(id)) groups.set(id, []);
    groups.get(id)!.push({ key, row });
  }
  const out = new Map<string, Record<string, Value>>();
  for (const [id, members] of groups) {
    const [pump, start] = JSON.parse(id) as [string, number];
    const vs = members.map((m) => m.row.vibration).filter((x): x is number => typeof x === 'number');
    const ts = [...members]
      .sort((a, b) => (a.row.ts as number) - (b.row.ts as number) || (a.key < b.key ? -1 : 1))
      .map((m) => m.row.temp)
      .filter((x): x is number => typeof x === 'number');
    const mean = vs.length ? vs.reduce((s, x) => s + x, 0) / vs.length : null;
    out.set(id, {
      pump_id: pump,
      ts: start,
      vibration_mean: mean,
      vibration_std:
        vs.length > 1 ? Math.sqrt(vs.reduce((s, x) => s + (x - mean!) ** 2, 0) / (vs.length - 1)) : null,
      temp_peak: ts.length ? Math.max(...ts) : null,
      temp_last: ts.length ? ts[ts.length - 1] : null,
      temp_count: ts.length,
    });
  }
  return out;
}

describe('core/resample', () => {
  it('compiles and declares entity, bucket time and summary columns', async () => {
    const { plan } = await run();
    expect(plan.nodes.find((n) => n.id === 'r')!.outputs.rows.columns).toEqual([
      { name: 'pump_id', type: 'text', role: 'entity' },
      { name: 'ts', type: 'timestamptz', role: 'time' },
      { name: 'vibration_mean', type: 'float8', unit: 'mm/s', role: 'measure' },
      { name: 'vibration_std', type: 'float8', unit: 'mm/s', role: 'measure' },
      { name: 'temp_peak', type: 'float8', unit: 'degC', role: 'measure' },
      { name: 'temp_last', type: 'float8', unit: 'degC', role: 'measure' },
      { name: 'temp_count', type: 'float8', role: 'measure' },
    ]);
  });

  it('keeps one row per pump and minute as rows arrive, change and leave', async () => {
    const { t, node } = await run();
    const r = (id: number, pump: string, ts: number, temp: number) => ({
      key: String(id),
      row: { id, pump_id: pump, ts, vibration: 1, temp },
    });
    node.receive?.('rows', {
      inserts: [r(1, 'a', 1000, 50), r(2, 'a', 59000, 70), r(3, 'b', 61000, 40)],
      updates: [],
      deletes: [],
    });
    expect(t.table().get('["a",0]')).toMatchObject({
      pump_id: 'a',
      ts: 0,
      temp_peak: 70,
      temp_last: 70,
      temp_count: 2,
    });
    expect(t.table().get('["b",60000]')).toMatchObject({ temp_count: 1 });
    node.receive?.('rows', { inserts: [], updates: [r(2, 'a', 60000, 70)], deletes: ['3'] });
    expect(t.batches.at(-1)!.batch.deletes).toEqual(['["b",60000]']);
    expect(t.table().get('["a",0]')).toMatchObject({ temp_peak: 50, temp_count: 1 });
    expect(t.table().get('["a",60000]')).toMatchObject({ temp_peak: 70, temp_count: 1 });
  });

  it('matches a reference over random inserts, updates and deletes', async () => {
    const { plan } = await run();
    const op = fc.record({
      id: fc.integer({ min: 0, max: 30 }),
      pump: fc.constantFrom('a', 'b'),
      ts: fc.integer({ min: 0, max: 300 }).map((s) => s * 1000),
      v: fc.option(fc.integer({ min: -20, max: 20 }), { freq: 5 }),
      kind: fc.constantFrom('upsert', 'upsert', 'delete'),
    });
    fc.assert(
      fc.property(fc.array(fc.array(op, { maxLength: 10 }), { maxLength: 10 }), (batches) => {
        const t = contextFromPlan<ResampleConfig>(plan, 'r');
        const node = create(t.ctx);
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
            const row: Row = { id: o.id, pump_id: o.pump, ts: o.ts, vibration: o.v, temp: o.v };
            (source.has(key) ? batch.updates : batch.inserts).push({ key, row });
            source.set(key, row);
          }
          node.receive?.('rows', batch);
          const expected = reference(source);
          expect([...t.table().keys()].sort()).toEqual([...expected.keys()].sort());
          for (const [key, row] of expected)
            for (const [name, value] of Object.entries(row)) {
              const got = t.table().get(key)![name];
              if (typeof value === 'number') expect(got as number).toBeCloseTo(value, 6);
              else expect(got).toEqual(value);
            }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('leaves out rows without a time, with one PTR230 warning', async () => {
    const { t, node } = await run();
    const rows = [1, 2].map((id) => ({
      key: String(id),
      row: { id, pump_id: 'a', ts: null, vibration: 1, temp: 1 },
    }));
    node.receive?.('rows', { inserts: rows, updates: [], deletes: [] });
    expect(t.table().size).toBe(0);
    expect(t.problems.map((p) => p.code)).toEqual(['PTR230']);
  });
});
