import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChangeBatch, NodeContext, NodeInstance, Row } from '../../runtime/engine/node-api';
import type { ExecutionPlan } from '../../runtime/compiler/plan';
import { create as createDerive } from '../derive/derive-node';
import { create as createFilter } from '../filter/filter-node';
import { create as createWindow } from '../window/window-node';
import { compileForTest, contextFromPlan, telemetryBlueprint } from './plan-context';
import type { TestContext } from './test-context';

const blueprint = telemetryBlueprint(
  [
    { id: 'hot', type: 'core/filter@^1', config: { conditions: [{ column: 'temp', op: '>=', value: 50 }] } },
    {
      id: 'power',
      type: 'core/derive@^1',
      config: { columns: [{ name: 'load', expression: 'vibration * 2 + temp / 10', unit: 'kW' }] },
    },
    {
      id: 'smooth',
      type: 'core/window@^1',
      config: {
        entity: 'pump_id',
        time: 'ts',
        by: 'count',
        size: 2,
        aggregates: [{ column: 'load', fn: 'sum' }],
      },
    },
  ],
  [
    { from: 'source.rows', to: 'hot.rows' },
    { from: 'hot.rows', to: 'power.rows' },
    { from: 'power.rows', to: 'smooth.rows' },
  ],
);

/** Creates a plan node whose emits also go to the next node, every stage checking the batch rules. */
function stage<C>(
  plan: ExecutionPlan,
  id: string,
  factory: (ctx: NodeContext<C>) => NodeInstance,
  next?: NodeInstance,
): { t: TestContext<C>; node: NodeInstance } {
  const t = contextFromPlan<C>(plan, id);
  const ctx: NodeContext<C> = {
    ...t.ctx,
    emit: (port, batch) => {
      t.ctx.emit(port, batch);
      void next?.receive?.('rows', batch);
    },
  };
  return { t, node: factory(ctx) };
}

describe('filter → derive → window from a compiled plan', () => {
  it('infers the columns along the chain', async () => {
    const plan = await compileForTest(blueprint);
    const names = plan.nodes.find((n) => n.id === 'smooth')!.outputs.rows.columns!.map((c) => c.name);
    expect(names).toEqual(['id', 'pump_id', 'ts', 'vibration', 'temp', 'load', 'load_sum']);
  });

  it('keeps the end of the chain equal to a reference over random changes', async () => {
    const plan = await compileForTest(blueprint);
    const op = fc.record({
      id: fc.integer({ min: 0, max: 20 }),
      pump: fc.constantFrom('a', 'b'),
      ts: fc.integer({ min: 0, max: 30 }),
      temp: fc.integer({ min: 30, max: 70 }),
      kind: fc.constantFrom('upsert', 'upsert', 'delete'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(op, { maxLength: 8 }), { maxLength: 10 }), async (batches) => {
        const smooth = stage(plan, 'smooth', createWindow);
        const power = stage(plan, 'power', createDerive, smooth.node);
        const hot = stage(plan, 'hot', createFilter, power.node);
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
            const row: Row = {
              id: o.id,
              pump_id: o.pump,
              ts: o.ts * 1000,
              vibration: o.id % 5,
              temp: o.temp,
            };
            (source.has(key) ? batch.updates : batch.inserts).push({ key, row });
            source.set(key, row);
          }
          await hot.node.receive?.('rows', batch);
          const kept = [...source].filter(([, r]) => (r.temp as number) >= 50);
          const withLoad = kept.map(([key, r]) => ({
            key,
            row: { ...r, load: (r.vibration as number) * 2 + (r.temp as number) / 10 } as Row & {
              load: number;
            },
          }));
          const expected = new Map<string, Row>();
          for (const pump of ['a', 'b']) {
            const series = withLoad
              .filter((e) => e.row.pump_id === pump)
              .sort((x, y) => (x.row.ts as number) - (y.row.ts as number) || (x.key < y.key ? -1 : 1));
            series.forEach((e, i) => {
              const sum = (series[i - 1]?.row.load ?? 0) + e.row.load;
              expected.set(e.key, { ...e.row, load_sum: sum });
            });
          }
          const actual = smooth.t.table();
          expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
          for (const [key, row] of expected) {
            expect(actual.get(key)!.load_sum as number).toBeCloseTo(row.load_sum as number, 9);
            expect({ ...actual.get(key)!, load_sum: 0 }).toEqual({ ...row, load_sum: 0 });
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
