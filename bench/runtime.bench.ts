/**
 * npm run bench:runtime — the twin runtime's throughput and the model node's overhead.
 *
 * (a) Rows per second through source → window → model → chart for 100,000 rows, headless in Node with the
 *     real engine and nodes (bench/runtime-engine.ts), beside source → window → chart and source → chart
 *     measured in the same run (so the model's and the window's shares show).
 * (b) The core/model.onnx node's cost on one batch beside a bare onnxruntime session.run on the same rows with
 *     the same model (its floor: tensor already built, nothing mapped back to rows), as a ratio, median of
 *     several runs. Target ≤ 1.3×. The batch is the one the window node before it emits in its pipeline (the
 *     shipped blueprint's for pump-rul, bench/runtime-engine.ts's for the others: bench/runtime-model-feed.ts),
 *     and, for comparison, the same rows as plain row objects.
 * (c) The line chart under live load in Chromium: bench/runtime-chart.ts.
 * Set BENCH_ROWS and BENCH_RUNS (a), BENCH_WARMUP and BENCH_MODEL_RUNS (b) to change the sizes, BENCH_ONLY=b (any of a, b, c) to run only some parts.
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import * as ort from 'onnxruntime-web/wasm';
import { create as createModelNode } from '../nodes/model.onnx/model-onnx-node';
import type { ModelNodeConfig } from '../nodes/model.onnx/model-onnx-node';
import { partColumn, partsOf } from '../runtime/engine/columnar-batch';
import type { KeyedRow, LoadedModel } from '../runtime/engine/node-api';
import type { MlpWeights } from '../runtime/model/onnx-test-models';
import { recordingContext } from '../runtime/model/test-node-context';
import { runChartBenchmark } from './runtime-chart';
import {
  planPipeline,
  plainBatch,
  shippedPipeline,
  windowBatch,
  type ModelPipeline,
} from './runtime-model-feed';
import {
  BENCH_MLP,
  benchModel,
  benchPlan,
  runPipeline,
  telemetryRow,
  wideMlp,
  type PipelineRun,
} from './runtime-engine';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const MODEL_BATCHES = [256, 4096];
// Untimed calls of both the node and the bare session before timing: at 256 rows the node's code needs a few
// hundred calls to reach its optimised tier (a live twin calls it for every batch), and at 4,096 rows the first
// few dozen calls of either still pay for the young heap growing to its working size.
const MODEL_WARMUP = Number(process.env.BENCH_WARMUP ?? 400);
// Timed calls per figure: a call at 256 rows of the smallest model takes about 30 µs, so one collector pause
// moves a median of a few calls.
const MODEL_RUNS = Number(process.env.BENCH_MODEL_RUNS ?? 101);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

async function pipelineFigures(): Promise<void> {
  const plans = {
    full: await benchPlan('window+model'),
    window: await benchPlan('window'),
    bare: await benchPlan('none'),
  };
  // A short warm-up of each, so module loading and JIT are not timed.
  for (const plan of Object.values(plans)) await runPipeline(plan, 2000);
  const runs = Math.max(1, Math.min(5, RUNS));
  const results: Record<keyof typeof plans, PipelineRun[]> = { full: [], window: [], bare: [] };
  for (let i = 0; i < runs; i++) {
    for (const name of ['full', 'window', 'bare'] as const)
      results[name].push(await runPipeline(plans[name], ROWS));
  }
  const all = Object.values(results).flat();
  const problems = all.flatMap((r) => r.problems);
  const lost = all.filter((r) => r.chartRows !== ROWS);
  if (problems.length > 0 || lost.length > 0) {
    console.log('(a) pipeline: NOT valid, the run reported problems or lost rows:');
    for (const p of new Set(problems)) console.log(`    ${p}`);
    for (const r of lost) console.log(`    only ${r.chartRows} of ${r.rows} rows reached the chart`);
    process.exitCode = 1;
    return;
  }
  const rate = (name: keyof typeof plans) => median(results[name].map((r) => r.rowsPerSecond));
  const usPerRow = (name: keyof typeof plans) => 1e6 / rate(name);
  console.log(
    `(a) pipeline, ${fmt(ROWS)} rows, median of ${runs} runs, headless in Node (real engine and nodes)`,
  );
  console.log(`    source → window → model → chart   ${fmt(rate('full')).padStart(9)} rows/s`);
  console.log(`    source → window → chart            ${fmt(rate('window')).padStart(9)} rows/s`);
  console.log(`    source → chart (baseline)          ${fmt(rate('bare')).padStart(9)} rows/s`);
  console.log(
    `    model node's share                 ${fmt(usPerRow('full') - usPerRow('window'), 2).padStart(9)} µs/row`,
  );
  console.log(
    `    window node's share                ${fmt(usPerRow('window') - usPerRow('bare'), 2).padStart(9)} µs/row`,
  );
}

const MODELS: { label: string; weights: MlpWeights }[] = [
  { label: 'MLP 2→16→1 (the pipeline model)', weights: BENCH_MLP },
  { label: 'MLP 2→512→1', weights: wideMlp(512) },
];

/** The shipped pump-rul model (10 window features → 2 hidden layers → RUL), from the blueprint's folder. */
async function shippedRul(): Promise<LoadedModel> {
  const folder = new URL('../blueprints/predictive-maintenance/models/pump-rul/', import.meta.url);
  return {
    name: 'pump-rul',
    version: '1.0.0',
    card: JSON.parse(await readFile(new URL('model-card.json', folder), 'utf8')) as Record<string, unknown>,
    onnx: new Uint8Array(await readFile(new URL('model.onnx', folder))),
  };
}

