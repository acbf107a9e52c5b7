import type { Feeds } from './feature-packer';
import type { ModelExecutor, Outputs } from './model-executor';
import { transferList, type ModelWorkerReply, type ModelWorkerRequest } from './model-worker-protocol';
import type { ModelSignature } from './model-signature';

/** A request before it is numbered. */
type Unnumbered<T> = T extends unknown ? Omit<T, 'id'> : never;

/** The part of a Worker the client uses (a real `Worker` in browsers). */
export interface ModelWorkerPort {
  postMessage(message: ModelWorkerRequest, options: { transfer: Transferable[] }): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ModelWorkerReply>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

/**
 * Drives a model worker (model-worker.ts): loads the model in it, then posts each batch's feeds (transferring
 * their buffers) and resolves with the outputs it transfers back. Rejects pending calls if the worker fails.
 * @example
 * const worker = new Worker(new URL('./model-worker.ts', import.meta.url), { type: 'module' });
 * const executor = await createWorkerModelExecutor(worker, bytes, signature);
 */
export async function createWorkerModelExecutor(
  worker: ModelWorkerPort,
  onnx: Uint8Array,
  signature: ModelSignature,
): Promise<ModelExecutor> {
  let next = 0;
  let broken: Error | undefined;
  const pending = new Map<
    number,
    { resolve(outputs: Outputs | undefined): void; reject(error: Error): void }
  >();
  worker.addEventListener('message', (event) => {
    const reply = event.data;
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if (reply.ok) waiter.resolve(reply.outputs);
    else waiter.reject(new Error(reply.message));
  });
  worker.addEventListener('error', (event) => {
    broken = new Error(event.message || 'the model worker stopped');
    for (const waiter of pending.values()) waiter.reject(broken);
    pending.clear();
  });
  const call = (request: Unnumbered<ModelWorkerRequest>, transfer: Transferable[]) =>
    new Promise<Outputs | undefined>((resolve, reject) => {
      if (broken) return reject(broken);
      const id = ++next;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id } as ModelWorkerRequest, { transfer });
    });
  // The model bytes are copied once (the caller may keep its own), then transferred.
  const bytes = onnx.slice();
  try {
    await call({ kind: 'load', onnx: bytes, signature }, [bytes.buffer]);
  } catch (error) {
    worker.terminate();
    throw error;
  }
  return {
    where: 'worker',
    async run(feeds: Feeds, count: number): Promise<Outputs> {
      const outputs = await call({ kind: 'run', feeds, count }, transferList(Object.values(feeds)));
      if (!outputs) throw new Error('the model worker gave no outputs');
      return outputs;
    },
    async dispose() {
      try {
        if (!broken) await call({ kind: 'dispose' }, []);
      } finally {
        worker.terminate();
      }
    },
  };
}
