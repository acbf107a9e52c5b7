import type { Problem } from '../../schemas/problems';
import { inferColumns } from './columns';
import { checkConfigs } from './config';
import { splitEndpoint, splitTypeRef, type CompileContext, type EdgeEntry, type NodeEntry } from './context';
import type { Blueprint, Edge, NodeManifest } from './document-types';
import { checkEdges } from './edges';
import type { ColumnInfo } from './plan';
import { topologicalOrder } from './topology';

/** Finds the manifest a node's type reference (`id@range`) resolves to, synchronously; undefined when unknown. */
export type ManifestLookup = (typeRef: string) => NodeManifest | undefined;

/** What the compiler's own passes say about a blueprint whose node types are already resolved. */
export interface GraphAnalysis {
  problems: Problem[];
  /** The columns flowing on each usable table edge, by edge id; null when they cannot be known. */
  edgeColumns: Map<string, ColumnInfo[] | null>;
}

/** The answer to "may this edge be added?": yes, or no with the compiler's code and a plain reason. */
export type EdgeVerdict = { ok: true } | { ok: false; code: Problem['code']; message: string };

/** Codes that refuse a new connection when the compiler reports them against it. */
const REFUSING = new Set(['PT112', 'PT113', 'PT114', 'PT115', 'PT120', 'PT130', 'PT131']);

function contextOf(blueprint: Blueprint, lookup: ManifestLookup): CompileContext {
  const nodes = new Map<string, NodeEntry>();
  blueprint.nodes.forEach((node, index) => {
    if (nodes.has(node.id)) return;
    const manifest = lookup(node.type);
    nodes.set(node.id, {
      index,
      node,
      ...splitTypeRef(node.type),
      configValid: false,
      ...(manifest
        ? { manifest, version: manifest.version, sha256: `${manifest.id}@${manifest.version}` }
        : {}),
    });
  });
  const edges: EdgeEntry[] = blueprint.edges.map((edge, index) => ({
    index,
    id: edge.id ?? `${edge.from}->${edge.to}`,
    from: splitEndpoint(edge.from),
    to: splitEndpoint(edge.to),
    usable: true,
  }));
  return { blueprint, problems: [], nodes, edges };
}

/**
 * Runs the compiler's graph passes (config defaults, edge kinds, order and cycles, column inference and column
 * requirements) over a blueprint whose node types are looked up synchronously, as an editor holds them. Returns
 * the problems those passes find and the columns inferred on every edge, even when the graph has problems.
 * @example const { edgeColumns } = analyseGraph(blueprint, (ref) => catalogue.resolve(ref))
 */
export function analyseGraph(blueprint: Blueprint, lookup: ManifestLookup): GraphAnalysis {
  const ctx = contextOf(blueprint, lookup);
  checkConfigs(ctx);
  checkEdges(ctx);
  const order = topologicalOrder(ctx);
  inferColumns(ctx, order);
  const edgeColumns = new Map<string, ColumnInfo[] | null>();
  for (const edge of ctx.edges) if (edge.kind === 'table') edgeColumns.set(edge.id, edge.columns ?? null);
  return { problems: ctx.problems, edgeColumns };
}

/**
 * Answers whether an edge may be added to a blueprint, using the compiler's own checks: the ports must exist
 * and carry the same kind, a single-connection input must be free, the edge must not repeat one or close a loop,
 * and the columns the consumer needs must arrive with a type it accepts. The reason is the compiler's message.
 * @example
 * const verdict = checkNewEdge(blueprint, { from: 'src.rows', to: 'chart.rows' }, lookup)
 * if (!verdict.ok) showTooltip(verdict.message)
 */
export function checkNewEdge(blueprint: Blueprint, edge: Edge, lookup: ManifestLookup): EdgeVerdict {
  const id = edge.id ?? `${edge.from}->${edge.to}`;
  const before = analyseGraph(blueprint, lookup).problems.filter((p) => p.code === 'PT120').length;
  const after = analyseGraph({ ...blueprint, edges: [...blueprint.edges, { ...edge, id }] }, lookup);
  const against = after.problems.find(
    (p) => p.severity === 'error' && p.edgeId === id && REFUSING.has(p.code) && p.code !== 'PT120',
  );
  if (against) return { ok: false, code: against.code, message: against.message };
  const loops = after.problems.filter((p) => p.code === 'PT120');
  if (loops.length > before) {
    const loop = loops.find((p) => p.edgeId === id) ?? loops[loops.length - 1];
    return { ok: false, code: 'PT120', message: loop.message };
  }
  return { ok: true };
}
