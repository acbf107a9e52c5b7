import type { Edge as FlowEdge, Node as FlowNode } from '@xyflow/react';
import type { Problem } from '../../schemas/problems';
import type { Blueprint, BlueprintNode, NodeManifest } from '../../runtime/compiler/document-types';
import type { ManifestLookup } from '../../runtime/compiler/edge-check';
import { edgeIdOf, splitEnd } from './document-ops';

/** What a node's live preview shows: how many rows it outputs and a few of them. */
export interface NodePreview {
  rowCount: number;
  sample: readonly Record<string, unknown>[];
}

/** What the canvas's node component receives. */
export interface BlueprintNodeData extends Record<string, unknown> {
  node: BlueprintNode;
  manifest: NodeManifest | undefined;
  problems: readonly Problem[] | undefined;
  preview: NodePreview | undefined;
  /** The node's size as last measured on the canvas, when known (the far view keeps its box this size). */
  size: { width: number; height: number } | undefined;
}

export type BlueprintFlowNode = FlowNode<BlueprintNodeData, 'blueprint'>;

/** Everything a flow node is derived from; when none of it changes, the same flow node object is reused. */
interface NodeInputs {
  node: BlueprintNode;
  manifest: NodeManifest | undefined;
  problems: readonly Problem[] | undefined;
  preview: NodePreview | undefined;
  selected: boolean;
  size: { width: number; height: number } | undefined;
}

/** The view the canvas draws on top of the document. */
export interface FlowView {
  lookup: ManifestLookup;
  problemsByNode: ReadonlyMap<string, readonly Problem[]>;
  problemEdges: ReadonlySet<string>;
  previews: ReadonlyMap<string, NodePreview> | undefined;
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  sizes: ReadonlyMap<string, { width: number; height: number }>;
}

/**
 * Turns the document into React Flow nodes, reusing the previous object of every node whose inputs did not
 * change, so that React Flow (and the memoised node component) only redraws what changed, e.g. the one node
 * being dragged among thousands.
 * @example const toNodes = createFlowNodeMapper(); const nodes = toNodes(doc.nodes, view)
 */
export function createFlowNodeMapper(): (nodes: Blueprint['nodes'], view: FlowView) => BlueprintFlowNode[] {
  let cache = new Map<string, { inputs: NodeInputs; flow: BlueprintFlowNode }>();
  return (nodes, view) => {
    const next = new Map<string, { inputs: NodeInputs; flow: BlueprintFlowNode }>();
    const out = nodes.map((node, index) => {
      const inputs: NodeInputs = {
        node,
        manifest: view.lookup(node.type),
        problems: view.problemsByNode.get(node.id),
        preview: view.previews?.get(node.id),
        selected: view.selectedNodes.has(node.id),
        size: view.sizes.get(node.id),
      };
      const old = cache.get(node.id);
      const same =
        old !== undefined &&
        (Object.keys(inputs) as (keyof NodeInputs)[]).every((key) => old.inputs[key] === inputs[key]);
      const flow: BlueprintFlowNode = same
        ? old.flow
        : {
            id: node.id,
            type: 'blueprint',
            position: node.position ?? { x: (index % 8) * 280, y: Math.floor(index / 8) * 180 },
            data: {
              node,
              manifest: inputs.manifest,
              problems: inputs.problems,
              preview: inputs.preview,
              size: inputs.size,
            },
            selected: inputs.selected,
            ...(inputs.size ? { measured: inputs.size } : {}),
          };
      next.set(node.id, { inputs, flow });
      return flow;
    });
    cache = next;
    return out;
  };
}

/**
 * The flow nodes with the positions of the nodes being dragged, which the canvas keeps to itself until the drag
 * ends (so that a drag step redraws the moved nodes only, not everything that reads the document); the same
 * array when nothing is being dragged.
 * @example const shown = withDragPositions(nodes, new Map([['calc', { x: 300, y: 40 }]]))
 */
export function withDragPositions(
  nodes: BlueprintFlowNode[],
  dragged: ReadonlyMap<string, { x: number; y: number }>,
): BlueprintFlowNode[] {
  if (dragged.size === 0) return nodes;
  return nodes.map((flow) => {
    const at = dragged.get(flow.id);
    return at ? { ...flow, position: at, dragging: true } : flow;
  });
}

/**
 * Turns the document's edges into React Flow edges, reusing unchanged ones.
 * @example const toEdges = createFlowEdgeMapper(); const edges = toEdges(doc.edges, view)
 */
export function createFlowEdgeMapper(): (
  edges: Blueprint['edges'],
  view: Pick<FlowView, 'selectedEdges' | 'problemEdges'>,
) => FlowEdge[] {
  let cache = new Map<string, { key: string; flow: FlowEdge }>();
  return (edges, view) => {
    const next = new Map<string, { key: string; flow: FlowEdge }>();
    const out = edges.map((edge) => {
      const id = edgeIdOf(edge);
      const selected = view.selectedEdges.has(id);
      const broken = view.problemEdges.has(id);
      const key = `${edge.from}|${edge.to}|${selected}|${broken}`;
      const old = cache.get(id);
      const from = splitEnd(edge.from);
      const to = splitEnd(edge.to);
      const flow: FlowEdge =
        old?.key === key
          ? old.flow
          : {
              id,
              source: from.node,
              sourceHandle: from.port,
              target: to.node,
              targetHandle: to.port,
              selected,
              className: broken ? 'pt-edge-problem' : undefined,
              ariaLabel: `Connection from ${edge.from} to ${edge.to}`,
            };
      next.set(id, { key, flow });
      return flow;
    });
    cache = next;
    return out;
  };
}

/**
 * Groups problems by the node they concern (an edge's problem also marks its consumer), reusing the previous
 * list of a node whose problems did not change so that its drawing is not redone.
 * @example const byNode = groupProblems(problems, previous)
 */
export function groupProblems(
  problems: readonly Problem[],
  previous: ReadonlyMap<string, readonly Problem[]> = new Map(),
): { byNode: Map<string, readonly Problem[]>; edges: Set<string> } {
  const lists = new Map<string, Problem[]>();
  const edges = new Set<string>();
  for (const p of problems) {
    if (p.edgeId) edges.add(p.edgeId);
    const nodeId = p.nodeId ?? (p.edgeId ? splitEnd(p.edgeId.split('->')[1] ?? '').node : undefined);
    if (!nodeId) continue;
    const list = lists.get(nodeId) ?? [];
    list.push(p);
    lists.set(nodeId, list);
  }
  const byNode = new Map<string, readonly Problem[]>();
  for (const [id, list] of lists) {
    const old = previous.get(id);
    const same = old && old.length === list.length && old.every((p, i) => p.message === list[i].message);
    byNode.set(id, same ? old : list);
  }
  return { byNode, edges };
}
