import { afterEach, describe, expect, it } from 'vitest';
import { ColumnarBatch, partColumn, partsOf } from '../../runtime/engine/columnar-batch';
import type { ChangeBatch, LoadedModel, NodeInstance, Row } from '../../runtime/engine/node-api';
import {
  linearModel,
  mlpModel,
  optimumModel,
  testCard,
  type MlpWeights,
} from '../../runtime/model/onnx-test-models';
import { recordingContext } from '../../runtime/model/test-node-context';
import { create, type ModelNodeConfig } from './model-onnx-node';

const MLP: MlpWeights = {
  w1: [
    [0.8, -0.5, 1.2],
    [-0.3, 0.9, 0.4],
  ],
  b1: [0.1, 0.2, -0.3],
  w2: [[1.5], [-0.7], [0.6]],
  b2: [0.05],
};

function mlpReference(vib: number, temp: number): number {
  const hidden = MLP.b1.map((b, j) => Math.max(0, b + vib * MLP.w1[0][j] + temp * MLP.w1[1][j]));
  return MLP.b2[0] + hidden.reduce((s, h, j) => s + h * MLP.w2[j][0], 0);
}

function loader(
  onnx: Uint8Array,
  card = testCard('pump-rul', ['vib_mean', 'temp_max'], [{ tensor: 'y', columns: ['rul'] }]),
) {
  const calls: string[] = [];
  const loadModel = async (ref: string): Promise<LoadedModel> => {
    calls.push(ref);
    return { name: 'pump-rul', version: '1.0.0', card, onnx };
  };
  return { loadModel, calls };
}

const CONFIG: ModelNodeConfig = {
  model: 'pump-rul@^1',
  // Listed in the other order than the model's: the node matches them by name.
  features: [
    { name: 'temp_max', column: 'bearing_temp' },
    { name: 'vib_mean', column: 'vibration' },
  ],
  outputs: [{ name: 'rul_hours', unit: 'h' }],
  batchSize: 4,
};

const batch = (partial: Partial<ChangeBatch>): ChangeBatch => ({
  inserts: [],
  updates: [],
  deletes: [],
  ...partial,
});

let node: NodeInstance | undefined;
afterEach(async () => {
  await node?.dispose?.();
  node = undefined;
});

