/**
 * The runtime contract every node type implements, built-in and community alike.
 *
 * A node type's module exports `create(ctx)`; the engine calls it once per node of a plan, delivers change
 * batches to `receive` (table ports) and values to `receiveValue` (value ports), and calls `dispose` on teardown.
 * Nothing here depends on React or the DOM, except `PanelHost.element`, which only component nodes touch.
 *
 * Values on table ports are plain JSON-like values with these conventions (sources normalise to them):
 * - numbers (int2/int4/int8/float4/float8/numeric) are JS numbers;
 * - times (timestamptz/timestamp/date) are epoch milliseconds (numbers), so charts and windows need no parsing;
 * - bool is boolean, text/uuid/enum are strings, json/jsonb are parsed JSON, NULL is null.
 *
 * @example
 * ```ts
 * import type { NodeFactory } from '../../runtime/engine/node-api';
 * export const create: NodeFactory<{ factor: number }> = (ctx) => ({
 *   receive(_port, batch) {
 *     const scale = (r: KeyedRow) => ({ key: r.key, row: { ...r.row, x: Number(r.row.x) * ctx.config.factor } });
 *     ctx.emit('rows', { inserts: batch.inserts.map(scale), updates: batch.updates.map(scale), deletes: batch.deletes });
 *   },
 * });
 * ```
 */
import type { ExecutionPlan, PlanNode, PlanPort } from '../compiler/plan';

/** One cell value as it flows between nodes (see the conventions above). */
export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

/** A row: column name → value. Rows are treated as immutable once emitted. */
export type Row = Readonly<Record<string, Value>>;

/** A row with its identity. Keys are stable strings (a shape's row key, or one a node derives). */
export interface KeyedRow {
  key: string;
  row: Row;
}

/**
 * Changes to a keyed table since the previous batch. `updates` carry the whole new row, never a partial one.
 * Within one batch a key appears at most once across the three lists.
 */
export interface ChangeBatch {
  inserts: KeyedRow[];
  updates: KeyedRow[];
  deletes: string[];
}

/** A problem found while running, shown on the node (and in the panel for components). */
export interface RuntimeProblem {
  /** Stable code, `PTR` + number, documented in docs/errors.md. */
  code: string;
  /** Plain words a non-programmer understands. */
  message: string;
  /** `error` stops the node; `warning` is shown but the node keeps running. */
  severity: 'error' | 'warning';
  details?: Record<string, unknown>;
}

/** Where the bytes and live data a node needs come from; the host (browser or Node test) supplies them. */
export interface RuntimeServices {
  /**
   * The shape endpoint for a blueprint input: pass `url`, `params` and `headers` unchanged to
   * `new ShapeStream(...)` from `@electric-sql/client`. Undefined when the input is not bound.
   */
  shapeFor?(input: string): ShapeEndpoint | undefined;
  /** A blueprint value input (or its override) for a twin, e.g. the starting value of a parameter. */
  inputValue?(input: string): Value | undefined;
  /** A model of the model registry by `name@range`: its card and its ONNX bytes. */
  loadModel?(ref: string, signal: AbortSignal): Promise<LoadedModel>;
  /** Bytes of a file a node's config names (a CSV source's file), by URL or artifact id. */
  fetchFile?(ref: string, signal: AbortSignal): Promise<Uint8Array>;
  /** The `fetch` the shape client uses (tests pass one that reaches an in-process server). */
  fetch?: typeof fetch;
}

export interface ShapeEndpoint {
  url: string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
  /**
   * How the blueprint's column names map to the shape's (a twin's table binding: blueprint column → table
   * column). A column left out keeps its name. The twin-scoped shape streams the table's own names.
   */
  columns?: Record<string, string>;
}

export interface LoadedModel {
  name: string;
  version: string;
  /** The model card document (schemas/model-card). */
  card: Record<string, unknown>;
  onnx: Uint8Array;
}

/** What a node sees of the running blueprint. */
export interface NodeContext<C = Record<string, unknown>> {
  nodeId: string;
  /** The node's config, defaults filled in by the compiler. */
  config: C;
  /** The node as planned (type, version, ports with their inferred columns). */
  node: PlanNode;
  plan: ExecutionPlan;
  inputs: Record<string, PlanPort>;
  outputs: Record<string, PlanPort>;
  /** Sends changes on a table output port. Safe to call at any time; the engine delivers them on its next tick. */
  emit(port: string, batch: ChangeBatch): void;
  /** Sends the new value of a value output port. */
  emitValue(port: string, value: Value): void;
  /** Shows a problem on this node. An `error` marks the node failed; the rest of the graph keeps running. */
  report(problem: RuntimeProblem): void;
  /** Clears problems this node reported (e.g. once a reconnect succeeded). */
  clearProblems(): void;
  /** Aborted on teardown: pass it to fetches, streams and workers. */
  signal: AbortSignal;
  services: RuntimeServices;
  /**
   * True while a consumer downstream is behind (its queue is over the engine's limit). Sources should slow down
   * (e.g. stop pulling from a stream) until `onDrain` fires.
   */
  isCongested(): boolean;
  onDrain(listener: () => void): () => void;
}

/** Where a component node draws. */
export interface PanelHost {
  element: HTMLElement;
  size(): { width: number; height: number };
  /** Called when the panel is resized; returns an unsubscribe function. */
  onResize(listener: (size: { width: number; height: number }) => void): () => void;
  signal: AbortSignal;
}

/** A running node. Every member is optional: a source has no `receive`, a transform no `render`. */
export interface NodeInstance {
  /** Called once after every node is created; sources start reading here. */
  start?(): void | Promise<void>;
  /** A change batch on a table input port. While a returned promise is pending, further batches queue. */
  receive?(port: string, batch: ChangeBatch): void | Promise<void>;
  /**
   * A new value on a value input port. `from` says which edge it came on (and so which upstream node), which
   * matters on ports that take several edges, e.g. derive's `params`. Engines should pass it; nodes must cope
   * without it when the port has one edge.
   */
  receiveValue?(port: string, value: Value, from?: ValueSource): void | Promise<void>;
  /** For parameters: the value the viewer set (what-if). */
  setValue?(value: Value): void;
  /** Component nodes draw into their panel; called again if the panel is re-mounted. */
  render?(panel: PanelHost): void | (() => void);
  /** A small view of the node's latest output, for the editor's live preview. */
  preview?(): { rowCount: number; sample: Row[] };
  dispose?(): void | Promise<void>;
}

/** Where a value on a value input port came from: the plan edge and its upstream node and port. */
export interface ValueSource {
  edge: string;
  node: string;
  port: string;
}

export type NodeFactory<C = Record<string, unknown>> = (ctx: NodeContext<C>) => NodeInstance;

/** What a node type's implementation module exports. */
export interface NodeModule<C = Record<string, unknown>> {
  create: NodeFactory<C>;
}

/** An empty batch, handy for building one up. */
export function emptyBatch(): ChangeBatch {
  return { inserts: [], updates: [], deletes: [] };
}
