import type { Feeds } from './feature-packer';
import type { Outputs } from './model-executor';
import type { ModelSignature } from './model-signature';

/** What the page asks the model worker. `id` pairs each request with its reply. */
export type ModelWorkerRequest =
  | { id: number; kind: 'load'; onnx: Uint8Array; signature: ModelSignature }
  | { id: number; kind: 'run'; feeds: Feeds; count: number }
  | { id: number; kind: 'dispose' };

/** What the model worker answers. `fatal`: its runtime trapped and the worker ends; start a fresh one. */
export type ModelWorkerReply =
  { id: number; ok: true; outputs?: Outputs } | { id: number; ok: false; message: string; fatal?: boolean };

/**
 * The buffers of typed arrays, for a postMessage transfer list (each buffer once).
 * @example worker.postMessage(request, transferList(Object.values(feeds)))
 */
export function transferList(arrays: readonly ArrayBufferView[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const array of arrays) {
    if (array.buffer instanceof ArrayBuffer) buffers.add(array.buffer);
  }
  return [...buffers];
}