describe('core/model.onnx through the node contract', () => {
  it('adds the MLP prediction to inserts and updates, keeps keys and passes deletes through', async () => {
    const { loadModel, calls } = loader(mlpModel(MLP));
    const record = recordingContext('core/model.onnx', CONFIG, { loadModel });
    node = create(record.ctx);
    const inserts = Array.from({ length: 10 }, (_, i) => ({
      key: `k${i}`,
      row: { pump_id: `p${i % 3}`, vibration: i * 0.7 - 2, bearing_temp: 40 + i * 1.5 },
    }));
    const updates = [{ key: 'k99', row: { pump_id: 'p1', vibration: 1.25, bearing_temp: -3 } }];
    await node.receive?.('rows', batch({ inserts, updates, deletes: ['gone'] }));
    expect(calls).toEqual(['pump-rul@^1']);
    expect(record.problems).toEqual([]);
    expect(record.emitted).toHaveLength(1);
    const out = record.emitted[0];
    expect(out.port).toBe('rows');
    expect(out.batch.deletes).toEqual(['gone']);
    expect(out.batch.inserts.map((r) => r.key)).toEqual(inserts.map((r) => r.key));
    expect(out.batch.updates.map((r) => r.key)).toEqual(['k99']);
    for (const { row } of [...out.batch.inserts, ...out.batch.updates]) {
      expect(row.pump_id).toMatch(/^p\d$/);
      const expected = mlpReference(row.vibration as number, row.bearing_temp as number);
      expect(row.rul_hours as number).toBeCloseTo(expected, 4);
    }
  });

  it('runs a linear model and passes a deletes-only batch straight through', async () => {
    const { loadModel } = loader(linearModel([[2], [3]], [0.5]));
    const record = recordingContext('core/model.onnx', CONFIG, { loadModel });
    node = create(record.ctx);
    await node.receive?.('rows', batch({ updates: [{ key: 'a', row: { vibration: 1, bearing_temp: 2 } }] }));
    await node.receive?.('rows', batch({ deletes: ['a'] }));
    expect(record.emitted.map((e) => e.batch)).toEqual([
      batch({ updates: [{ key: 'a', row: { vibration: 1, bearing_temp: 2, rul_hours: 8.5 } }] }),
      batch({ deletes: ['a'] }),
    ]);
  });

  it('gives rows with a non-numeric feature null predictions and one warning (PTR305)', async () => {
    const { loadModel } = loader(linearModel([[1], [1]], [0]));
    const record = recordingContext('core/model.onnx', CONFIG, { loadModel });
    node = create(record.ctx);
    await node.receive?.(
      'rows',
      batch({
        inserts: [
          { key: '1', row: { vibration: 1, bearing_temp: 1 } },
          { key: '2', row: { vibration: 'loud', bearing_temp: 1 } },
          { key: '3', row: { bearing_temp: 1 } },
          { key: '4', row: { vibration: 2, bearing_temp: 2 } },
        ],
      }),
    );
    const rows = record.emitted[0].batch.inserts.map((r) => r.row.rul_hours);
    expect(rows).toEqual([2, null, null, 4]);
    expect(record.problems).toHaveLength(1);
    expect(record.problems[0]).toMatchObject({ code: 'PTR305', severity: 'warning' });
    expect(record.problems[0].message).toContain('2 rows');
    expect(record.problems[0].message).toContain('row 2: column "vibration" is "loud"');
  });

  it('keeps rows aligned across batches when some rows, or a whole batch, are left out', async () => {
    const { loadModel } = loader(linearModel([[1], [10]], [0]));
    const record = recordingContext('core/model.onnx', CONFIG, { loadModel });
    node = create(record.ctx);
    // batchSize 4: rows 0-3, 4-7 (all left out), 8-9; rows 10-11 are updates.
    const value = (i: number) => ((i >= 4 && i < 8) || i === 9 || i === 11 ? 'n/a' : i);
    const rows = Array.from({ length: 12 }, (_, i) => ({
      key: `k${i}`,
      row: { vibration: value(i), bearing_temp: 1, note: `row ${i}` },
    }));
    await node.receive?.('rows', batch({ inserts: rows.slice(0, 10), updates: rows.slice(10) }));
    const out = record.emitted[0].batch;
    expect(out.inserts.map((r) => r.key)).toEqual(rows.slice(0, 10).map((r) => r.key));
    expect(out.updates.map((r) => r.key)).toEqual(['k10', 'k11']);
    expect([...out.inserts, ...out.updates].map((r) => r.row.rul_hours)).toEqual([
      10,
      11,
      12,
      13,
      null,
      null,
      null,
      null,
      18,
      null,
      20,
      null,
    ]);
    expect(out.inserts[5].row).toEqual({ vibration: 'n/a', bearing_temp: 1, note: 'row 5', rul_hours: null });
    expect(rows[0].row).toEqual({ vibration: 0, bearing_temp: 1, note: 'row 0' });
    expect(record.problems).toHaveLength(1);
    expect(record.problems[0]).toMatchObject({ code: 'PTR305', details: { count: 6, key: 'k4' } });
  });

  it('reads features from the columns a window added and sends its rows by columns, building none', async () => {
    const { loadModel } = loader(mlpModel(MLP));
    const record = recordingContext('core/model.onnx', CONFIG, { loadModel });
    node = create(record.ctx);
    let copies = 0;
    // Base rows that count being copied: the node must not build any row.
    const base: Row[] = Array.from(
      { length: 6 },
      (_, i) =>
        new Proxy(
          { pump_id: `p${i}`, vibration: 100 + i },
          {
            ownKeys(target) {
              copies++;
              return Reflect.ownKeys(target);
            },
          },
        ),
    );
    const keys = base.map((_, i) => `k${i}`);
    // `vibration` is both a base column and an added one: the added column wins, as in the rows.
    const vibration = [0.5, -1, 2, 'n/a', 1.5, 0];
    const temps = Float64Array.of(40, 41.5, 38, 40, 39, 45);
    const input = new ColumnarBatch(
      {
        keys: keys.slice(0, 4),
        base: base.slice(0, 4),
        added: { vibration: vibration.slice(0, 4), bearing_temp: temps.subarray(0, 4) },
      },
      {
        keys: keys.slice(4),
        base: base.slice(4),
        added: { vibration: vibration.slice(4), bearing_temp: temps.subarray(4) },
      },
      ['gone'],
    );
    await node.receive?.('rows', input);
    expect(copies).toBe(0);
    const out = record.emitted[0].batch;
    expect(out).toBeInstanceOf(ColumnarBatch);
    const parts = partsOf(out);
    const predicted = [
      ...Array.from(partColumn(parts.inserts, 'rul_hours')),
      ...Array.from(partColumn(parts.updates, 'rul_hours')),
    ];
    vibration.forEach((v, i) => {
      if (typeof v === 'number') expect(predicted[i] as number).toBeCloseTo(mlpReference(v, temps[i]), 4);
      else expect(predicted[i]).toBeNull();
    });
    expect(copies).toBe(0);
    expect(record.problems.map((p) => [p.code, p.details?.key])).toEqual([['PTR305', 'k3']]);
    // Read as rows, each is its input row plus the prediction.
    expect(out.deletes).toEqual(['gone']);
    expect(out.inserts.map((r) => r.key)).toEqual(keys.slice(0, 4));
    expect(out.updates[1].row).toEqual({
      pump_id: 'p5',
      vibration: 0,
      bearing_temp: 45,
      rul_hours: predicted[5],
    });
    expect(out.inserts[3].row).toEqual({
      pump_id: 'p3',
      vibration: 'n/a',
      bearing_temp: 40,
      rul_hours: null,
    });
  });

  it('adds every output column of a model with several outputs, in the card order', async () => {
    const card = testCard(
      'pump-rul',
      ['vib_mean', 'temp_max'],
      [
        { tensor: 'loss', columns: ['loss'] },
        { tensor: 'cost', columns: ['cost'] },
      ],
    );
    const { loadModel } = loader(optimumModel(), card);
    const config = { ...CONFIG, outputs: [{ name: 'l' }, { name: 'c' }] };
    const record = recordingContext('core/model.onnx', config, { loadModel });
    node = create(record.ctx);
    await node.receive?.(
      'rows',
      batch({
        inserts: [
          { key: 'a', row: { vibration: 2, bearing_temp: 5 } },
          { key: 'b', row: { vibration: 'x', bearing_temp: 5 } },
        ],
      }),
    );
    expect(record.emitted[0].batch.inserts.map((r) => r.row)).toEqual([
      { vibration: 2, bearing_temp: 5, l: 10, c: 10 },
      { vibration: 'x', bearing_temp: 5, l: null, c: null },
    ]);
  });

  it.each([
    ['a missing feature', { features: [{ name: 'vib_mean', column: 'vibration' }] }, 'PTR302'],
    [
      'a feature the model lacks',
      { features: [...CONFIG.features, { name: 'speed', column: 'rpm' }] },
      'PTR303',
    ],
    ['two output names for one output', { outputs: [{ name: 'a' }, { name: 'b' }] }, 'PTR304'],
  ])('reports %s and emits nothing', async (_name, change, code) => {
    const { loadModel } = loader(linearModel([[1], [1]], [0]));
    const record = recordingContext('core/model.onnx', { ...CONFIG, ...change }, { loadModel });
    node = create(record.ctx);
    await node.receive?.('rows', batch({ inserts: [{ key: '1', row: { vibration: 1, bearing_temp: 1 } }] }));
    expect(record.problems.map((p) => [p.code, p.severity])).toEqual([[code, 'error']]);
    expect(record.emitted).toEqual([]);
  });

  it('reports a model that cannot be loaded (PTR300) or has an unusable card (PTR301) or file (PTR306)', async () => {
    const failing = recordingContext('core/model.onnx', CONFIG, {
      loadModel: async () => {
        throw new Error('No model pump-rul matches ^1.');
      },
    });
    node = create(failing.ctx);
    await node.receive?.('rows', batch({ inserts: [{ key: '1', row: {} }] }));
    expect(failing.problems[0].code).toBe('PTR300');
    expect(failing.problems[0].message).toBe(
      'The model pump-rul@^1 could not be loaded: No model pump-rul matches ^1.',
    );

    const noService = recordingContext('core/model.onnx', CONFIG, {});
    await create(noService.ctx).receive?.('rows', batch({ inserts: [{ key: '1', row: {} }] }));
    expect(noService.problems[0].code).toBe('PTR300');

    const keras = loader(new Uint8Array(), {
      ...testCard('k', ['a'], [{ tensor: 'y', columns: ['y'] }]),
      format: 'keras',
    });
    const badCard = recordingContext('core/model.onnx', CONFIG, { loadModel: keras.loadModel });
    await create(badCard.ctx).receive?.('rows', batch({ inserts: [{ key: '1', row: {} }] }));
    expect(badCard.problems[0].code).toBe('PTR301');

    const junk = loader(new Uint8Array([8, 1, 2, 3]));
    const badFile = recordingContext('core/model.onnx', CONFIG, { loadModel: junk.loadModel });
    await create(badFile.ctx).receive?.('rows', batch({ inserts: [{ key: '1', row: {} }] }));
    expect(badFile.problems[0].code).toBe('PTR306');
  });

  it('reports a model that fails while running (PTR306) once, then stays quiet', async () => {
    // The card claims three features, the model takes two: onnxruntime refuses the first run.
    const card = testCard('pump-rul', ['vib_mean', 'temp_max', 'speed'], [{ tensor: 'y', columns: ['rul'] }]);
    const { loadModel } = loader(linearModel([[1], [1]], [0]), card);
    const config = { ...CONFIG, features: [...CONFIG.features, { name: 'speed', column: 'rpm' }] };
    const record = recordingContext('core/model.onnx', config, { loadModel });
    node = create(record.ctx);
    const rows = batch({ inserts: [{ key: '1', row: { vibration: 1, bearing_temp: 1, rpm: 3 } }] });
    await node.receive?.('rows', rows);
    await node.receive?.('rows', rows);
    expect(record.problems.map((p) => p.code)).toEqual(['PTR306']);
    expect(record.emitted).toEqual([]);
  });
});
