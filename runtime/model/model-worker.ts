/// <reference lib="webworker" />
/**
 * The model Web Worker: holds one onnxruntime-web session and answers `load`, `run` and `dispose` requests
 * (model-worker-protocol.ts, handled by model-worker-core.ts). Feeds arrive and outputs leave as transferred
 * buffers, never copied. After a WebAssembly trap it says so and ends; the page starts a fresh worker.
 *
 * The wasm binary is an asset of the build: Vite copies it and gives its URL, which onnxruntime is told before
 * the first session; the JavaScript glue is bundled (onnxruntime-web/wasm's bundle build).
 */
import * as ort from 'onnxruntime-web/wasm';
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import { createModelWorkerHandler } from './model-worker-core';
import type { ModelWorkerRequest } from './model-worker-protocol';

ort.env.wasm.wasmPaths = { wasm: new URL(wasmUrl, self.location.href).href };

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = createModelWorkerHandler({
  post: (reply, transfer) => scope.postMessage(reply, { transfer }),
  close: () => scope.close(),
});
scope.addEventListener('message', (event: MessageEvent<ModelWorkerRequest>) => handle(event.data));
