import type { RuntimeProblem } from '../engine/node-api';
import { modelCardUnusable } from './model-problems';

/** Tensor element types a model node can fill from row numbers. */
export type NumericDtype = 'float32' | 'float64' | 'int32' | 'int64';

/** Element types a model node can turn into row numbers (bool becomes 0 / 1). */
export type OutputDtype = NumericDtype | 'bool';

/** One input tensor: its features along the last dimension, in order. */
export interface InputTensorPlan {
  tensor: string;
  dtype: NumericDtype;
  /** The card's shape; the one varying dimension (-1 or a name) is the batch. */
  shape: (number | string)[];
  features: string[];
}

/** One output tensor: the columns it yields per row, in order. */
export interface OutputTensorPlan {
  tensor: string;
  dtype: OutputDtype;
  columns: string[];
}

/** A preprocessing step over the flattened feature list (every input's features, in order). */
export interface PreprocessingPlan {
  kind: 'standardize' | 'minmax';
  offset: number[];
  scale: number[];
}

/** What the runtime needs from a model card to feed and read a model. Plain data, so it crosses to a worker. */
export interface ModelSignature {
  model: string;
  inputs: InputTensorPlan[];
  outputs: OutputTensorPlan[];
  /** Every input's features, in order. */
  features: string[];
  /** Every output's columns, in order. */
  columns: string[];
  preprocessing: PreprocessingPlan[];
}

export type SignatureResult =
  { ok: true; signature: ModelSignature } | { ok: false; problem: RuntimeProblem };

const INPUT_DTYPES: readonly string[] = ['float32', 'float64', 'int32', 'int64'];
const OUTPUT_DTYPES: readonly string[] = [...INPUT_DTYPES, 'bool'];

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function names(list: unknown): string[] | undefined {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const out = list.map((item) => (isObject(item) && typeof item.name === 'string' ? item.name : undefined));
  return out.every((n): n is string => n !== undefined) ? out : undefined;
}

function checkShape(shape: unknown, width: number): string | undefined {
  if (!Array.isArray(shape) || shape.length === 0) return 'has no shape';
  const varying = shape.filter((d) => typeof d === 'string' || d === -1).length;
  if (varying !== 1) return 'must have exactly one varying dimension (the rows), written -1 or as a name';
  const fixed = shape.reduce<number>(
    (product, d) => (typeof d === 'number' && d !== -1 ? product * d : product),
    1,
  );
  if (fixed !== width) return `has room for ${fixed} values per row but lists ${width} features`;
  return undefined;
}

function preprocessingOf(steps: unknown, width: number): PreprocessingPlan[] | string {
  if (steps === undefined) return [];
  if (!Array.isArray(steps)) return 'its preprocessing is not a list';
  const plans: PreprocessingPlan[] = [];
  for (const step of steps) {
    if (!isObject(step)) return 'a preprocessing step is not an object';
    const [a, b] = step.kind === 'standardize' ? [step.mean, step.std] : [step.min, step.max];
    const numeric = (v: unknown): v is number[] =>
      Array.isArray(v) && v.length === width && v.every((x) => typeof x === 'number' && Number.isFinite(x));
    if (!numeric(a) || !numeric(b))
      return `its ${String(step.kind)} step needs ${width} numbers in each of its lists, one per feature`;
    const scale = step.kind === 'standardize' ? b : b.map((max, i) => max - a[i]);
    if (scale.some((s) => s === 0)) return `its ${String(step.kind)} step would divide by zero`;
    plans.push({ kind: step.kind === 'standardize' ? 'standardize' : 'minmax', offset: a, scale });
  }
  return plans;
}

/**
 * Reads the input and output signature of a model card (schemas/model-card) into what the executor needs.
 * Refuses (PTR301) what a model node cannot run: no ONNX format, text or bool inputs, shapes that do not hold
 * the listed features, malformed preprocessing.
 * @example
 * const result = readModelSignature(card);
 * if (result.ok) console.log(result.signature.features); // ['vib_mean', 'temp_max']
 */
export function readModelSignature(card: unknown): SignatureResult {
  const model = isObject(card) && typeof card.name === 'string' ? card.name : 'model';
  const fail = (reason: string): SignatureResult => ({
    ok: false,
    problem: modelCardUnusable(model, reason),
  });
  if (!isObject(card)) return fail('the card is not an object');
  if (card.format !== undefined && card.format !== 'onnx')
    return fail(`the model is in ${String(card.format)} format; only ONNX models run in the browser`);
  if (!Array.isArray(card.inputs) || card.inputs.length === 0) return fail('it lists no inputs');
  if (!Array.isArray(card.outputs) || card.outputs.length === 0) return fail('it lists no outputs');
  const inputs: InputTensorPlan[] = [];
  for (const input of card.inputs) {
    const features = isObject(input) ? names(input.features) : undefined;
    if (!isObject(input) || typeof input.tensor !== 'string' || !features)
      return fail('an input has no tensor name or no features');
    if (!INPUT_DTYPES.includes(String(input.dtype)))
      return fail(
        `its input "${input.tensor}" holds ${String(input.dtype)}, which cannot be filled from numbers`,
      );
    const shapeProblem = checkShape(input.shape, features.length);
    if (shapeProblem) return fail(`the shape of its input "${input.tensor}" ${shapeProblem}`);
    inputs.push({
      tensor: input.tensor,
      dtype: input.dtype as NumericDtype,
      shape: input.shape as (number | string)[],
      features,
    });
  }
  const outputs: OutputTensorPlan[] = [];
  for (const output of card.outputs) {
    const columns = isObject(output) ? names(output.columns) : undefined;
    if (!isObject(output) || typeof output.tensor !== 'string' || !columns)
      return fail('an output has no tensor name or no columns');
    if (!OUTPUT_DTYPES.includes(String(output.dtype)))
      return fail(
        `its output "${output.tensor}" holds ${String(output.dtype)}, which cannot become a number`,
      );
    outputs.push({ tensor: output.tensor, dtype: output.dtype as OutputDtype, columns });
  }
  const features = inputs.flatMap((i) => i.features);
  const preprocessing = preprocessingOf(card.preprocessing, features.length);
  if (typeof preprocessing === 'string') return fail(preprocessing);
  return {
    ok: true,
    signature: {
      model,
      inputs,
      outputs,
      features,
      columns: outputs.flatMap((o) => o.columns),
      preprocessing,
    },
  };
}

/**
 * The tensor dimensions for `rows` rows: the card's shape with its varying dimension set to the row count.
 * @example tensorDims({ shape: ['N', 2] } as InputTensorPlan, 8) // [8, 2]
 */
export function tensorDims(input: Pick<InputTensorPlan, 'shape'>, rows: number): number[] {
  return input.shape.map((d) => (typeof d === 'string' || d === -1 ? rows : d));
}
