import { afterEach, describe, expect, it } from 'vitest';
import { predictRows } from './batch-inference';
import { readOutputs, createModelExecutor, type ModelExecutor } from './model-executor';
import { readModelSignature, type ModelSignature } from './model-signature';
import { FeedScratch, packColumns, packFeatures, planFeatures } from './feature-packer';
import { linearModel, mlpModel, optimumModel, testCard, type MlpWeights } from './onnx-test-models';

function signatureOf(card: Record<string, unknown>): ModelSignature {
  const result = readModelSignature(card);
  if (!result.ok) throw new Error(result.problem.message);
  return result.signature;
}

/** A deterministic pseudo-random sequence (no Math.random in tests). */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    return state / 2 ** 32 - 0.5;
  };
}

const MLP: MlpWeights = {
  w1: [
    [0.5, -1.2, 0.3, 2.0],
    [1.5, 0.7, -0.4, -0.6],
    [-0.8, 0.2, 1.1, 0.9],
  ],
  b1: [0.1, -0.2, 0.05, 0],
  w2: [
    [1.0, -0.5],
    [0.3, 0.8],
    [-1.1, 0.2],
    [0.6, 0.4],
  ],
  b2: [0.25, -0.75],
};

function mlpReference(x: number[]): number[] {
  const hidden = MLP.b1.map((b, j) => Math.max(0, b + x.reduce((s, xi, i) => s + xi * MLP.w1[i][j], 0)));
  return MLP.b2.map((b, k) => b + hidden.reduce((s, h, j) => s + h * MLP.w2[j][k], 0));
}

let executor: ModelExecutor | undefined;
afterEach(async () => {
  await executor?.dispose();
  executor = undefined;
});

describe('the in-process executor on real ONNX models', () => {
  it('reads the values anew at each call when a caller packs into the same array again', async () => {
    const signature = signatureOf(testCard('lin', ['a', 'b'], [{ tensor: 'y', columns: ['y'] }]));
    executor = await createModelExecutor(linearModel([[2], [3]], [0.5]), signature);
    const scratch = new FeedScratch();
    const plan = planFeatures(signature);
    const first = packColumns(
      [
        [1, 2],
        [1, 0],
      ],
      0,
      2,
      plan,
      scratch,
    );
    expect(Array.from((await executor.run(first.feeds, 2)).y as Float32Array)).toEqual([5.5, 4.5]);
    const second = packColumns(
      [
        [10, -1],
        [0, 1],
      ],
      0,
      2,
      plan,
      scratch,
    );
    // The very same array, with new values: the model sees the new ones.
    expect(second.feeds.x).toBe(first.feeds.x);
    expect(Array.from((await executor.run(second.feeds, 2)).y as Float32Array)).toEqual([20.5, 1.5]);
    // Another size gets arrays of its own.
    const third = packColumns([[1], [1]], 0, 1, plan, scratch);
    expect(third.feeds.x).not.toBe(first.feeds.x);
    expect(Array.from((await executor.run(third.feeds, 1)).y as Float32Array)).toEqual([5.5]);
  });

  it('runs a linear model (Gemm) and matches y = x·W + b', async () => {
    const signature = signatureOf(testCard('lin', ['a', 'b'], [{ tensor: 'y', columns: ['y'] }]));
    executor = await createModelExecutor(linearModel([[2], [3]], [0.5]), signature);
    expect(executor.where).toBe('in-process');
    const rows = [
      [1, 1],
      [2, 0],
      [-1.5, 4.25],
    ];
    const packed = packFeatures(rows.length, (r, f) => rows[r][f], signature);
    const table = readOutputs(signature, await executor.run(packed.feeds, packed.count), packed.count);
    expect([0, 1, 2].map((r) => table.at(r, 0))).toEqual([5.5, 4.5, 10.25]);
  });

  it('runs a two-layer MLP with Relu within float tolerance, in batches', async () => {
    const signature = signatureOf(testCard('mlp', ['a', 'b', 'c'], [{ tensor: 'y', columns: ['p', 'q'] }]));
    executor = await createModelExecutor(mlpModel(MLP), signature);
    const next = sequence(7);
    const rows = Array.from({ length: 1000 }, () => [next() * 10, next() * 10, next() * 10]);
    const predictions = await predictRows(executor, signature, rows.length, (r, f) => rows[r][f], 64);
    expect(predictions.rejected).toEqual([]);
    for (let r = 0; r < rows.length; r++) {
      const expected = mlpReference(rows[r]);
      expect(predictions.values[r * 2]).toBeCloseTo(expected[0], 4);
      expect(predictions.values[r * 2 + 1]).toBeCloseTo(expected[1], 4);
    }
  });

  it('applies the card preprocessing before the model', async () => {
    const card = testCard('lin', ['a', 'b'], [{ tensor: 'y', columns: ['y'] }], {
      preprocessing: [{ kind: 'standardize', mean: [10, 0], std: [2, 0.5] }],
    });
    const signature = signatureOf(card);
    executor = await createModelExecutor(linearModel([[1], [1]], [0]), signature);
    const predictions = await predictRows(executor, signature, 1, (_r, f) => [14, 1][f], 8);
    expect(predictions.values[0]).toBeCloseTo((14 - 10) / 2 + 1 / 0.5, 5);
  });

  it('leaves out rows with a value that is not a number and keeps the others aligned', async () => {
    const signature = signatureOf(testCard('lin', ['a'], [{ tensor: 'y', columns: ['y'] }]));
    executor = await createModelExecutor(linearModel([[10]], [1]), signature);
    const values: unknown[] = [1, 'n/a', 3, null, Number.NaN, 6];
    const predictions = await predictRows(executor, signature, values.length, (r) => values[r], 2);
    expect(Array.from(predictions.fed)).toEqual([1, 0, 1, 0, 0, 1]);
    expect(predictions.values[0]).toBe(11);
    expect(predictions.values[2]).toBe(31);
    expect(predictions.values[5]).toBe(61);
    expect(Number.isNaN(predictions.values[1])).toBe(true);
    expect(predictions.rejected.map((r) => [r.index, r.value])).toEqual([
      [1, 'n/a'],
      [3, null],
      [4, Number.NaN],
    ]);
  });

  it('reads models with several outputs', async () => {
    const signature = signatureOf(
      testCard(
        'opt',
        ['load', 'setting'],
        [
          { tensor: 'loss', columns: ['loss'] },
          { tensor: 'cost', columns: ['cost'] },
        ],
      ),
    );
    executor = await createModelExecutor(optimumModel(), signature);
    const predictions = await predictRows(executor, signature, 1, (_r, f) => [2, 5][f], 8);
    expect(Array.from(predictions.values)).toEqual([10, 10]);
  });

  it('rejects a model that does not run on the fed shape', async () => {
    // The card says three features but the model takes two: onnxruntime refuses the feed.
    const signature = signatureOf(testCard('lin', ['a', 'b', 'c'], [{ tensor: 'y', columns: ['y'] }]));
    executor = await createModelExecutor(linearModel([[1], [1]], [0]), signature);
    await expect(predictRows(executor, signature, 1, () => 1, 8)).rejects.toThrow();
  });

  it('refuses bytes that are not a model', async () => {
    const signature = signatureOf(testCard('lin', ['a'], [{ tensor: 'y', columns: ['y'] }]));
    await expect(createModelExecutor(new Uint8Array([1, 2, 3, 4]), signature)).rejects.toThrow();
  });
});
