/**
 * A test page that runs models in the browser as a twin does: through the model executor (a Web Worker with
 * onnxruntime-web's wasm backend, loaded from the built app's assets) and through the core/model.onnx node's
 * contract. End-to-end tests and benchmarks call it from Playwright.
 *
 * @example
 * ```ts
 * // in a Playwright test, on /harness/model.html
 * const result = await page.evaluate((a) => window.ptModelHarness.predict(a), { onnx: [...bytes], card, rows });
 * ```
 */
import type { ChangeBatch, LoadedModel, RuntimeProblem } from '../../runtime/engine/node-api';
import { builtinImplementations } from '../../nodes/implementations';
import { predictRows } from '../../runtime/model/batch-inference';
import { createModelExecutor } from '../../runtime/model/model-executor';
import { readModelSignature } from '../../runtime/model/model-signature';
import { recordingContext } from '../../runtime/model/test-node-context';

interface PredictRequest {
  onnx: number[];
  card: Record<string, unknown>;
  rows: number[][];
  batchSize?: number;
}

interface NodeRequest {
  typeId: string;
  onnx: number[];
  card: Record<string, unknown>;
  config: Record<string, unknown>;
  batches: ChangeBatch[];
}

function status(text: string): void {
  const element = document.getElementById('status');
  if (element) element.textContent = text;
}

/** Runs a model on rows of numbers through the page's executor; reports where it ran and what it gave. */
async function predict(request: PredictRequest) {
  const read = readModelSignature(request.card);
  if (!read.ok) throw new Error(read.problem.message);
  const executor = await createModelExecutor(new Uint8Array(request.onnx), read.signature);
  try {
    const started = performance.now();
    const predictions = await predictRows(
      executor,
      read.signature,
      request.rows.length,
      (r, f) => request.rows[r][f],
      request.batchSize ?? 256,
    );
    const ms = performance.now() - started;
    status(`Predicted ${request.rows.length} rows in ${ms.toFixed(1)} ms (${executor.where}).`);
    return { where: executor.where, values: Array.from(predictions.values), ms };
  } finally {
    await executor.dispose();
  }
}

/** Runs a built-in node type through its contract, feeding it batches; returns what it emitted and reported. */
async function runNode(request: NodeRequest) {
  const load = builtinImplementations[request.typeId];
  if (!load) throw new Error(`No implementation for ${request.typeId}`);
  const module = await load();
  const loadModel = async (ref: string): Promise<LoadedModel> => ({
    name: ref.split('@')[0],
    version: '1.0.0',
    card: request.card,
    onnx: new Uint8Array(request.onnx),
  });
  const record = recordingContext(request.typeId, request.config, { loadModel });
  const instance = module.create(record.ctx);
  try {
    for (const batch of request.batches) await instance.receive?.('rows', batch);
  } finally {
    await instance.dispose?.();
  }
  const problems: RuntimeProblem[] = record.problems;
  status(`${request.typeId} emitted ${record.emitted.length} batches.`);
  return { emitted: record.emitted, problems };
}

declare global {
  interface Window {
    ptModelHarness: { predict: typeof predict; runNode: typeof runNode };
  }
}

window.ptModelHarness = { predict, runNode };
