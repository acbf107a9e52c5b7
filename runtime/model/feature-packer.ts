import type { ModelSignature, NumericDtype } from './model-signature';

/** A typed array that feeds one input tensor; it is transferred, not copied, to a worker. */
export type FeedArray = Float32Array | Float64Array | Int32Array | BigInt64Array;

/** Feeds for one inference call, by tensor name. */
export type Feeds = Record<string, FeedArray>;

/** Rows turned into tensors: the feeds, and which source rows they hold. */
export interface PackedRows {
  feeds: Feeds;
  /** How many rows the feeds hold. */
  count: number;
  /** For each packed row, the index of the source row. */
  source: Int32Array;
  /** Source rows left out because a feature was not a number: the first bad feature of each. */
  rejected: { index: number; feature: number; value: unknown }[];
}

function allocate(dtype: NumericDtype, length: number): FeedArray {
  switch (dtype) {
    case 'float64':
      return new Float64Array(length);
    case 'int32':
      return new Int32Array(length);
    case 'int64':
      return new BigInt64Array(length);
    default:
      return new Float32Array(length);
  }
}

/**
 * Packs `count` rows into one typed array per input tensor, in the model's feature order, applying the card's
 * preprocessing. `read(row, feature)` gives the value of feature number `feature` (the model's flattened
 * order) for source row `row`. Rows with a value that is not a finite number are left out and listed.
 * @example
 * const packed = packFeatures(rows.length, (r, f) => rows[r][columns[f]], signature);
 * // packed.feeds.x: Float32Array of packed.count × 2 values
 */
export function packFeatures(
  count: number,
  read: (row: number, feature: number) => unknown,
  signature: ModelSignature,
): PackedRows {
  const width = signature.features.length;
  const values = new Float64Array(width);
  const source = new Int32Array(count);
  const rejected: PackedRows['rejected'] = [];
  const arrays = signature.inputs.map((input) => allocate(input.dtype, count * input.features.length));
  const offsets: number[] = [];
  let offset = 0;
  for (const input of signature.inputs) {
    offsets.push(offset);
    offset += input.features.length;
  }
  let packed = 0;
  rows: for (let r = 0; r < count; r++) {
    for (let f = 0; f < width; f++) {
      const value = read(r, f);
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        rejected.push({ index: r, feature: f, value });
        continue rows;
      }
      values[f] = value;
    }
    for (const step of signature.preprocessing) {
      for (let f = 0; f < width; f++) values[f] = (values[f] - step.offset[f]) / step.scale[f];
    }
    for (let t = 0; t < arrays.length; t++) {
      const n = signature.inputs[t].features.length;
      const array = arrays[t];
      const base = packed * n;
      if (array instanceof BigInt64Array) {
        for (let f = 0; f < n; f++) array[base + f] = BigInt(Math.round(values[offsets[t] + f]));
      } else {
        for (let f = 0; f < n; f++) array[base + f] = values[offsets[t] + f];
      }
    }
    source[packed++] = r;
  }
  const feeds: Feeds = {};
  signature.inputs.forEach((input, t) => {
    const n = input.features.length;
    const array = arrays[t];
    feeds[input.tensor] = packed === count ? array : (array.slice(0, packed * n) as FeedArray);
  });
  return { feeds, count: packed, source: packed === count ? source : source.slice(0, packed), rejected };
}
