import type { ChangeBatch, NodeContext, Row, RuntimeProblem, Value } from '../../runtime/engine/node-api';
import type { ColumnInfo, ExecutionPlan, PlanNode, PlanPort } from '../../runtime/compiler/plan';

/** What a test sees of a node run through {@link createTestContext}. */
export interface TestContext<C> {
  ctx: NodeContext<C>;
  /** Every batch emitted, in order. */
  batches: { port: string; batch: ChangeBatch }[];
  /** Every value emitted on value ports, in order. */
  values: { port: string; value: Value }[];
  /** Problems currently shown (cleared by `clearProblems`). */
  problems: RuntimeProblem[];
  /** The table downstream of a port: every batch applied in order, checking the batch rules as it goes. */
  table(port?: string): Map<string, Row>;
}

export interface TestContextOptions<C> {
  config: C;
  nodeId?: string;
  typeId?: string;
  /** Input ports; a bare column list means a table port with those columns. */
  inputs?: Record<string, PlanPort | ColumnInfo[]>;
  outputs?: Record<string, PlanPort>;
  plan?: ExecutionPlan;
}

/**
 * Builds a real NodeContext for testing a node directly through the contract: it records emitted batches,
 * values and problems, and keeps each output table up to date, throwing as soon as a batch breaks the
 * contract (a key twice in one batch, an insert of a key that exists, an update or delete of one that does not).
 * @example
 * ```ts
 * const t = createTestContext({ config: { conditions: [{ column: 'x', op: '>', value: 1 }], combine: 'all' } });
 * const node = create(t.ctx);
 * node.receive?.('rows', { inserts: [{ key: 'a', row: { x: 2 } }], updates: [], deletes: [] });
 * t.table().get('a'); // { x: 2 }
 * ```
 */
export function createTestContext<C>(options: TestContextOptions<C>): TestContext<C> {
  const batches: { port: string; batch: ChangeBatch }[] = [];
  const values: { port: string; value: Value }[] = [];
  const problems: RuntimeProblem[] = [];
  const tables = new Map<string, Map<string, Row>>();
  const inputs: Record<string, PlanPort> = {};
  for (const [port, spec] of Object.entries(options.inputs ?? {}))
    inputs[port] = Array.isArray(spec) ? { kind: 'table', columns: spec } : spec;
  const outputs = options.outputs ?? { rows: { kind: 'table' } };
  const nodeId = options.nodeId ?? 'node';
  const node: PlanNode = {
    id: nodeId,
    title: nodeId,
    typeId: options.typeId ?? 'test/node',
    range: '^1',
    version: '1.0.0',
    category: 'transform',
    config: options.config as Record<string, unknown>,
    inputs,
    outputs,
  };
  const plan: ExecutionPlan = options.plan ?? {
    blueprint: { name: 'test', version: '1.0.0', title: 'Test' },
    nodes: [node],
    edges: [],
    inputs: {},
    panels: [],
    lock: {},
  };
  const controller = new AbortController();
  const ctx: NodeContext<C> = {
    nodeId,
    config: options.config,
    node,
    plan,
    inputs,
    outputs,
    emit(port, batch) {
      applyBatch(tableOf(tables, port), batch, port);
      batches.push({ port, batch });
    },
    emitValue(port, value) {
      values.push({ port, value });
    },
    report(problem) {
      problems.push(problem);
    },
    clearProblems() {
      problems.length = 0;
    },
    signal: controller.signal,
    services: {},
    isCongested: () => false,
    onDrain: () => () => undefined,
  };
  return { ctx, batches, values, problems, table: (port = 'rows') => tableOf(tables, port) };
}

function tableOf(tables: Map<string, Map<string, Row>>, port: string): Map<string, Row> {
  let table = tables.get(port);
  if (!table) {
    table = new Map();
    tables.set(port, table);
  }
  return table;
}

function applyBatch(table: Map<string, Row>, batch: ChangeBatch, port: string): void {
  const seen = new Set<string>();
  const once = (key: string) => {
    if (seen.has(key)) throw new Error(`key ${key} appears twice in one batch on ${port}`);
    seen.add(key);
  };
  for (const { key, row } of batch.inserts) {
    once(key);
    if (table.has(key)) throw new Error(`insert of existing key ${key} on ${port}`);
    table.set(key, row);
  }
  for (const { key, row } of batch.updates) {
    once(key);
    if (!table.has(key)) throw new Error(`update of missing key ${key} on ${port}`);
    table.set(key, row);
  }
  for (const key of batch.deletes) {
    once(key);
    if (!table.delete(key)) throw new Error(`delete of missing key ${key} on ${port}`);
  }
}

/**
 * A batch of inserts from plain rows keyed by one of their columns, for tests.
 * @example insertsOf([{ id: 1, x: 2 }], 'id') // { inserts: [{ key: '1', row: { id: 1, x: 2 } }], updates: [], deletes: [] }
 */
export function insertsOf(rows: readonly Row[], keyColumn: string): ChangeBatch {
  return { inserts: rows.map((row) => ({ key: String(row[keyColumn]), row })), updates: [], deletes: [] };
}
