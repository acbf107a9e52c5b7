import { readFile } from 'node:fs/promises';
import onnxProto from 'onnx-proto';
import { ApiError } from '../http/api-error';

const { onnx } = onnxProto;

/** A model card's tensor element types. */
export type CardDtype = 'float32' | 'float64' | 'int32' | 'int64' | 'bool' | 'string';

/** One graph input or output of an ONNX model. */
export interface OnnxTensor {
  name: string;
  /** The element type in the model card's words, or null for a type a card cannot name (or a non-tensor). */
  dtype: CardDtype | null;
}

/** What an ONNX model takes and gives. Inputs exclude initializers (weights listed as inputs by old models). */
export interface OnnxSignature {
  irVersion: number;
  inputs: OnnxTensor[];
  outputs: OnnxTensor[];
}

const DTYPES: Readonly<Record<number, CardDtype>> = {
  1: 'float32',
  6: 'int32',
  7: 'int64',
  8: 'string',
  9: 'bool',
  11: 'float64',
};

function notOnnx(reason: string): ApiError {
  return new ApiError(
    400,
    'invalid_onnx',
    `This file is not an ONNX model (${reason}); export the model to ONNX (e.g. with torch.onnx.export or tf2onnx) and upload the .onnx file.`,
  );
}

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value && typeof value === 'object' && 'toNumber' in value) {
    return (value as { toNumber(): number }).toNumber();
  }
  return 0;
}

function tensorOf(info: {
  name?: string | null;
  type?: { tensorType?: { elemType?: number | null } | null } | null;
}): OnnxTensor {
  const elemType = info.type?.tensorType?.elemType;
  return { name: info.name ?? '', dtype: elemType ? (DTYPES[elemType] ?? null) : null };
}

/**
 * Decodes an ONNX ModelProto (protobuf, via onnx-proto) and returns its graph's signature. Throws a 400
 * `invalid_onnx` when the bytes are not a model: not protobuf, no IR version, no graph or no graph output.
 * @example const { inputs, outputs } = decodeOnnxSignature(bytes)
 */
export function decodeOnnxSignature(bytes: Uint8Array): OnnxSignature {
  let model: ReturnType<typeof onnx.ModelProto.decode>;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch {
    throw notOnnx('it cannot be read as an ONNX protobuf message');
  }
  const irVersion = toNumber(model.irVersion);
  if (irVersion < 1) throw notOnnx('it has no ONNX IR version');
  const graph = model.graph;
  if (!graph) throw notOnnx('it has no graph');
  const outputs = graph.output ?? [];
  if (outputs.length === 0) throw notOnnx('its graph has no outputs');
  const initializers = new Set((graph.initializer ?? []).map((t) => t.name));
  return {
    irVersion,
    inputs: (graph.input ?? []).filter((i) => !initializers.has(i.name)).map(tensorOf),
    outputs: outputs.map(tensorOf),
  };
}

/**
 * Reads a stored model file and decodes its signature (see decodeOnnxSignature). The file is read once into
 * memory to decode it; its size is already bounded by the upload limit.
 * @example const signature = await readOnnxSignature(staged.path)
 */
export async function readOnnxSignature(path: string): Promise<OnnxSignature> {
  return decodeOnnxSignature(await readFile(path));
}
