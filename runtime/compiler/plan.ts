import type { ColumnRole, ColumnType, Input, Layout } from './document-types';
import type { Problem } from '../../schemas/problems';

/** A column flowing along an edge, as the compiler inferred it. */
export interface ColumnInfo {
  name: string;
  type: ColumnType;
  unit?: string;
  role?: ColumnRole;
}

export type PortKind = 'table' | 'value' | 'media' | 'scene';

/** A port of a planned node, with what flows through it. */
export interface PlanPort {
  kind: PortKind;
  /** For table ports: the columns (for inputs, those arriving on the first edge). */
  columns?: ColumnInfo[];
  /** For value ports: the value's type when known. */
  valueType?: ColumnType;
  /** For inputs: the ids of the edges connected to it, in document order. */
  edges?: string[];
}

/** A node ready to instantiate: its exact type version and its config with defaults filled in. */
export interface PlanNode {
  id: string;
  title: string;
  typeId: string;
  range: string;
  version: string;
  category: 'source' | 'transform' | 'model' | 'component';
  config: Record<string, unknown>;
  inputs: Record<string, PlanPort>;
  outputs: Record<string, PlanPort>;
  /** For nodes that read a blueprint input: its name. */
  input?: string;
}

/** A typed edge between two planned nodes. */
export interface PlanEdge {
  id: string;
  from: { node: string; port: string };
  to: { node: string; port: string };
  kind: PortKind;
  columns?: ColumnInfo[];
  valueType?: ColumnType;
}

/** What the runtime executes: nodes in topological order and typed edges. */
export interface ExecutionPlan {
  blueprint: { name: string; version: string; title: string };
  nodes: PlanNode[];
  edges: PlanEdge[];
  inputs: Record<string, Input>;
  /** The ids of component nodes: the dashboard's panels. */
  panels: string[];
  layout?: Layout;
  lock: Record<string, { version: string; sha256: string }>;
}

export type CompileResult =
  { ok: true; plan: ExecutionPlan; problems: Problem[] } | { ok: false; problems: Problem[] };
