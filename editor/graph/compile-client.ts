import { compileBlueprint } from '../../runtime/compiler/compile';
import type { Blueprint } from '../../runtime/compiler/document-types';
import type { InMemoryNodeTypeRegistry, NodeTypeRegistry } from '../../runtime/compiler/registry';
import type { Problem } from '../../schemas/problems';
import type { CompileReply } from './compile-protocol';

/** The compiler's verdict on one document. */
export interface GraphVerdict {
  valid: boolean;
  problems: Problem[];
}

/** Compiles documents for the editor, in a Web Worker when the page can start one. */
export interface GraphCompiler {
  compile(doc: Blueprint): Promise<GraphVerdict>;
  dispose(): void;
}

/** How long the worker may take over one check before the editor checks on the main thread instead. */
const WORKER_TIMEOUT_MS = 8000;

function onMainThread(registry: NodeTypeRegistry): GraphCompiler {
  return {
    async compile(doc) {
      const result = await compileBlueprint(doc, { registry });
      return { valid: result.ok, problems: result.problems };
    },
    dispose() {},
  };
}

function inWorker(registry: InMemoryNodeTypeRegistry, worker: Worker): GraphCompiler {
  let next = 0;
  const waiting = new Map<number, { resolve(v: GraphVerdict): void; reject(e: Error): void }>();
  const fallback = onMainThread(registry);
  let broken = false;
  worker.onmessage = (event: MessageEvent<CompileReply>) => {
    const reply = event.data;
    const pending = waiting.get(reply.id);
    if (!pending) return;
    waiting.delete(reply.id);
    if (reply.ok) pending.resolve({ valid: reply.valid, problems: reply.problems });
    else pending.reject(new Error(reply.message));
  };
  worker.onerror = worker.onmessageerror = () => {
    // A worker that cannot start (e.g. a blocked script) must not leave the editor without checks.
    broken = true;
    for (const pending of waiting.values())
      pending.reject(new Error('the checker stopped; checking here instead'));
    waiting.clear();
  };
  worker.postMessage({ kind: 'registry', manifests: registry.all().map((r) => r.manifest) });
  return {
    compile(doc) {
      if (broken) return fallback.compile(doc);
      const id = ++next;
      return new Promise<GraphVerdict>((resolve, reject) => {
        // A worker that never answers (its script could not load) must not leave the panel checking forever.
        const timer = setTimeout(() => {
          broken = true;
          waiting.delete(id);
          reject(new Error('the checker did not answer'));
        }, WORKER_TIMEOUT_MS);
        waiting.set(id, {
          resolve: (v) => {
            clearTimeout(timer);
            resolve(v);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
        worker.postMessage({ kind: 'compile', id, doc });
      }).catch(() => fallback.compile(doc));
    },
    dispose() {
      worker.terminate();
      waiting.clear();
    },
  };
}

/**
 * A compiler for the editor: in a Web Worker when the page can start one and the registry is held in memory
 * (its manifests are handed to the worker), else on the main thread (tests, other registries).
 * @example const compiler = createGraphCompiler(registry); const { problems } = await compiler.compile(doc)
 */
export function createGraphCompiler(registry: NodeTypeRegistry): GraphCompiler {
  const inMemory = registry as Partial<InMemoryNodeTypeRegistry>;
  if (typeof window === 'undefined' || typeof Worker === 'undefined' || typeof inMemory.all !== 'function')
    return onMainThread(registry);
  try {
    const worker = new Worker(new URL('./compile-worker.ts', import.meta.url), {
      type: 'module',
      name: 'blueprint checker',
    });
    return inWorker(registry as InMemoryNodeTypeRegistry, worker);
  } catch {
    return onMainThread(registry);
  }
}