async function modelFigures(): Promise<void> {
  console.log(`(b) model node vs bare session.run, same model and rows, median of ${MODEL_RUNS} calls`);
  console.log('    input "window": the batch the window node before it emits (rows plus summary columns);');
  console.log(
    '    input "rows": the same rows as plain objects, as an upstream node without columns sends them',
  );
  console.log(
    '    model                              input    rows/batch   node ms   bare ms   ratio (target ≤ 1.3×)',
  );
  await modelFigure('pump-rul 1.0.0 (the shipped model)', await shippedRul(), await shippedPipeline());
  const pipeline = planPipeline(await benchPlan('window+model'), telemetryRow);
  for (const { label, weights } of MODELS) await modelFigure(label, benchModel(weights), pipeline);
}

/** The model's input tensor values for `rows`, in the card's feature order, each read from its column. */
function bareFeatures(model: LoadedModel, config: ModelNodeConfig, rows: readonly KeyedRow[]): Float32Array {
  const card = model.card as { inputs: { features: { name: string }[] }[] };
  const columns = card.inputs[0].features.map(
    ({ name }) => config.features.find((f) => f.name === name)?.column ?? name,
  );
  const features = new Float32Array(rows.length * columns.length);
  rows.forEach(({ row }, i) => {
    columns.forEach((column, j) => (features[i * columns.length + j] = row[column] as number));
  });
  return features;
}

async function modelFigure(label: string, model: LoadedModel, pipeline: ModelPipeline): Promise<void> {
  // The same single wasm thread the node's executor uses (runtime/model/session-model-executor.ts), set here
  // too because with BENCH_ONLY=b this session is the first one onnxruntime creates.
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(model.onnx, { executionProviders: ['wasm'] });
  const card = model.card as { inputs: { tensor: string; features: unknown[] }[] };
  const tensor = card.inputs[0].tensor;
  const width = card.inputs[0].features.length;
  for (const size of MODEL_BATCHES) {
    const fromWindow = await windowBatch(pipeline, size);
    const config = { ...(pipeline.model.config as ModelNodeConfig), batchSize: size };
    const output = config.outputs[0].name;
    const input = new ort.Tensor('float32', bareFeatures(model, config, fromWindow.inserts), [size, width]);
    // Each input kind in turn, its node called in step with the bare session so that both are timed under
    // the same conditions (JIT and wasm tier-up, the collector, the machine's other load).
    const kinds = { window: fromWindow, rows: plainBatch(fromWindow) };
    for (const [kind, batch] of Object.entries(kinds)) {
      const record = recordingContext('core/model.onnx', config, { loadModel: async () => model });
      const node = createModelNode(record.ctx);
      const nodeTimes: number[] = [];
      const bareTimes: number[] = [];
      let emitted = 0;
      for (let i = 0; i < MODEL_WARMUP + MODEL_RUNS; i++) {
        let start = performance.now();
        await session.run({ [tensor]: input });
        const bareMs = performance.now() - start;
        start = performance.now();
        await node.receive?.('rows', batch);
        const nodeMs = performance.now() - start;
        if (i >= MODEL_WARMUP) {
          bareTimes.push(bareMs);
          nodeTimes.push(nodeMs);
        }
        // Count and check what the node emitted (every row predicted, outside the timing, read by column so
        // that no row is built here), then let it go as a pipeline would: holding every batch of every run
        // would time the collector sweeping this harness's growing heap, not the node.
        emitted += record.emitted.length;
        const sent = record.emitted.at(-1)?.batch;
        const predicted = sent ? partColumn(partsOf(sent).inserts, output) : [];
        if (predicted.length !== size || !Array.prototype.every.call(predicted, (v) => typeof v === 'number'))
          throw new Error('the model node did not predict every row');
        record.emitted.length = 0;
      }
      if (record.problems.length > 0 || emitted !== MODEL_WARMUP + MODEL_RUNS)
        throw new Error(`the model node did not run cleanly: ${JSON.stringify(record.problems)}`);
      await node.dispose?.();
      const nodeMs = median(nodeTimes);
      const bareMs = median(bareTimes);
      const ratio = nodeMs / bareMs;
      console.log(
        `    ${label.padEnd(34)} ${kind.padEnd(6)} ${fmt(size).padStart(10)}   ${nodeMs.toFixed(3).padStart(7)}   ${bareMs.toFixed(3).padStart(7)}   ${ratio.toFixed(2)}× ${ratio <= 1.3 ? 'met' : 'NOT met'}`,
      );
    }
  }
  await session.release();
}

// BENCH_ONLY=b (or a,c, any mix) runs only those parts; all three by default.
const ONLY = (process.env.BENCH_ONLY ?? 'abc').toLowerCase();
if (ONLY.includes('a')) await pipelineFigures();
if (ONLY.includes('b')) await modelFigures();
// (c) The line chart under live load in Chromium (bench/runtime-chart.ts prints its own figures).
if (ONLY.includes('c')) await runChartBenchmark();
