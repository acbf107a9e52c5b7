import type { Feeds } from './feature-packer';
import type { ModelSignature } from './model-signature';

/** What a model yields for one call, by output tensor name: `count` rows × that output's columns. */
export type OutputArray = Float32Array | Float64Array | Int32Array | BigInt64Array | Uint8Array;
export type Outputs = Record<string, OutputArray>;

/**
 * Runs one ONNX model. The same interface is served in-process (Node, tests) and by a Web Worker (browser),
 * so nodes never know which one they hold.
 */
export interface ModelExecutor {
  /** Where inference runs. */
  readonly where: 'worker' | 'in-process';
  /** Runs the model on `count` packed rows. The feeds' buffers may be transferred (do not reuse them). */
  run(feeds: Feeds, count: number): Promise<Outputs>;
  dispose(): Promise<void>;
}

/** The rows a model yielded, read as numbers by row and output column (the card's flattened column order). */
export interface OutputTable {
  count: number;
  columns: readonly string[];
  at(row: number, column: number): number;
}

/**
 * Reads a call's outputs as a table of numbers, checking each tensor holds `count` rows of its columns.
 * Throws with a plain reason when a tensor is missing or has the wrong size.
 * @example readOutputs(signature, await executor.run(packed.feeds, packed.count), packed.count).at(0, 0)
 */
export function readOutputs(signature: ModelSignature, outputs: Outputs, count: number): OutputTable {
  const parts: { data: OutputArray; width: number; offset: number }[] = [];
  let offset = 0;
  for (const output of signature.outputs) {
    const data = outputs[output.tensor];
    const width = output.columns.length;
    if (!data) throw new Error(`the model gave no output named "${output.tensor}"`);
    if (data.length !== count * width)
      throw new Error(
        `its output "${output.tensor}" has ${data.length} values for ${count} rows, not ${width} per row as the card says`,
      );
    parts.push({ data, width, offset });
    offset += width;
  }
  const lookup: { part: number; index: number }[] = [];
  parts.forEach((part, p) => {
    for (let c = 0; c < part.width; c++) lookup.push({ part: p, index: c });
  });
  return {
    count,
    columns: signature.columns,
    at(row, column) {
      const { part, index } = lookup[column];
      const { data, width } = parts[part];
      return Number(data[row * width + index]);
    },
  };
}

/**
 * Creates the executor suited to where the code runs: a Web Worker on a browser page (inference off the main
 * thread), in-process elsewhere (Node, or inside a worker already). onnxruntime loads only when called.
 * @example
 * const executor = await createModelExecutor(loaded.onnx, signature);
 * const outputs = await executor.run(packed.feeds, packed.count);
 */
export async function createModelExecutor(
  onnx: Uint8Array,
  signature: ModelSignature,
): Promise<ModelExecutor> {
  if (typeof window !== 'undefined' && typeof Worker !== 'undefined') {
    const { createWorkerModelExecutor } = await import('./worker-model-executor');
    const worker = new Worker(new URL('./model-worker.ts', import.meta.url), {
      type: 'module',
      name: `model ${signature.model}`,
    });
    return createWorkerModelExecutor(worker, onnx, signature);
  }
  const { createSessionModelExecutor } = await import('./session-model-executor');
  return createSessionModelExecutor(onnx, signature);
}
