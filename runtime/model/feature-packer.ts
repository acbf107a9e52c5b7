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
  /** For each packed row, the index of the source row (read-only: when every row was kept it is shared). */
  source: Int32Array;
  /** Source rows left out because a feature was not a number: the first bad feature of each. */
  rejected: { index: number; feature: number; value: unknown }[];
}

/**
 * Where each model feature goes and how it is preprocessed, worked out once per model (packing a batch then
 * only reads values and writes them). Features are in the model's flattened order.
 */
export interface FeaturePlan {
  signature: ModelSignature;
  /** Per feature: the input tensor it feeds, its position in that tensor's row, and that row's width. */
  tensor: Int32Array;
  position: Int32Array;
  width: Int32Array;
  /** Per preprocessing step, per feature: subtract the offset, then divide by the scale (the card's order). */
  offsets: Float64Array[];
  scales: Float64Array[];
}

/**
 * Works out where each feature of a model goes (tensor and position) and its preprocessing, once per model.
 * @example
 * const plan = planFeatures(signature);
 * const packed = packColumns(featureColumns, 0, count, plan);
 */
export function planFeatures(signature: ModelSignature): FeaturePlan {
  const count = signature.features.length;
  const tensor = new Int32Array(count);
  const position = new Int32Array(count);
  const width = new Int32Array(count);
  let f = 0;
  signature.inputs.forEach((input, t) => {
    for (let p = 0; p < input.features.length; p++, f++) {
      tensor[f] = t;
      position[f] = p;
      width[f] = input.features.length;
    }
  });
  return {
    signature,
    tensor,
    position,
    width,
    offsets: signature.preprocessing.map((step) => Float64Array.from(step.offset)),
    scales: signature.preprocessing.map((step) => Float64Array.from(step.scale)),
  };
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

/** A batch being packed: one array per input tensor, with room for every row; bad rows are marked. */
interface Packing {
  arrays: FeedArray[];
  /** Per row: 1 + the first bad feature, 0 while the row is good (made at the first bad value). */
  bad: Int32Array | null;
  badValues: Map<number, unknown> | null;
  badCount: number;
}

/**
 * Tensor arrays kept from one call to the next, for an executor that copies its feeds before it returns
 * (in-process onnxruntime copies them into its own memory), so a node packing batches of one size allocates
 * them once. Never for a worker executor: its feeds are transferred, not copied.
 * @example
 * const scratch = new FeedScratch();
 * packColumns(columns, 0, 256, plan, scratch); // later calls of 256 rows reuse the same arrays
 */
export class FeedScratch {
  #arrays: FeedArray[] | undefined;
  #count = -1;

  /** The arrays for `count` rows: the kept ones when the size matches, else new ones, kept for next time. */
  take(plan: FeaturePlan, count: number): FeedArray[] {
    if (this.#arrays && this.#count === count) return this.#arrays;
    this.#arrays = plan.signature.inputs.map((input) => allocate(input.dtype, count * input.features.length));
    this.#count = count;
    return this.#arrays;
  }
}

function startPacking(plan: FeaturePlan, count: number, scratch?: FeedScratch): Packing {
  return {
    arrays:
      scratch?.take(plan, count) ??
      plan.signature.inputs.map((input) => allocate(input.dtype, count * input.features.length)),
    bad: null,
    badValues: null,
    badCount: 0,
  };
}

/**
 * Writes one feature's raw values (`values[r]` for rows 0..count-1) into its tensor, preprocessed, marking
 * rows whose value is not a finite number. Features are written in the model's order, so the first mark of a
 * row is its first bad feature.
 */
function writeFeature(
  plan: FeaturePlan,
  packing: Packing,
  f: number,
  count: number,
  value: (r: number) => unknown,
): void {
  const array = packing.arrays[plan.tensor[f]];
  const big = array instanceof BigInt64Array;
  const stride = plan.width[f];
  const steps = plan.offsets.length;
  for (let r = 0, at = plan.position[f]; r < count; r++, at += stride) {
    const v = value(r);
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      markBad(packing, r, f, v, count);
      continue;
    }
    let x = v;
    for (let s = 0; s < steps; s++) x = (x - plan.offsets[s][f]) / plan.scales[s][f];
    if (big) array[at] = BigInt(Math.round(x));
    else (array as Float64Array)[at] = x;
  }
}

function markBad(packing: Packing, r: number, f: number, value: unknown, count: number): void {
  const bad = (packing.bad ??= new Int32Array(count));
  if (bad[r] !== 0) return;
  bad[r] = f + 1;
  (packing.badValues ??= new Map()).set(r, value);
  packing.badCount++;
}

/** 0, 1, …, the longest identity handed out so far; views of it are shared and never written. */
let identities = new Int32Array(0);

/** The rows 0..count-1 in order, as `PackedRows.source` when no row was left out (read-only, shared). */
function identity(count: number): Int32Array {
  if (identities.length < count) {
    identities = new Int32Array(Math.max(count, 2 * identities.length));
    for (let r = 0; r < identities.length; r++) identities[r] = r;
  }
  return identities.subarray(0, count);
}

/** Leaves the marked rows out (rare), listing them in row order. */
function finishPacking(plan: FeaturePlan, packing: Packing, count: number): PackedRows {
  const { signature } = plan;
  const feeds: Feeds = {};
  if (packing.badCount === 0) {
    const source = identity(count);
    signature.inputs.forEach((input, t) => (feeds[input.tensor] = packing.arrays[t]));
    return { feeds, count, source, rejected: [] };
  }
  const kept = count - packing.badCount;
  const source = new Int32Array(kept);
  const rejected: PackedRows['rejected'] = [];
  let p = 0;
  const bad = packing.bad as Int32Array;
  for (let r = 0; r < count; r++) {
    if (bad[r] === 0) source[p++] = r;
    else rejected.push({ index: r, feature: bad[r] - 1, value: packing.badValues?.get(r) });
  }
  signature.inputs.forEach((input, t) => {
    const n = input.features.length;
    const all = packing.arrays[t];
    const array = allocate(input.dtype, kept * n);
    for (let q = 0; q < kept; q++) array.set(all.subarray(source[q] * n, source[q] * n + n) as never, q * n);
    feeds[input.tensor] = array;
  });
  return { feeds, count: kept, source, rejected };
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
  signature: ModelSignature | FeaturePlan,
): PackedRows {
  const plan = 'signature' in signature ? signature : planFeatures(signature);
  const packing = startPacking(plan, count);
  const width = plan.signature.features.length;
  for (let f = 0; f < width; f++) writeFeature(plan, packing, f, count, (r) => read(r, f));
  return finishPacking(plan, packing, count);
}

/**
 * Packs values `start` to `start + count - 1` of each feature's column (`columns[f]`, in the model's feature
 * order), like packFeatures but a column at a time with no callback per value (the model node's hot path).
 * Row indices in the result (`source`, `rejected`) count from `start`. With `scratch`, the tensor arrays are
 * the scratch's (see {@link FeedScratch}).
 * @example
 * const packed = packColumns([partColumn(part, 'vib'), partColumn(part, 'temp')], 0, 256, plan);
 */
export function packColumns(
  columns: readonly ArrayLike<unknown>[],
  start: number,
  count: number,
  plan: FeaturePlan,
  scratch?: FeedScratch,
): PackedRows {
  const packing = startPacking(plan, count, scratch);
  const width = plan.signature.features.length;
  for (let f = 0; f < width; f++) {
    const values = columns[f];
    const array = packing.arrays[plan.tensor[f]];
    if (plan.offsets.length > 0 || array instanceof BigInt64Array) {
      writeFeature(plan, packing, f, count, (r) => values[start + r]);
      continue;
    }
    // No preprocessing, a float or int32 tensor: the common case, copied by a loop small enough for the JIT
    // to specialise, which stops at the first value that is not a finite number; the rest of that column is
    // then checked value by value.
    const stride = plan.width[f];
    const position = plan.position[f];
    let r = 0;
    while (r < count) {
      r = copyFinite(values, start, r, count, array as Float32Array, position, stride);
      if (r < count) {
        markBad(packing, r, f, values[start + r], count);
        r++;
      }
    }
  }
  return finishPacking(plan, packing, count);
}

/**
 * Copies `values[start + r]` to `array[position + r * stride]` for rows `from` to `count - 1`, stopping at
 * the first that is not a finite number: returns its row, or `count` when every value was copied.
 */
function copyFinite(
  values: ArrayLike<unknown>,
  start: number,
  from: number,
  count: number,
  array: Float32Array,
  position: number,
  stride: number,
): number {
  for (let r = from, at = position + from * stride; r < count; r++, at += stride) {
    const v = values[start + r];
    if (typeof v !== 'number' || !Number.isFinite(v)) return r;
    array[at] = v;
  }
  return count;
}
