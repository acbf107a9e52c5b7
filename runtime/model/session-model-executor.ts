import * as ort from 'onnxruntime-web/wasm';
import type { Feeds } from './feature-packer';
import type { ModelExecutor, OutputArray, Outputs } from './model-executor';
import { tensorDims, type ModelSignature } from './model-signature';

// One thread: threads need cross-origin isolation in browsers, and a model node's batches are small enough
// that a second core is better spent on the rest of the twin. Set before the first session is created.
ort.env.wasm.numThreads = 1;

function plainArray(data: unknown): OutputArray {
  if (
    data instanceof Float32Array ||
    data instanceof Float64Array ||
    data instanceof Int32Array ||
    data instanceof BigInt64Array ||
    data instanceof Uint8Array
  ) {
    // Own buffer, so it can be transferred to the page without copying the rest of a larger buffer.
    return data.byteOffset === 0 && data.byteLength === data.buffer.byteLength
      ? data
      : (data.slice() as OutputArray);
  }
  throw new Error('the model gave an output that is not numbers');
}

/**
 * Runs a model in this thread with onnxruntime-web's wasm backend: in Node (tests, benchmarks) and inside the
 * model Web Worker. The session is created once; `run` wraps the packed feeds in tensors without copying.
 * @example
 * const executor = await createSessionModelExecutor(bytes, signature);
 * const outputs = await executor.run({ x: new Float32Array([1, 2]) }, 1);
 */
export async function createSessionModelExecutor(
  onnx: Uint8Array,
  signature: ModelSignature,
): Promise<ModelExecutor> {
  const session = await ort.InferenceSession.create(onnx, {
    executionProviders: ['wasm'],
    graphOptimizationLevel: 'all',
  });
  const outputNames = signature.outputs.map((o) => o.tensor);
  // The tensors of the last call: a caller that packs into the same arrays each time (FeedScratch) gets the
  // same tensor objects back instead of new ones (onnxruntime copies the values in at each run).
  let lastTensors: Record<string, ort.Tensor> = {};
  let lastCount = -1;
  return {
    where: 'in-process',
    async run(feeds: Feeds, count: number): Promise<Outputs> {
      const tensors: Record<string, ort.Tensor> = {};
      for (const input of signature.inputs) {
        const data = feeds[input.tensor];
        if (!data) throw new Error(`no values for the input "${input.tensor}"`);
        const last = lastTensors[input.tensor];
        tensors[input.tensor] =
          last?.data === data && lastCount === count
            ? last
            : new ort.Tensor(input.dtype, data, tensorDims(input, count));
      }
      lastTensors = tensors;
      lastCount = count;
      const results = await session.run(tensors, outputNames);
      const outputs: Outputs = {};
      for (const name of outputNames) {
        const tensor = results[name];
        if (!tensor) throw new Error(`the model gave no output named "${name}"`);
        outputs[name] = plainArray(tensor.data);
        tensor.dispose();
      }
      return outputs;
    },
    async dispose() {
      await session.release();
    },
  };
}
