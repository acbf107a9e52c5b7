import type { NodeInstance, NodeModule, PanelHost, RuntimeProblem, RuntimeServices, Value } from './node-api';
import type { Scheduler } from './scheduler';

/** How to run a plan: where node implementations come from, the host's services and the pacing. */
export interface EngineOptions {
  /** Node type id → a lazy import of its implementation module, e.g. `builtinImplementations`. */
  implementations: Readonly<Record<string, () => Promise<NodeModule>>>;
  services: RuntimeServices;
  /** Default: `requestAnimationFrame` in a browser, `setImmediate` in Node. */
  scheduler?: Scheduler;
  /** Rows queued for one consumer before its producers are told they are congested (default 10 000). */
  queueLimit?: number;
}

/** Counters of one node since the engine started. */
export interface NodeStats {
  /** Table rows delivered to the node (inserts, updates and deletes, after coalescing). */
  rowsIn: number;
  /** Table rows the node emitted (inserts, updates and deletes). */
  rowsOut: number;
  /** Batches and values the node emitted. */
  batches: number;
  /** True once the node stopped: it threw, or it reported a problem of severity `error`. */
  failed: boolean;
}

/**
 * Sent at most once per tick when something changed: the ids of the nodes whose problems changed and of those
 * whose stats changed (read the new state with `problems()` and `stats(id)`).
 */
export interface EngineEvent {
  type: 'changed';
  problems: readonly string[];
  stats: readonly string[];
}

/** A running plan. */
export interface Engine {
  /** Loads the implementations, creates every node in plan order, then calls every `start()` (awaited together). */
  start(): Promise<void>;
  /** The running node, once created (undefined for an unknown id or a node that could not be created). */
  instance(nodeId: string): NodeInstance | undefined;
  /** Lets a component node draw into `panel`; returns the cleanup to call when the panel goes away. */
  renderPanel(nodeId: string, panel: PanelHost): () => void;
  /** Sets the value of a parameter node (what-if). */
  setValue(nodeId: string, value: Value): void;
  /** Every node's current problems, by node id (nodes without problems are left out). */
  problems(): Readonly<Record<string, readonly RuntimeProblem[]>>;
  stats(nodeId: string): NodeStats;
  /** Calls `listener` after each tick in which problems or stats changed; returns the unsubscribe function. */
  subscribe(listener: (event: EngineEvent) => void): () => void;
  /** Runs ticks until nothing is queued and no `start`/`receive` is pending (for tests and Node hosts). */
  flush(): Promise<void>;
  /** Aborts every node's signal, disposes every node, stops ticking. Safe to call twice. */
  dispose(): Promise<void>;
}
