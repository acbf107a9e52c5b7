/**
 * The pipeline part of `npm run bench:runtime`: rows per second through source → window → model → chart, run
 * headless in Node by the real engine (createEngine) and the built-in node implementations, on a compiled
 * blueprint. The only stand-in is the source: the table source needs a live shape service (bench:sync measures
 * that path), so a generator with the same contract emits the rows in shape-sized batches, honouring
 * backpressure. Runs without the model (source → window → chart) and without both (source → chart) are the
 * baselines.
 */
import { performance } from 'node:perf_hooks';
import { builtinImplementations } from '../nodes/implementations';
import { builtinRegistry } from '../runtime/compiler/builtin-registry';
import { compileBlueprint } from '../runtime/compiler/compile';
import type { ExecutionPlan } from '../runtime/compiler/plan';
import { createEngine } from '../runtime/engine/engine';
import type { KeyedRow, LoadedModel, NodeModule } from '../runtime/engine/node-api';
import { mlpModel, testCard, type MlpWeights } from '../runtime/model/onnx-test-models';

/** Rows per batch from the generated source, as a shape delivers a chunk. */
const SOURCE_BATCH = 1000;
const PUMPS = 100;

/** The benchmark's model: 2 features → 16 hidden (Relu) → 1 output. */
export const BENCH_MLP: MlpWeights = {
  w1: [
    Array.from({ length: 16 }, (_, j) => Math.sin(j + 1) * 0.5),
    Array.from({ length: 16 }, (_, j) => Math.cos(j + 1) * 0.05),
  ],
  b1: Array.from({ length: 16 }, (_, j) => (j % 3) * 0.1),
  w2: Array.from({ length: 16 }, (_, j) => [((j % 5) - 2) * 3]),
  b2: [500],
};

/**
 * A wider model on the same two features (2 → `hidden` Relu → 1), for the overhead figure on a model whose
 * inference is not trivially small.
 * @example mlpModel(wideMlp(512))
 */
export function wideMlp(hidden: number): MlpWeights {
  return {
    w1: [
      Array.from({ length: hidden }, (_, j) => Math.sin(j + 1) * 0.5),
      Array.from({ length: hidden }, (_, j) => Math.cos(j + 1) * 0.05),
    ],
    b1: Array.from({ length: hidden }, (_, j) => (j % 3) * 0.1),
    w2: Array.from({ length: hidden }, (_, j) => [((j % 5) - 2) * 0.1]),
    b2: [500],
  };
}

/**
 * The benchmark model as the registry would serve it (BENCH_MLP unless other weights are given).
 * @example const model = benchModel(); // { name: 'pump-rul', card, onnx }
 */
export function benchModel(weights: MlpWeights = BENCH_MLP): LoadedModel {
  return {
    name: 'pump-rul',
    version: '1.0.0',
    card: testCard('pump-rul', ['vib_mean', 'temp_max'], [{ tensor: 'y', columns: ['rul_hours'] }]),
    onnx: mlpModel(weights),
  };
}

/**
 * Telemetry row number `i`: `PUMPS` pumps, one row per pump per second.
 * @example telemetryRow(0) // { key: '0', row: { id: 0, pump_id: 'pump-0', ts: ..., ... } }
 */
export function telemetryRow(i: number): KeyedRow {
  return {
    key: String(i),
    row: {
      id: i,
      pump_id: `pump-${i % PUMPS}`,
      ts: 1_700_000_000_000 + Math.floor(i / PUMPS) * 1000,
      vibration_rms: 2 + Math.sin(i * 0.01) + (i % 7) * 0.05,
      bearing_temp: 55 + Math.cos(i * 0.003) * 5,
    },
  };
}

/** Which nodes sit between the source and the chart. */
export type BenchStages = 'window+model' | 'window' | 'none';

const WINDOW_NODE = {
  id: 'features',
  type: 'core/window@^1',
  config: {
    entity: 'pump_id',
    time: 'ts',
    size: 600,
    aggregates: [
      { column: 'vibration_rms', fn: 'mean' },
      { column: 'bearing_temp', fn: 'max' },
    ],
  },
};

const MODEL_NODE = {
  id: 'rul',
  type: 'core/model.onnx@^1',
  config: {
    model: 'pump-rul@^1',
    features: [
      { name: 'vib_mean', column: 'vibration_rms_mean' },
      { name: 'temp_max', column: 'bearing_temp_max' },
    ],
    outputs: [{ name: 'rul_hours', unit: 'h' }],
  },
};

