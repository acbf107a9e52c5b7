import type { Problem } from '../../schemas/problems';
import type { Blueprint, BlueprintNode, NodeManifest } from './document-types';
import type { ColumnInfo, PortKind } from './plan';

/** A blueprint node with what the compiler learned about it. */
export interface NodeEntry {
  index: number;
  node: BlueprintNode;
  typeId: string;
  range: string;
  manifest?: NodeManifest;
  version?: string;
  sha256?: string;
  /** The config with defaults filled in, once validated. */
  config?: Record<string, unknown>;
  configValid: boolean;
}

/** A blueprint edge with its parsed endpoints. */
export interface EdgeEntry {
  index: number;
  id: string;
  from: { node: string; port: string };
  to: { node: string; port: string };
  /** False once a problem makes the edge unusable (unknown node or port, kind mismatch, duplicate). */
  usable: boolean;
  kind?: PortKind;
  /** Columns flowing on the edge; null when they cannot be known (upstream problems). */
  columns?: ColumnInfo[] | null;
}

/** State shared by the compiler's passes. */
export interface CompileContext {
  blueprint: Blueprint;
  problems: Problem[];
  nodes: Map<string, NodeEntry>;
  edges: EdgeEntry[];
}

/**
 * How a node is named in messages: `"trend" (Line chart)`.
 * @example nodeLabel(entry) // '"trend" (Line chart)'
 */
export function nodeLabel(entry: NodeEntry): string {
  const title = entry.node.title ?? entry.manifest?.title;
  return title ? `"${entry.node.id}" (${title})` : `"${entry.node.id}"`;
}

/** Splits a node type reference `id@range` into its parts; the range is everything after the first @. */
export function splitTypeRef(ref: string): { typeId: string; range: string } {
  const at = ref.indexOf('@');
  return at < 0 ? { typeId: ref, range: '' } : { typeId: ref.slice(0, at), range: ref.slice(at + 1) };
}

/** Splits an edge endpoint `node.port` at its first dot. */
export function splitEndpoint(text: string): { node: string; port: string } {
  const dot = text.indexOf('.');
  return dot < 0 ? { node: text, port: '' } : { node: text.slice(0, dot), port: text.slice(dot + 1) };
}
