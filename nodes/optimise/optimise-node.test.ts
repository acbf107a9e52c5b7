import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeBatch, LoadedModel, NodeInstance } from '../../runtime/engine/node-api';
import { optimumModel, testCard } from '../../runtime/model/onnx-test-models';
import { recordingContext } from '../../runtime/model/test-node-context';
import { create, type OptimiseConfig } from './optimise-node';

// loss = (setting − load)² + 1, least at setting = load; cost = 2 · setting.
const CARD = testCard(
  'pump-energy',
  ['load', 'setting'],
  [
    { tensor: 'loss', columns: ['loss'] },
    { tensor: 'cost', columns: ['cost'] },
  ],
);

const loadModel = async (): Promise<LoadedModel> => ({
  name: 'pump-energy',
  version: '1.0.0',
  card: CARD,
  onnx: optimumModel(),
});

const CONFIG: OptimiseConfig = {
  model: 'pump-energy@^1',
  features: [{ name: 'load', column: 'load_pct' }],
  parameter: 'setting',
  min: 0,
  max: 10,
  candidates: 21,
  refine: true,
  objective: 'loss',
  goal: 'minimise',
  entity: 'pump_id',
  time: 'ts',
  valueColumn: 'best_setting',
  objectiveColumn: 'predicted_loss',
  feasibleColumn: 'limit_met',
};

const batch = (partial: Partial<ChangeBatch>): ChangeBatch => ({
  inserts: [],
  updates: [],
  deletes: [],
  ...partial,
});

const TELEMETRY = batch({
  inserts: [
    { key: '1', row: { pump_id: 'p1', ts: 1000, load_pct: 9.0 } },
    { key: '2', row: { pump_id: 'p1', ts: 3000, load_pct: 3.3 } },
    { key: '3', row: { pump_id: 'p1', ts: 2000, load_pct: 1.0 } },
    { key: '4', row: { pump_id: 'p2', ts: 1500, load_pct: 7.77 } },
  ],
});

let node: NodeInstance | undefined;
afterEach(async () => {
  await node?.dispose?.();
  node = undefined;
});

async function run(config: OptimiseConfig, ...batches: ChangeBatch[]) {
  const record = recordingContext('core/optimise', config, { loadModel });
  node = create(record.ctx);
  for (const b of batches) await node.receive?.('rows', b);
  return record;
}

describe('core/optimise on a real ONNX model with a known optimum', () => {
  it("finds each entity's best setting from its latest row", async () => {
    const record = await run(CONFIG, TELEMETRY);
    expect(record.problems).toEqual([]);
    const out = record.emitted[0].batch;
    expect(out.inserts.map((r) => r.key)).toEqual(['p1', 'p2']);
    const [p1, p2] = out.inserts.map((r) => r.row);
    expect(p1).toMatchObject({ pump_id: 'p1', ts: 3000, load_pct: 3.3, limit_met: true });
    expect(p1.best_setting as number).toBeCloseTo(3.3, 3);
    expect(p1.predicted_loss as number).toBeCloseTo(1, 5);
    expect(p2.best_setting as number).toBeCloseTo(7.77, 3);
  });

  it('keeps the setting within a limit on another prediction, and says when none meets it', async () => {
    const limited = await run({ ...CONFIG, constraint: { output: 'cost', op: '<=', bound: 10 } }, TELEMETRY);
    const [p1, p2] = limited.emitted[0].batch.inserts.map((r) => r.row);
    expect(p1.best_setting as number).toBeCloseTo(3.3, 3);
    expect(p2.best_setting as number).toBeCloseTo(5, 4);
    expect(p2.predicted_loss as number).toBeCloseTo((5 - 7.77) ** 2 + 1, 3);
    expect(p2.limit_met).toBe(true);

    const impossible = await run(
      { ...CONFIG, constraint: { output: 'cost', op: '>=', bound: 30 } },
      TELEMETRY,
    );
    const rows = impossible.emitted[0].batch.inserts.map((r) => r.row);
    expect(rows.map((r) => [r.best_setting, r.limit_met])).toEqual([
      [10, false],
      [10, false],
    ]);
  });

  it('maximises', async () => {
    const record = await run({ ...CONFIG, goal: 'maximise' }, TELEMETRY);
    const [p1] = record.emitted[0].batch.inserts.map((r) => r.row);
    expect(p1.best_setting).toBe(10);
    expect(p1.predicted_loss as number).toBeCloseTo((10 - 3.3) ** 2 + 1, 4);
  });

  it('updates an entity when a newer row arrives and deletes it with its latest row', async () => {
    const record = await run(
      CONFIG,
      TELEMETRY,
      batch({ inserts: [{ key: '5', row: { pump_id: 'p2', ts: 5000, load_pct: 2 } }] }),
      batch({ inserts: [{ key: '6', row: { pump_id: 'p2', ts: 10, load_pct: 9 } }] }),
      batch({ deletes: ['2'] }),
    );
    expect(record.emitted).toHaveLength(3);
    const update = record.emitted[1].batch;
    expect(update.inserts).toEqual([]);
    expect(update.updates.map((r) => r.key)).toEqual(['p2']);
    expect(update.updates[0].row.best_setting as number).toBeCloseTo(2, 3);
    expect(record.emitted[2].batch).toEqual(batch({ deletes: ['p1'] }));
  });

  it('optimises every row, keeping keys, when there is no group', async () => {
    const perRow: OptimiseConfig = { ...CONFIG, entity: undefined, time: undefined };
    const record = await run(
      { ...perRow, refine: false },
      batch({
        inserts: [{ key: 'a', row: { load_pct: 4 } }],
        updates: [{ key: 'b', row: { load_pct: 'high' } }],
        deletes: ['c'],
      }),
    );
    const out = record.emitted[0].batch;
    expect(out.inserts).toEqual([
      { key: 'a', row: { load_pct: 4, best_setting: 4, predicted_loss: 1, limit_met: true } },
    ]);
    expect(out.updates).toEqual([
      { key: 'b', row: { load_pct: 'high', best_setting: null, predicted_loss: null, limit_met: null } },
    ]);
    expect(out.deletes).toEqual(['c']);
    expect(record.problems.map((p) => p.code)).toEqual(['PTR305']);
  });

  it.each([
    ['a setting the model lacks', { parameter: 'speed' }, 'PTR310'],
    ['an objective the model lacks', { objective: 'energy' }, 'PTR311'],
    [
      'a limit on an output the model lacks',
      { constraint: { output: 'wear', op: '<=' as const, bound: 1 } },
      'PTR311',
    ],
    ['an empty range', { min: 5, max: 5 }, 'PTR312'],
    ['a fixed feature without a column', { features: [] }, 'PTR302'],
  ])('reports %s and emits nothing', async (_name, change, code) => {
    const record = await run({ ...CONFIG, ...change }, TELEMETRY);
    expect(record.problems.map((p) => [p.code, p.severity])).toEqual([[code, 'error']]);
    expect(record.emitted).toEqual([]);
  });
});
