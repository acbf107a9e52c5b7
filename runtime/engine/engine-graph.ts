import type { ExecutionPlan, PlanEdge, PlanNode } from '../compiler/plan';
import { ChangeQueue } from './change-queue';
import { ColumnarBatch } from './columnar-batch';
import type { NodeStats } from './engine-types';
import type { ChangeBatch, NodeInstance, RuntimeProblem, Value } from './node-api';

/** One edge's pending input for its consumer: coalesced changes (table) or the latest value (value ports). */
export interface EdgeState {
  edge: PlanEdge;
  consumer: NodeState;
  queue: ChangeQueue;
  value?: { value: Value };
}

/** The engine's bookkeeping for one node of the plan. */
export interface NodeState {
  plan: PlanNode;
  instance?: NodeInstance;
  controller: AbortController;
  /** Problems the engine raised (a throw, a missing implementation). */
  engineProblems: RuntimeProblem[];
  /** Problems the node reported itself (cleared by `clearProblems`). */
  nodeProblems: RuntimeProblem[];
  /** Set when the node threw or could not be created: it never runs again. */
  crashed: boolean;
  /** A `start`, `receive`, `receiveValue` or `setValue` promise is pending. */
  busy: boolean;
  /**
   * Incoming edges in delivery order: value ports first (so rows are processed with the newest values), then
   * table ports, each in the order the node declares its ports, then in document order.
   */
  inEdges: EdgeState[];
  /** Outgoing edges by output port. */
  outEdges: Map<string, EdgeState[]>;
  stats: Omit<NodeStats, 'failed'>;
  drainListeners: Set<() => void>;
  /** Last seen congested, so that its drain listeners fire when that ends. */
  congested: boolean;
}

/**
 * The engine's graph for a plan: a state per node (in plan order, which is topological) with its edges wired.
 * @example const { nodes, order } = buildGraph(plan)
 */
export function buildGraph(plan: ExecutionPlan): { nodes: Map<string, NodeState>; order: NodeState[] } {
  const nodes = new Map<string, NodeState>();
  const order: NodeState[] = [];
  for (const planNode of plan.nodes) {
    const state: NodeState = {
      plan: planNode,
      controller: new AbortController(),
      engineProblems: [],
      nodeProblems: [],
      crashed: false,
      busy: false,
      inEdges: [],
      outEdges: new Map(),
      stats: { rowsIn: 0, rowsOut: 0, batches: 0 },
      drainListeners: new Set(),
      congested: false,
    };
    nodes.set(planNode.id, state);
    order.push(state);
  }
  for (const edge of plan.edges) {
    const from = nodes.get(edge.from.node);
    const to = nodes.get(edge.to.node);
    if (!from || !to) continue;
    const state: EdgeState = { edge, consumer: to, queue: new ChangeQueue() };
    to.inEdges.push(state);
    const list = from.outEdges.get(edge.from.port);
    if (list) list.push(state);
    else from.outEdges.set(edge.from.port, [state]);
  }
  for (const state of order) {
    const ports = Object.keys(state.plan.inputs);
    const rank = (e: EdgeState) =>
      (e.edge.kind === 'table' ? ports.length : 0) + ports.indexOf(e.edge.to.port);
    state.inEdges.sort((a, b) => rank(a) - rank(b));
  }
  return { nodes, order };
}

/**
 * True once a node stopped: it threw, or it reported a problem of severity `error`.
 * @example if (isFailed(state)) return
 */
export function isFailed(n: NodeState): boolean {
  return n.crashed || n.nodeProblems.some((p) => p.severity === 'error');
}

/**
 * The rows queued for a node, over all its incoming edges.
 * @example queuedRows(state) > queueLimit
 */
export function queuedRows(n: NodeState): number {
  let sum = 0;
  for (const e of n.inEdges) sum += e.queue.size;
  return sum;
}

/**
 * True when something waits for the node on any incoming edge.
 * @example if (hasInput(state)) deliver(state)
 */
export function hasInput(n: NodeState): boolean {
  return n.inEdges.some((e) => e.queue.size > 0 || e.value !== undefined);
}

/**
 * Drops everything queued for a node (it failed, or the engine is shutting down).
 * @example discardInput(state)
 */
export function discardInput(n: NodeState): void {
  for (const e of n.inEdges) {
    e.queue.clear();
    e.value = undefined;
  }
}

/**
 * True when a consumer downstream of the node (directly or further on) has more than `limit` rows queued.
 * @example isCongested(source, 10_000)
 */
export function isCongested(n: NodeState, limit: number, seen = new Set<NodeState>()): boolean {
  if (seen.has(n)) return false;
  seen.add(n);
  for (const edges of n.outEdges.values()) {
    for (const { consumer } of edges) {
      if (isFailed(consumer)) continue;
      if (queuedRows(consumer) > limit || isCongested(consumer, limit, seen)) return true;
    }
  }
  return false;
}

/**
 * True for a promise or any other thenable.
 * @example isThenable(Promise.resolve()) // true
 */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * True when `batch` has the three lists of a change batch.
 * @example isBatch({ inserts: [], updates: [], deletes: [] }) // true
 */
export function isBatch(batch: unknown): batch is ChangeBatch {
  if (batch instanceof ColumnarBatch) return true;
  return (
    batch !== null &&
    typeof batch === 'object' &&
    Array.isArray((batch as ChangeBatch).inserts) &&
    Array.isArray((batch as ChangeBatch).updates) &&
    Array.isArray((batch as ChangeBatch).deletes)
  );
}

/**
 * What `create(ctx)` returned, checked to be a node (an object, and not a promise of one); throws otherwise.
 * @example n.instance = checkedInstance(module.create(ctx))
 */
export function checkedInstance(value: unknown): NodeInstance {
  if (value === null || typeof value !== 'object') throw new Error('create(ctx) did not return a node');
  if (isThenable(value))
    throw new Error(
      'create(ctx) returned a promise; it must return the node itself (slow work goes in start())',
    );
  return value as NodeInstance;
}
