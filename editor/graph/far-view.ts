import type { Edge as FlowEdge, InternalNode } from '@xyflow/react';
import { createContext } from 'react';
import type { NodeManifest } from '../../runtime/compiler/document-types';
import type { BlueprintFlowNode } from './flow-model';

/**
 * The far view: when the canvas is zoomed out below FAR_ZOOM, names cannot be read, so nodes are drawn as plain
 * coloured boxes and the connections as curves, all as bare SVG shapes kept outside React (FarDrawing). React
 * Flow's node elements stay, as invisible plain boxes (FarNodeBox), so that nodes can still be selected and
 * dragged; React Flow's edge components are not drawn. This module holds its geometry.
 */

/** Below this zoom the far view is drawn. */
export const FAR_ZOOM = 0.4;
/** Whether the canvas is in the far view; provided by GraphCanvas to the node components. */
export const FarViewContext = createContext(false);
/** Where a connection starts and ends, in flow coordinates. */
export interface EdgeEnds {
  sx: number;
  sy: number;
  tx: number;
  ty: number;
}

/** A node as the far view's connections need it (React Flow's internal node has these fields). */
export type FarNode = Pick<InternalNode, 'measured' | 'internals' | 'dragging'>;

/** A node's drawn height when it was never measured: the title block, one row per port pair, the padding. */
const HEAD_PX = 42;
const PORT_ROW_PX = 18;
const PORTS_PAD_PX = 14;

/**
 * The height a node box takes in the far view when the node was never measured, estimated from its ports as
 * the full node lays them out (inputs and outputs side by side).
 * @example farNodeHeight(manifest) // 78 for a node with one input and one output
 */
export function farNodeHeight(manifest: NodeManifest | undefined): number {
  if (!manifest) return HEAD_PX + 24;
  const rows = Math.max(
    Object.keys(manifest.inputs ?? {}).length,
    Object.keys(manifest.outputs ?? {}).length,
  );
  return HEAD_PX + PORTS_PAD_PX + rows * PORT_ROW_PX;
}

function handleCentre(
  node: FarNode,
  kind: 'source' | 'target',
  id: string | null | undefined,
): { x: number; y: number } {
  const at = node.internals.positionAbsolute;
  const width = node.measured.width ?? 0;
  const height = node.measured.height ?? 0;
  const handle = node.internals.handleBounds?.[kind]?.find((h) => h.id === id);
  if (handle) return { x: at.x + handle.x + handle.width / 2, y: at.y + handle.y + handle.height / 2 };
  return { x: kind === 'source' ? at.x + width : at.x, y: at.y + height / 2 };
}

/**
 * Where a connection runs: from its output handle to its input handle when React Flow has measured them, else
 * from the middle of the source node's right side to the middle of the target's left side.
 * @example const ends = edgeEnds(edge, store.getState().nodeLookup) // null when a node is missing
 */
export function edgeEnds(
  edge: Pick<FlowEdge, 'source' | 'target' | 'sourceHandle' | 'targetHandle'>,
  lookup: ReadonlyMap<string, FarNode>,
): EdgeEnds | null {
  const source = lookup.get(edge.source);
  const target = lookup.get(edge.target);
  if (!source || !target) return null;
  const s = handleCentre(source, 'source', edge.sourceHandle);
  const t = handleCentre(target, 'target', edge.targetHandle);
  return { sx: s.x, sy: s.y, tx: t.x, ty: t.y };
}

/** How a connection is drawn: plain, with a problem (dashed red), selected (blue). */
export type FarEdgeLook = 'plain' | 'problem' | 'selected';

/**
 * How a connection is drawn in the far view, from the flow edge's selection and problem mark.
 * @example farEdgeLook({ id: 'a', source: 'x', target: 'y', selected: true }) // 'selected'
 */
export function farEdgeLook(edge: Pick<FlowEdge, 'selected' | 'className'>): FarEdgeLook {
  if (edge.selected) return 'selected';
  return edge.className === 'pt-edge-problem' ? 'problem' : 'plain';
}

/**
 * A connection's SVG path data: a curve leaving its output and entering its input horizontally, as the full
 * view's connections do; null when one of its nodes is missing.
 * @example farEdgePath(edge, store.getState().nodeLookup) // 'M240 60C290 60 220 60 270 60'
 */
export function farEdgePath(
  edge: Pick<FlowEdge, 'source' | 'target' | 'sourceHandle' | 'targetHandle'>,
  lookup: ReadonlyMap<string, FarNode>,
): string | null {
  const ends = edgeEnds(edge, lookup);
  if (!ends) return null;
  const { sx, sy, tx, ty } = ends;
  const bend = Math.max(Math.abs(tx - sx) / 2, 40);
  return `M${r(sx)} ${r(sy)}C${r(sx + bend)} ${r(sy)} ${r(tx - bend)} ${r(ty)} ${r(tx)} ${r(ty)}`;
}

function r(n: number): number {
  return Math.round(n * 10) / 10;
}

/** A node's box in the far view: where it is and the classes that colour it. */
export interface FarBox {
  x: number;
  y: number;
  width: number;
  height: number;
  className: string;
}

/**
 * A node's box in the far view, from React Flow's internal node: its place and size, and classes for its
 * category, a problem and selection.
 * @example farBox(store.getState().nodeLookup.get('calc')!) // { x: 270, y: 0, width: 220, height: 78, className: 'pt-far-box pt-cat-transform' }
 */
export function farBox(node: FarNode & Pick<InternalNode<BlueprintFlowNode>, 'data' | 'selected'>): FarBox {
  const { manifest, problems } = node.data;
  const errors = problems?.some((p) => p.severity === 'error') ?? false;
  return {
    x: node.internals.positionAbsolute.x,
    y: node.internals.positionAbsolute.y,
    width: node.measured.width ?? 220,
    height: node.measured.height ?? farNodeHeight(manifest),
    className: `pt-far-box pt-cat-${manifest?.category ?? 'unknown'}${errors ? ' pt-far-box-problem' : ''}${node.selected ? ' pt-far-box-selected' : ''}`,
  };
}
