import { describe, expect, it } from 'vitest';
import { packColumns, packFeatures, planFeatures, type FeedArray } from './feature-packer';
import { readModelSignature, type ModelSignature } from './model-signature';

/** A card with two input tensors of different types and two preprocessing steps over their five features. */
function twoInputSignature(dtypeA = 'float32', dtypeB = 'int64'): ModelSignature {
  const result = readModelSignature({
    name: 'two',
    format: 'onnx',
    inputs: [
      {
        tensor: 'a',
        dtype: dtypeA,
        shape: ['N', 3],
        features: [{ name: 'p' }, { name: 'q' }, { name: 'r' }],
      },
      { tensor: 'b', dtype: dtypeB, shape: [-1, 2], features: [{ name: 's' }, { name: 't' }] },
    ],
    outputs: [{ tensor: 'y', dtype: 'float32', columns: [{ name: 'y' }] }],
    preprocessing: [
      { kind: 'standardize', mean: [1, 2, 3, 4, 5], std: [2, 4, 0.5, 1, 3] },
      { kind: 'minmax', min: [0, -1, 0, 0, 2], max: [1, 1, 4, 10, 3] },
    ],
  });
  if (!result.ok) throw new Error(result.problem.message);
  return result.signature;
}

/** The packer's documented arithmetic, written out row by row: each step subtracts, then divides. */
function reference(signature: ModelSignature, values: number[]): number[] {
  return values.map((v, f) =>
    signature.preprocessing.reduce((x, step) => (x - step.offset[f]) / step.scale[f], v),
  );
}

const COLUMNS = ['c_p', 'c_q', 'c_r', 'c_s', 'c_t'];

/** A feed's values as a plain list (numbers, or bigints for an int64 feed). */
const valuesOf = (feed: FeedArray): (number | bigint)[] => Array.from(feed as ArrayLike<number | bigint>);

function rowsOf(table: unknown[][]) {
  return table.map((values, i) => ({
    key: String(i),
    row: Object.fromEntries(COLUMNS.map((c, f) => [c, values[f]]).filter(([, v]) => v !== undefined)),
  }));
}

/** Each feature's column of the rows, as the model node reads it from a batch. */
function columnsOf(rows: { row: Record<string, unknown> }[]): unknown[][] {
  return COLUMNS.map((c) => rows.map(({ row }) => row[c]));
}

describe('packing rows into tensors', () => {
  it('packs each feature into its tensor and position, preprocessed, the same way from columns or a callback', () => {
    const signature = twoInputSignature();
    const table = [
      [1, 2, 3, 4, 5],
      [10.5, -3, 0.25, 8, 2.9],
      [-7, 0, 1e6, -2, 17],
    ];
    const rows = rowsOf(table);
    const plan = planFeatures(signature);
    const byColumns = packColumns(columnsOf(rows), 0, rows.length, plan);
    const byCallback = packFeatures(rows.length, (r, f) => table[r][f], signature);
    for (const packed of [byColumns, byCallback]) {
      expect(packed.count).toBe(3);
      expect(Array.from(packed.source)).toEqual([0, 1, 2]);
      expect(packed.rejected).toEqual([]);
      expect(packed.feeds.a).toBeInstanceOf(Float32Array);
      expect(packed.feeds.b).toBeInstanceOf(BigInt64Array);
      const expected = table.map((values) => reference(signature, values));
      expect(valuesOf(packed.feeds.a)).toEqual(
        expected.flatMap((x) => x.slice(0, 3)).map((x) => Math.fround(x)),
      );
      expect(valuesOf(packed.feeds.b)).toEqual(
        expected.flatMap((x) => x.slice(3)).map((x) => BigInt(Math.round(x))),
      );
    }
  });

  it('leaves out rows with a value that is not a finite number, listing each with its first bad feature in row order', () => {
    const signature = twoInputSignature('float64', 'int32');
    const table: unknown[][] = [
      [1, 2, 3, 4, 5],
      [1, 'x', 3, null, 5],
      [2, 2, 2, 2, 2],
      [1, 2, 3, 4, Number.POSITIVE_INFINITY],
      [undefined, 2, 3, 4, 5],
      [3, 3, 3, 3, 3],
    ];
    const rows = rowsOf(table);
    // Rows 1..5 only: indices in the result count from the start.
    const packed = packColumns(columnsOf(rows), 1, 5, planFeatures(signature));
    expect(packed.count).toBe(2);
    expect(Array.from(packed.source)).toEqual([1, 4]);
    expect(packed.rejected).toEqual([
      { index: 0, feature: 1, value: 'x' },
      { index: 2, feature: 4, value: Number.POSITIVE_INFINITY },
      { index: 3, feature: 0, value: undefined },
    ]);
    const kept = [table[2], table[5]].map((values) => reference(signature, values as number[]));
    expect(valuesOf(packed.feeds.a)).toEqual(kept.flatMap((x) => x.slice(0, 3)));
    expect(valuesOf(packed.feeds.b)).toEqual(kept.flatMap((x) => x.slice(3).map((v) => v | 0)));
  });

  it('packs a batch with every row left out as an empty feed', () => {
    const signature = twoInputSignature();
    const rows = rowsOf([['a', 1, 1, 1, 1]]);
    const packed = packColumns(columnsOf(rows), 0, 1, planFeatures(signature));
    expect(packed.count).toBe(0);
    expect(packed.feeds.a).toHaveLength(0);
    expect(packed.rejected).toEqual([{ index: 0, feature: 0, value: 'a' }]);
  });
});