function blueprint(stages: BenchStages) {
  const middle =
    stages === 'window+model' ? [WINDOW_NODE, MODEL_NODE] : stages === 'window' ? [WINDOW_NODE] : [];
  const chain = ['telemetry', ...middle.map((n) => n.id), 'trend'];
  const y =
    stages === 'window+model' ? 'rul_hours' : stages === 'window' ? 'vibration_rms_mean' : 'vibration_rms';
  const nodes: unknown[] = [
    { id: 'telemetry', type: 'core/source.table@^1', config: { input: 'telemetry' } },
    ...middle,
    { id: 'trend', type: 'core/chart.line@^1', config: { x: 'ts', y: [y], color: 'pump_id' } },
  ];
  const edges = chain.slice(1).map((to, i) => ({ from: `${chain[i]}.rows`, to: `${to}.rows` }));
  return {
    $schema: 'https://projecttwin.dev/schemas/blueprint/1.json',
    schemaVersion: 1,
    name: 'runtime-bench',
    version: '1.0.0',
    title: 'Runtime benchmark',
    inputs: {
      telemetry: {
        kind: 'table',
        title: 'Pump telemetry',
        columns: {
          id: { type: 'int8', role: 'key' },
          pump_id: { type: 'text', role: 'entity' },
          ts: { type: 'timestamptz', role: 'time' },
          vibration_rms: { type: 'float8', unit: 'mm/s', role: 'measure' },
          bearing_temp: { type: 'float8', unit: 'degC', role: 'measure' },
        },
        primaryKey: ['id'],
      },
    },
    nodes,
    edges,
    layout: { kind: 'mosaic', root: 'trend' },
  };
}

/**
 * Compiles the benchmark blueprint: source → (window → model) → chart.
 * @example const plan = await benchPlan('window+model')
 */
export async function benchPlan(stages: BenchStages): Promise<ExecutionPlan> {
  const result = await compileBlueprint(JSON.stringify(blueprint(stages)), {
    registry: await builtinRegistry(),
  });
  if (!result.ok) throw new Error(`benchmark blueprint does not compile: ${result.problems[0].message}`);
  return result.plan;
}

/** A source with the table source's contract that emits `rows` generated rows, then resolves `done`. */
function generatedSource(rows: number): { module: NodeModule; done: Promise<void> } {
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));
  const module: NodeModule = {
    create: (ctx) => ({
      start() {
        void (async () => {
          for (let start = 0; start < rows && !ctx.signal.aborted; start += SOURCE_BATCH) {
            const inserts: KeyedRow[] = [];
            for (let i = start; i < Math.min(rows, start + SOURCE_BATCH); i++) inserts.push(telemetryRow(i));
            ctx.emit('rows', { inserts, updates: [], deletes: [] });
            if (ctx.isCongested()) await new Promise<void>((resolve) => ctx.onDrain(resolve));
            else await new Promise<void>((resolve) => setImmediate(resolve));
          }
          finish();
        })();
      },
    }),
  };
  return { module, done };
}

/** What one pipeline run measured. */
export interface PipelineRun {
  rows: number;
  ms: number;
  rowsPerSecond: number;
  /** Rows that reached the chart (inserts and updates). */
  chartRows: number;
  problems: string[];
}

/**
 * Runs `rows` generated rows through the compiled plan with the real engine and node implementations and
 * times it from start to the last row reaching the chart.
 * @example const run = await runPipeline(await benchPlan(true), 100_000)
 */
export async function runPipeline(plan: ExecutionPlan, rows: number): Promise<PipelineRun> {
  const source = generatedSource(rows);
  const model = benchModel();
  const engine = createEngine(plan, {
    implementations: {
      ...builtinImplementations,
      // The window node's own module, until its line lands in builtinImplementations.
      'core/window':
        builtinImplementations['core/window'] ??
        (() => import('../nodes/window/window-node') as Promise<NodeModule>),
      'core/source.table': async () => source.module,
    },
    services: { loadModel: async () => model },
  });
  const started = performance.now();
  await engine.start();
  await source.done;
  await engine.flush();
  const ms = performance.now() - started;
  const problems = Object.entries(engine.problems()).flatMap(([id, list]) =>
    list.map((p) => `${id}: ${p.code} ${p.message}`),
  );
  const chartRows = engine.stats('trend').rowsIn;
  await engine.dispose();
  return { rows, ms, rowsPerSecond: (rows / ms) * 1000, chartRows, problems };
}
