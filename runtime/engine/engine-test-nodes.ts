// Test support: small node types (manifests and real implementations of the node contract) that the engine
// tests compile blueprints with and run. Not shipped: nothing outside tests imports this file.
import { builtinManifests } from '../../nodes/builtins';
import { compileBlueprint } from '../compiler/compile';
import type { ExecutionPlan } from '../compiler/plan';
import { InMemoryNodeTypeRegistry } from '../compiler/registry';
import type { ChangeBatch, KeyedRow, NodeInstance, NodeModule, Row, Value } from './node-api';

const manifest = (id: string, category: string, inputs: object, outputs: object, config: object = {}) => ({
  $schema: 'https://projecttwin.dev/schemas/node-manifest/1.json',
  schemaVersion: 1,
  id,
  version: '1.0.0',
  title: id.replace('test/', 'Test '),
  category,
  ...(category === 'component' ? { panel: {} } : {}),
  inputs,
  outputs,
  config: { type: 'object', additionalProperties: true, properties: config },
});

const rowsOut = { rows: { kind: 'table', columns: { add: [{ name: 'v', type: 'float8' }] } } };
const rowsThrough = { rows: { kind: 'table', columns: { from: 'rows' } } };
const rowsIn = { rows: { kind: 'table' } };

/** Manifests of the test node types, beside the built-ins. */
export const testManifests: readonly unknown[] = [
  manifest('test/source', 'source', {}, rowsOut),
  manifest('test/value', 'source', {}, { value: { kind: 'value', valueType: 'float8' } }),
  manifest(
    'test/scale',
    'transform',
    { ...rowsIn, factor: { kind: 'value', required: false } },
    rowsThrough,
    {
      factor: { title: 'Factor', type: 'number', default: 2 },
      delayMs: { title: 'Delay', type: 'number', default: 0 },
      failAbove: { title: 'Fail above', type: 'number' },
    },
  ),
  manifest('test/merge', 'transform', { a: { kind: 'table' }, b: { kind: 'table' } }, rowsOut),
  manifest(
    'test/sink',
    'component',
    { rows: { kind: 'table', required: false }, value: { kind: 'value', required: false } },
    {},
  ),
];

/**
 * A registry with the built-in node types and the test ones.
 * @example const registry = await testRegistry()
 */
export function testRegistry(): Promise<InMemoryNodeTypeRegistry> {
  return InMemoryNodeTypeRegistry.create([...builtinManifests, ...testManifests]);
}

/**
 * Compiles a small blueprint of test (and built-in) nodes with the real compiler; throws with its problems if it
 * fails.
 * @example const plan = await compileTestPlan([{ id: 'src', type: 'test/source' }, { id: 'out', type: 'test/sink' }], [['src.rows', 'out.rows']])
 */
export async function compileTestPlan(
  nodes: { id: string; type: string; config?: Record<string, unknown> }[],
  edges: [string, string][],
  inputs: Record<string, unknown> = {},
): Promise<ExecutionPlan> {
  const result = await compileBlueprint(
    {
      schemaVersion: 1,
      name: 'engine-test',
      version: '1.0.0',
      title: 'Engine test',
      inputs,
      nodes: nodes.map((n) => ({ id: n.id, type: `${n.type}@^1`, config: n.config ?? {} })),
      edges: edges.map(([from, to]) => ({ from, to })),
    },
    { registry: await testRegistry() },
  );
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
  return result.plan;
}

/** A source the test drives: `push` emits a batch, `set` a value. */
export interface TestSource {
  push(batch: ChangeBatch): void;
  set(value: Value): void;
  congested(): boolean;
  drains: number;
}

/** A sink that keeps the table its input describes, every batch it was given, and the values it saw. */
export interface TestSink {
  table: Map<string, Row>;
  batches: ChangeBatch[];
  values: Value[];
  /** Log of `nodeId:port` deliveries shared by all nodes of an engine, in delivery order. */
  log: string[];
}

