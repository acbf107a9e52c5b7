/// <reference lib="webworker" />
/**
 * The model Web Worker: holds one onnxruntime-web session and answers `load`, `run` and `dispose` requests
 * (model-worker-protocol.ts). Feeds arrive and outputs leave as transferred buffers, never copied.
 *
 * The wasm binary is an asset of the build: Vite copies it and gives its URL, which onnxruntime is told before
 * the first session; the JavaScript glue is bundled (onnxruntime-web/wasm's bundle build).
 */
import * as ort from 'onnxruntime-web/wasm';
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import type { ModelExecutor } from './model-executor';
import { transferList, type ModelWorkerReply, type ModelWorkerRequest } from './model-worker-protocol';
import { createSessionModelExecutor } from './session-model-executor';

ort.env.wasm.wasmPaths = { wasm: new URL(wasmUrl, self.location.href).href };

const scope = self as unknown as DedicatedWorkerGlobalScope;
let executor: ModelExecutor | undefined;

async function answer(request: ModelWorkerRequest): Promise<void> {
  try {
    if (request.kind === 'load') {
      await executor?.dispose();
      executor = await createSessionModelExecutor(request.onnx, request.signature);
      scope.postMessage({ id: request.id, ok: true } satisfies ModelWorkerReply);
    } else if (request.kind === 'run') {
      if (!executor) throw new Error('the model is not loaded');
      const outputs = await executor.run(request.feeds, request.count);
      scope.postMessage({ id: request.id, ok: true, outputs } satisfies ModelWorkerReply, {
        transfer: transferList(Object.values(outputs)),
      });
    } else {
      await executor?.dispose();
      executor = undefined;
      scope.postMessage({ id: request.id, ok: true } satisfies ModelWorkerReply);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    scope.postMessage({ id: request.id, ok: false, message } satisfies ModelWorkerReply);
  }
}

// Requests are answered one at a time, in order: a session runs one call at a time anyway.
let queue: Promise<void> = Promise.resolve();
scope.addEventListener('message', (event: MessageEvent<ModelWorkerRequest>) => {
  queue = queue.then(() => answer(event.data));
});
