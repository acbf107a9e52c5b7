import type { ModelExecutor } from './model-executor';
import { transferList, type ModelWorkerReply, type ModelWorkerRequest } from './model-worker-protocol';
import { createSessionModelExecutor } from './session-model-executor';

/** How a model worker talks back: post a reply (transferring buffers), or end itself. */
export interface ModelWorkerScope {
  post(reply: ModelWorkerReply, transfer: ArrayBuffer[]): void;
  close(): void;
}

/**
 * A WebAssembly trap (onnxruntime aborted, ran out of memory): the wasm instance cannot be trusted after it,
 * so the worker says so and ends, and the page starts a fresh one.
 */
function isFatal(error: unknown): boolean {
  return typeof WebAssembly !== 'undefined' && error instanceof WebAssembly.RuntimeError;
}

/**
 * The model worker's request handling (model-worker.ts in browsers, a worker thread in tests): holds one
 * session and answers `load`, `run` and `dispose` one at a time, in order. Returns the function to call with
 * each request.
 * @example
 * const handle = createModelWorkerHandler({ post: (r, t) => self.postMessage(r, { transfer: t }), close: () => self.close() });
 * self.addEventListener('message', (event) => handle(event.data));
 */
export function createModelWorkerHandler(scope: ModelWorkerScope): (request: ModelWorkerRequest) => void {
  let executor: ModelExecutor | undefined;
  let closed = false;

  async function answer(request: ModelWorkerRequest): Promise<void> {
    if (closed) return;
    try {
      if (request.kind === 'load') {
        await executor?.dispose();
        executor = await createSessionModelExecutor(request.onnx, request.signature);
        scope.post({ id: request.id, ok: true }, []);
      } else if (request.kind === 'run') {
        if (!executor) throw new Error('the model is not loaded');
        const outputs = await executor.run(request.feeds, request.count);
        scope.post({ id: request.id, ok: true, outputs }, transferList(Object.values(outputs)));
      } else {
        await executor?.dispose();
        executor = undefined;
        scope.post({ id: request.id, ok: true }, []);
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const fatal = isFatal(error);
      scope.post({ id: request.id, ok: false, message, ...(fatal ? { fatal } : {}) }, []);
      if (fatal) {
        closed = true;
        scope.close();
      }
    }
  }

  // Requests are answered one at a time, in order: a session runs one call at a time anyway.
  let queue: Promise<void> = Promise.resolve();
  return (request) => {
    queue = queue.then(() => answer(request));
  };
}
