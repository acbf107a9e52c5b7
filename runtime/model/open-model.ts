import type { RuntimeProblem, RuntimeServices } from '../engine/node-api';
import { createModelExecutor, type ModelExecutor } from './model-executor';
import { modelNotLoaded, modelRunFailed } from './model-problems';
import { readModelSignature, type ModelSignature } from './model-signature';

/** A model ready to run, or the problem that stopped it. */
export type OpenedModel =
  { ok: true; signature: ModelSignature; executor: ModelExecutor } | { ok: false; problem: RuntimeProblem };

function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/[.\s]+$/, '') || 'no reason given';
}

/**
 * Loads a model through the host's services (`name@range` → card + ONNX bytes), reads its card and starts an
 * executor for it (a worker in browsers, in-process in Node). Never throws: PTR300 when it cannot be loaded,
 * PTR301 when its card cannot be used, PTR306 when onnxruntime refuses the model.
 * @example
 * const opened = await openModel(ctx.services, ctx.config.model, ctx.signal);
 * if (!opened.ok) ctx.report(opened.problem);
 */
export async function openModel(
  services: RuntimeServices,
  ref: string,
  signal: AbortSignal,
): Promise<OpenedModel> {
  if (!services.loadModel)
    return { ok: false, problem: modelNotLoaded(ref, 'this page has no access to the model registry') };
  let loaded;
  try {
    loaded = await services.loadModel(ref, signal);
  } catch (error) {
    return { ok: false, problem: modelNotLoaded(ref, reason(error)) };
  }
  const read = readModelSignature(loaded.card);
  if (!read.ok) return read;
  let executor: ModelExecutor;
  try {
    executor = await createModelExecutor(loaded.onnx, read.signature);
  } catch (error) {
    return { ok: false, problem: modelRunFailed(read.signature.model, reason(error)) };
  }
  if (signal.aborted) {
    await executor.dispose();
    return { ok: false, problem: modelNotLoaded(ref, 'the twin was closed while it loaded') };
  }
  return { ok: true, signature: read.signature, executor };
}

/**
 * The message of an error thrown while running a model, for a PTR306 problem.
 * @example modelRunFailed(model, errorReason(error))
 */
export function errorReason(error: unknown): string {
  return reason(error);
}
