import type { Blueprint, BlueprintNode, Edge } from '../../runtime/compiler/document-types';

/** A copied piece of a graph: some nodes and the edges between them. */
export interface GraphFragment {
  nodes: BlueprintNode[];
  edges: Edge[];
}

/**
 * The id the compiler gives an edge: its own id, or `from->to`.
 * @example edgeIdOf({ from: 'a.rows', to: 'b.rows' }) // 'a.rows->b.rows'
 */
export function edgeIdOf(edge: Edge): string {
  return edge.id ?? `${edge.from}->${edge.to}`;
}

/**
 * The node id and port of an edge end written `node.port`.
 * @example splitEnd('trend.rows') // { node: 'trend', port: 'rows' }
 */
export function splitEnd(end: string): { node: string; port: string } {
  const dot = end.indexOf('.');
  return dot < 0 ? { node: end, port: '' } : { node: end.slice(0, dot), port: end.slice(dot + 1) };
}

/**
 * A readable id base for a node of a type: the last part of its id, dots turned into dashes.
 * @example idBaseOf('core/chart.line@^1') // 'chart-line'
 */
export function idBaseOf(typeRef: string): string {
  const typeId = typeRef.split('@')[0];
  const base = typeId
    .slice(typeId.lastIndexOf('/') + 1)
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^[^A-Za-z]+/, '');
  return (base || 'node').slice(0, 50);
}

/**
 * An id not yet taken: the base itself, else base-2, base-3 and so on.
 * @example uniqueId('filter', new Set(['filter'])) // 'filter-2'
 */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const stem = base.replace(/-\d+$/, '') || 'node';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${stem}-${n}`)) return `${stem}-${n}`;
}

/**
 * Copies the given nodes and the edges running between them (edges to nodes left behind are not copied).
 * @example copyFragment(doc, ['src', 'keep']) // { nodes: [src, keep], edges: [src.rows->keep.rows] }
 */
export function copyFragment(doc: Blueprint, nodeIds: Iterable<string>): GraphFragment {
  const ids = new Set(nodeIds);
  const nodes = doc.nodes.filter((n) => ids.has(n.id));
  const edges = doc.edges.filter((e) => ids.has(splitEnd(e.from).node) && ids.has(splitEnd(e.to).node));
  return structuredClone({ nodes, edges });
}

/**
 * Makes a fragment ready to paste into a document: every node gets a new unique id and is moved by the offset,
 * and the internal edges are renamed to match (edge ids are dropped so that they cannot clash).
 * @example renameFragment(fragment, new Set(doc.nodes.map((n) => n.id)), { x: 40, y: 40 })
 */
export function renameFragment(
  fragment: GraphFragment,
  taken: ReadonlySet<string>,
  offset: { x: number; y: number },
): GraphFragment {
  const used = new Set(taken);
  const renamed = new Map<string, string>();
  const nodes = fragment.nodes.map((node) => {
    const id = uniqueId(node.id, used);
    used.add(id);
    renamed.set(node.id, id);
    const at = node.position ?? { x: 0, y: 0 };
    return { ...structuredClone(node), id, position: { x: at.x + offset.x, y: at.y + offset.y } };
  });
  const edges = fragment.edges.map((edge) => {
    const from = splitEnd(edge.from);
    const to = splitEnd(edge.to);
    return {
      from: `${renamed.get(from.node) ?? from.node}.${from.port}`,
      to: `${renamed.get(to.node) ?? to.node}.${to.port}`,
    };
  });
  return { nodes, edges };
}

/**
 * Removes nodes (with every edge touching them) and edges from a document, in place (inside an immer recipe).
 * @example removeFromDocument(draft, new Set(['keep']), new Set())
 */
export function removeFromDocument(
  doc: Blueprint,
  nodeIds: ReadonlySet<string>,
  edgeIds: ReadonlySet<string>,
): void {
  doc.nodes = doc.nodes.filter((n) => !nodeIds.has(n.id));
  doc.edges = doc.edges.filter(
    (e) =>
      !edgeIds.has(edgeIdOf(e)) && !nodeIds.has(splitEnd(e.from).node) && !nodeIds.has(splitEnd(e.to).node),
  );
}

/**
 * An empty blueprint to start from.
 * @example emptyBlueprint().nodes // []
 */
export function emptyBlueprint(): Blueprint {
  return {
    schemaVersion: 1,
    name: 'my-blueprint',
    version: '0.1.0',
    title: 'My blueprint',
    nodes: [],
    edges: [],
  };
}

/**
 * The part of a document that feeds a node: the node, every node upstream of it, and the edges between them.
 * Enough to infer the columns arriving at the node without analysing the whole graph.
 * @example upstreamOf(doc, 'chart').nodes.map((n) => n.id) // ['src', 'keep', 'chart']
 */
export function upstreamOf(doc: Blueprint, nodeId: string): Blueprint {
  const into = new Map<string, string[]>();
  for (const edge of doc.edges) {
    const to = splitEnd(edge.to).node;
    const list = into.get(to) ?? [];
    list.push(splitEnd(edge.from).node);
    into.set(to, list);
  }
  const keep = new Set([nodeId]);
  const queue = [nodeId];
  while (queue.length > 0) {
    for (const from of into.get(queue.pop()!) ?? []) {
      if (keep.has(from)) continue;
      keep.add(from);
      queue.push(from);
    }
  }
  return {
    ...doc,
    nodes: doc.nodes.filter((n) => keep.has(n.id)),
    edges: doc.edges.filter((e) => keep.has(splitEnd(e.from).node) && keep.has(splitEnd(e.to).node)),
  };
}
