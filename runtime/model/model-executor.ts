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

/**
 * The model's Web Worker stopped (crashed, or its runtime trapped). Calls waiting on it fail with this; the
 * executor starts a fresh worker on the next call, unless it already stopped too many times in a row
 * (`lasting`), after which every call fails with it.
 */
export class ModelWorkerStopped extends Error {
  constructor(
    /** Why it stopped, in plain words (the worker's error message). */
    readonly reason: string,
    readonly lasting: boolean,
    /** How many times in a row the worker has stopped. */
    readonly times: number,
  ) {
    super(
      lasting
        ? `the model worker stopped ${times} times in a row (${reason})`
        : `the model worker stopped (${reason})`,
    );
    this.name = 'ModelWorkerStopped';
  }
}

/** The rows a model yielded, read as numbers by row and output column (the card's flattened column order). */
export interface OutputTable {
  count: number;
  columns: readonly string[];
  at(row: number, column: number): number;
}

/** One output column of a call: `data[row * stride + index]` is its value for a packed row. */
export interface OutputColumn {
  data: OutputArray;
  stride: number;
  index: number;
}

/**
 * The columns of a call's outputs, in the card's flattened column order, checking each tensor holds `count`
 * rows of its columns. Throws with a plain reason when a tensor is missing or has the wrong size.
 * @example
 * const [rul] = outputColumns(signature, outputs, packed.count);
 * Number(rul.data[p * rul.stride + rul.index]); // row p's value
 */
export function outputColumns(signature: ModelSignature, outputs: Outputs, count: number): OutputColumn[] {
  const columns: OutputColumn[] = [];
  for (const output of signature.outputs) {
    const data = outputs[output.tensor];
    const width = output.columns.length;
    if (!data) throw new Error(`the model gave no output named "${output.tensor}"`);
    if (data.length !== count * width)
      throw new Error(
        `its output "${output.tensor}" has ${data.length} values for ${count} rows, not ${width} per row as the card says`,
      );
    for (let c = 0; c < width; c++) columns.push({ data, stride: width, index: c });
  }
  return columns;
}

/**
 * Reads a call's outputs as a table of numbers, checking each tensor holds `count` rows of its columns.
 * Throws with a plain reason when a tensor is missing or has the wrong size.
 * @example readOutputs(signature, await executor.run(packed.feeds, packed.count), packed.count).at(0, 0)
 */
export function readOutputs(signature: ModelSignature, outputs: Outputs, count: number): OutputTable {
  const columns = outputColumns(signature, outputs, count);
  return {
    count,
    columns: signature.columns,
    at(row, column) {
      const { data, stride, index } = columns[column];
      return Number(data[row * stride + index]);
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
    // A function, so a worker that stops can be replaced by a fresh one.
    const spawn = () =>
      new Worker(new URL('./model-worker.ts', import.meta.url), {
        type: 'module',
        name: `model ${signature.model}`,
      });
    return createWorkerModelExecutor(spawn, onnx, signature);
  }
  const { createSessionModelExecutor } = await import('./session-model-executor');
  return createSessionModelExecutor(onnx, signature);
}
