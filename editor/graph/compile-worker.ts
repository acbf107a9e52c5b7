/// <reference lib="webworker" />
/**
 * The editor's compile Web Worker: runs the real compiler on the document being edited, off the main thread,
 * so that checking a large blueprint never stalls dragging or typing (compile-client.ts talks to it).
 */
import { compileBlueprint } from '../../runtime/compiler/compile';
import { InMemoryNodeTypeRegistry } from '../../runtime/compiler/registry';
import type { CompileReply, CompileRequest } from './compile-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let registry: Promise<InMemoryNodeTypeRegistry> | undefined;

scope.onmessage = async (event: MessageEvent<CompileRequest>) => {
  const request = event.data;
  if (request.kind === 'registry') {
    registry = InMemoryNodeTypeRegistry.create(request.manifests);
    return;
  }
  try {
    if (!registry) throw new Error('the node types have not been given to the checker yet');
    const result = await compileBlueprint(request.doc, { registry: await registry });
    scope.postMessage({
      id: request.id,
      ok: true,
      valid: result.ok,
      problems: result.problems,
    } satisfies CompileReply);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    scope.postMessage({ id: request.id, ok: false, message } satisfies CompileReply);
  }
};
