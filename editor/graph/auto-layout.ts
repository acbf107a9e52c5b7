import type ELKConstructor from 'elkjs/lib/elk.bundled.js';
import type { Blueprint } from '../../runtime/compiler/document-types';
import { splitEnd } from './document-ops';

/** A node's drawn size, when known. */
export type NodeSizes = ReadonlyMap<string, { width: number; height: number }>;

const DEFAULT_SIZE = { width: 240, height: 120 };
let elk: InstanceType<typeof ELKConstructor> | null = null;

/**
 * Lays the graph out left to right in layers (elkjs "layered"), sources on the left, panels on the right.
 * Returns the new top-left position of every node; the caller applies them as one undo step.
 * @example const moves = await autoLayout(doc, sizes); store.getState().moveNodes(moves)
 */
export async function autoLayout(
  doc: Pick<Blueprint, 'nodes' | 'edges'>,
  sizes: NodeSizes = new Map(),
): Promise<{ id: string; x: number; y: number }[]> {
  // Loaded on first use: the layout engine is large and most editing sessions never tidy up.
  if (!elk) {
    const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
    elk = new ELK();
  }
  const ids = new Set(doc.nodes.map((n) => n.id));
  const graph = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '80',
      'elk.spacing.nodeNode': '40',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.separateConnectedComponents': 'true',
      'elk.spacing.componentComponent': '60',
    },
    children: doc.nodes.map((n) => ({ id: n.id, ...(sizes.get(n.id) ?? DEFAULT_SIZE) })),
    edges: doc.edges.flatMap((e, i) => {
      const from = splitEnd(e.from).node;
      const to = splitEnd(e.to).node;
      return ids.has(from) && ids.has(to) && from !== to
        ? [{ id: `e${i}`, sources: [from], targets: [to] }]
        : [];
    }),
  });
  return (graph.children ?? []).map((c) => ({ id: c.id, x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) }));
}