/**
 * Applies a batch to a keyed table, checking it is valid for it (inserts new, updates/deletes existing).
 * @example applyBatch(table, { inserts: [{ key: 'a', row: { v: 1 } }], updates: [], deletes: [] })
 */
export function applyBatch(table: Map<string, Row>, batch: ChangeBatch): void {
  for (const key of batch.deletes) {
    if (!table.has(key)) throw new Error(`delete of unknown key ${key}`);
    table.delete(key);
  }
  for (const { key, row } of batch.inserts) {
    if (table.has(key)) throw new Error(`second insert of ${key}`);
    table.set(key, row);
  }
  for (const { key, row } of batch.updates) {
    if (!table.has(key)) throw new Error(`update of unknown key ${key}`);
    table.set(key, row);
  }
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * The implementations of the test node types; `log` records every delivery in order.
 * @example createEngine(plan, { implementations: testImplementations(log), services: {} })
 */
export function testImplementations(log: string[] = []): Record<string, () => Promise<NodeModule>> {
  const source: NodeModule = {
    create(ctx) {
      const node: TestSource & NodeInstance = {
        push: (batch) => ctx.emit('rows', batch),
        set: (value) => ctx.emitValue('value', value),
        congested: () => ctx.isCongested(),
        drains: 0,
      };
      ctx.onDrain(() => (node.drains += 1));
      return node;
    },
  };
  const scale: NodeModule = {
    create(ctx) {
      const config = ctx.config as { factor: number; delayMs: number; failAbove?: number };
      let factor = config.factor;
      const map = (r: KeyedRow): KeyedRow => {
        const v = Number(r.row.v);
        if (config.failAbove !== undefined && v > config.failAbove) throw new Error(`v=${v} is too large`);
        return { key: r.key, row: { ...r.row, v: v * factor } };
      };
      return {
        async receive(port, batch) {
          log.push(`${ctx.nodeId}:${port}`);
          if (config.delayMs > 0) await sleep(config.delayMs, ctx.signal);
          ctx.emit('rows', {
            inserts: batch.inserts.map(map),
            updates: batch.updates.map(map),
            deletes: batch.deletes,
          });
        },
        receiveValue(port, value) {
          log.push(`${ctx.nodeId}:${port}`);
          factor = Number(value);
        },
      };
    },
  };
  const merge: NodeModule = {
    create(ctx) {
      return {
        receive(port, batch) {
          log.push(`${ctx.nodeId}:${port}`);
          const tag = (r: KeyedRow): KeyedRow => ({ key: `${port}:${r.key}`, row: r.row });
          ctx.emit('rows', {
            inserts: batch.inserts.map(tag),
            updates: batch.updates.map(tag),
            deletes: batch.deletes.map((k) => `${port}:${k}`),
          });
        },
      };
    },
  };
  const sink: NodeModule = {
    create(ctx) {
      const node: TestSink & NodeInstance = {
        table: new Map(),
        batches: [],
        values: [],
        log,
        receive(port, batch) {
          log.push(`${ctx.nodeId}:${port}`);
          node.batches.push(batch);
          applyBatch(node.table, batch);
        },
        receiveValue(port, value) {
          log.push(`${ctx.nodeId}:${port}`);
          node.values.push(value);
        },
      };
      return node;
    },
  };
  return {
    'test/source': async () => source,
    'test/value': async () => source,
    'test/scale': async () => scale,
    'test/merge': async () => merge,
    'test/sink': async () => sink,
  };
}

/**
 * A batch inserting rows `{ v }` under the given keys.
 * @example inserts({ a: 1 }) // { inserts: [{ key: 'a', row: { v: 1 } }], updates: [], deletes: [] }
 */
export function inserts(rows: Record<string, number>): ChangeBatch {
  return { inserts: Object.entries(rows).map(([key, v]) => ({ key, row: { v } })), updates: [], deletes: [] };
}
