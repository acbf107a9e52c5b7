import { useStoreApi, ViewportPortal, type Edge as FlowEdge, type InternalNode } from '@xyflow/react';
import { useCallback, useEffect, useRef } from 'react';
import { farBox, farEdgeLook, farEdgePath } from './far-view';
import type { BlueprintFlowNode } from './flow-model';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The shapes of one look on one layer, as one SVG path (box outlines or curves, one after another). */
interface Look {
  layer: 'still' | 'moving';
  kind: 'edges' | 'boxes';
  className: string;
}

/** Where paths go: connections under boxes, on the still layer or on the layer of what is being dragged. */
interface Layers {
  still: { edges: SVGGElement; boxes: SVGGElement };
  moving: { edges: SVGGElement; boxes: SVGGElement };
}

/** The drawing's path data by look key (layer, kind and classes, joined by "|"). */
function lookKey(look: Look): string {
  return `${look.layer}|${look.kind}|${look.className}`;
}

/**
 * The whole picture as path data per look: a few long paths rather than thousands of shapes, because the browser
 * spends time per shape whenever it re-examines the page's layers (on every frame of a pan).
 */
function picture(
  lookup: ReadonlyMap<string, InternalNode<BlueprintFlowNode>>,
  edges: readonly FlowEdge[],
  movingOnly: boolean,
): Map<string, string[]> {
  const parts = new Map<string, string[]>();
  const add = (look: Look, d: string) => {
    const key = lookKey(look);
    const list = parts.get(key);
    if (list) list.push(d);
    else parts.set(key, [d]);
  };
  for (const edge of edges) {
    const moving = lookup.get(edge.source)?.dragging || lookup.get(edge.target)?.dragging;
    if (movingOnly && !moving) continue;
    const d = farEdgePath(edge, lookup);
    if (d === null) continue;
    add(
      { layer: moving ? 'moving' : 'still', kind: 'edges', className: `pt-far-edge-${farEdgeLook(edge)}` },
      d,
    );
  }
  for (const node of lookup.values()) {
    if (movingOnly && !node.dragging) continue;
    const box = farBox(node);
    add(
      { layer: node.dragging ? 'moving' : 'still', kind: 'boxes', className: box.className },
      `M${box.x} ${box.y}h${box.width}v${box.height}h${-box.width}z`,
    );
  }
  return parts;
}

/**
 * The far view's picture: every node as a coloured box and every connection as a curve, drawn as a few SVG
 * paths (one per look) in the flow's coordinates, so panning moves them with the viewport at no cost, and kept
 * outside React. The dragged nodes and their connections go on a layer of their own above the rest, so that a
 * drag step redraws that small layer only, not every screen area the long connections cross; a path whose
 * data did not change is not touched. Line widths follow the zoom through one CSS variable. Not a canvas: a canvas is a
 * composited layer and would force every element over it onto layers too.
 * @example <ReactFlow …>{zoomedOut && <FarDrawing edges={edges} />}</ReactFlow>
 */
export function FarDrawing({ edges }: { edges: readonly FlowEdge[] }) {
  const flow = useStoreApi<BlueprintFlowNode>();
  const layers = useRef<Layers | null>(null);
  const root = useRef<HTMLDivElement | null>(null);
  const paths = useRef(new Map<string, { element: SVGPathElement; d: string }>());
  const edgesRef = useRef(edges);
  const still = useRef(new Map<string, unknown>());
  const drawn = useRef<{ nodes: unknown; edges: unknown; zoom: number } | null>(null);
  const frame = useRef(0);

  const draw = useCallback(() => {
    frame.current = 0;
    const into = layers.current;
    if (!into) return;
    const { nodes, nodeLookup, transform } = flow.getState();
    const zoom = transform[2];
    const last = drawn.current;
    if (last?.nodes !== nodes || last.edges !== edgesRef.current) {
      // During a drag only the dragged nodes change: the still layer is then left as it is.
      let stillChanged = last?.edges !== edgesRef.current || still.current.size === 0;
      const stillNodes = new Map<string, unknown>();
      for (const [id, node] of nodeLookup) {
        if (node.dragging) continue;
        stillNodes.set(id, node);
        if (still.current.get(id) !== node) stillChanged = true;
      }
      if (stillNodes.size !== still.current.size) stillChanged = true;
      still.current = stillNodes;
      const parts = picture(nodeLookup, edgesRef.current, !stillChanged);
      for (const [key, list] of parts) {
        const d = list.join('');
        let path = paths.current.get(key);
        if (!path) {
          const [layer, kind, className] = key.split('|') as [Look['layer'], Look['kind'], string];
          const element = document.createElementNS(SVG_NS, 'path');
          element.setAttribute('class', className);
          // Selected connections are drawn over the others.
          if (className.endsWith('-selected')) into[layer][kind].appendChild(element);
          else into[layer][kind].prepend(element);
          path = { element, d: '' };
          paths.current.set(key, path);
        }
        if (path.d !== d) path.element.setAttribute('d', (path.d = d));
      }
      for (const [key, path] of paths.current)
        if (!parts.has(key) && (stillChanged || key.startsWith('moving|'))) {
          path.element.remove();
          paths.current.delete(key);
        }
    }
    if (last?.zoom !== zoom) root.current?.style.setProperty('--pt-far-px', `${1 / zoom}px`);
    drawn.current = { nodes, edges: edgesRef.current, zoom };
  }, [flow]);

  const schedule = useCallback(() => {
    if (!frame.current) frame.current = requestAnimationFrame(draw);
  }, [draw]);

  // The portal's element may appear after the first effects ran: draw as soon as the layers are there.
  const attach = useCallback(
    (element: HTMLDivElement | null) => {
      root.current = element;
      const groups = element ? [...element.querySelectorAll('g')] : [];
      layers.current =
        groups.length === 4
          ? {
              still: { edges: groups[0], boxes: groups[1] },
              moving: { edges: groups[2], boxes: groups[3] },
            }
          : null;
      paths.current.clear();
      still.current = new Map();
      drawn.current = null;
      if (element) schedule();
    },
    [schedule],
  );

  useEffect(() => {
    edgesRef.current = edges;
    schedule();
  }, [edges, schedule]);

  useEffect(() => {
    const unsubscribe = flow.subscribe(schedule);
    schedule();
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, [flow, schedule]);

  return (
    <ViewportPortal>
      <div
        ref={attach}
        className="pt-far-drawing"
        role="img"
        aria-label={`The whole graph in outline: ${flow.getState().nodeLookup.size} nodes, ${edges.length} connections`}
      >
        <svg className="pt-far-still">
          <g />
          <g />
        </svg>
        <svg className="pt-far-moving">
          <g />
          <g />
        </svg>
      </div>
    </ViewportPortal>
  );
}
