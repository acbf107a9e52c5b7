import type { Feeds } from './feature-packer';
import { ModelWorkerStopped, type ModelExecutor, type Outputs } from './model-executor';
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

/** How many times in a row a stopped worker is replaced before the executor gives up. */
export const MAX_WORKER_RESTARTS = 3;

interface Waiter {
  resolve(outputs: Outputs | undefined): void;
  reject(error: Error): void;
}

/** One worker and the calls waiting on it. */
interface Live {
  port: ModelWorkerPort;
  pending: Map<number, Waiter>;
  next: number;
  stopped?: ModelWorkerStopped;
}

/**
 * Drives model workers (model-worker.ts): starts one with `spawn` and loads the model in it, then posts each
 * batch's feeds (transferring their buffers) and resolves with the outputs it transfers back. When the worker
 * stops (an error event, or its runtime trapped), the calls waiting on it fail with ModelWorkerStopped and the
 * next call starts a fresh worker, loading the model again; after `maxRestarts` stops in a row without a
 * successful call in between, every call fails with a lasting ModelWorkerStopped.
 * @example
 * const spawn = () => new Worker(new URL('./model-worker.ts', import.meta.url), { type: 'module' });
 * const executor = await createWorkerModelExecutor(spawn, bytes, signature);
 */
export async function createWorkerModelExecutor(
  spawn: () => ModelWorkerPort,
  onnx: Uint8Array,
  signature: ModelSignature,
  maxRestarts = MAX_WORKER_RESTARTS,
): Promise<ModelExecutor> {
  // Kept (a copy, the caller may change its own) to load the model again into a fresh worker.
  const model = onnx.slice();
  let stops = 0;
  let lastReason = '';
  let lasting: ModelWorkerStopped | undefined;
  let disposed = false;

  const stop = (live: Live, reason: string) => {
    if (live.stopped) return;
    stops++;
    lastReason = reason;
    live.stopped = new ModelWorkerStopped(reason, false, stops);
    for (const waiter of live.pending.values()) waiter.reject(live.stopped);
    live.pending.clear();
    live.port.terminate();
  };

  const call = (live: Live, request: Unnumbered<ModelWorkerRequest>, transfer: Transferable[]) =>
    new Promise<Outputs | undefined>((resolve, reject) => {
      if (live.stopped) return reject(live.stopped);
      const id = ++live.next;
      live.pending.set(id, { resolve, reject });
      live.port.postMessage({ ...request, id } as ModelWorkerRequest, { transfer });
    });

  const start = async (): Promise<Live> => {
    const live: Live = { port: spawn(), pending: new Map(), next: 0 };
    live.port.addEventListener('message', (event) => {
      const reply = event.data;
      const waiter = live.pending.get(reply.id);
      if (!waiter) return;
      live.pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.outputs);
      else if (reply.fatal) {
        live.pending.set(reply.id, waiter);
        stop(live, reply.message.replace(/[.\s]+$/, '') || 'its runtime failed');
      } else waiter.reject(new Error(reply.message));
    });
    live.port.addEventListener('error', (event) => stop(live, event.message || 'no reason given'));
    const bytes = model.slice();
    try {
      await call(live, { kind: 'load', onnx: bytes, signature }, [bytes.buffer]);
    } catch (error) {
      // A worker that stopped while loading is returned stopped (the caller's call fails with that);
      // a model the runtime refuses is an error of its own.
      if (live.stopped) return live;
      live.port.terminate();
      throw error;
    }
    return live;
  };

  let current: Promise<Live> = start();
  const first = await current;
  if (first.stopped) throw first.stopped;

  /** The worker to use: the current one, or a fresh one when it stopped (at most `maxRestarts` in a row). */
  const worker = async (): Promise<Live> => {
    const seen = current;
    const live = await seen;
    if (!live.stopped) return live;
    if (lasting) throw lasting;
    // Another call already started a fresh worker: share it.
    if (current !== seen) return worker();
    if (stops > maxRestarts) {
      lasting = new ModelWorkerStopped(lastReason, true, stops);
      throw lasting;
    }
    current = start();
    return current;
  };

  return {
    where: 'worker',
    async run(feeds: Feeds, count: number): Promise<Outputs> {
      if (disposed) throw new Error('the model executor was disposed');
      const live = await worker();
      const outputs = await call(live, { kind: 'run', feeds, count }, transferList(Object.values(feeds)));
      if (!outputs) throw new Error('the model worker gave no outputs');
      stops = 0;
      return outputs;
    },
    async dispose() {
      disposed = true;
      const live = await current.catch(() => undefined);
      if (!live) return;
      try {
        if (!live.stopped) await call(live, { kind: 'dispose' }, []);
      } finally {
        live.port.terminate();
      }
    },
  };
}
