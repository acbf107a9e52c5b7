import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore as useFlowStore,
  useUpdateNodeInternals,
  type Connection,
  type Edge as FlowEdge,
  type EdgeChange,
  type IsValidConnection,
  type NodeChange,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type PointerEvent } from 'react';
import { checkNewEdge, type EdgeVerdict } from '../../runtime/compiler/edge-check';
import { useGraph, useGraphEditor } from './editor-context';
import { BlueprintNodeView } from './BlueprintNodeView';
import { FarDrawing } from './FarDrawing';
import { FAR_ZOOM, FarViewContext } from './far-view';
import {
  createFlowEdgeMapper,
  createFlowNodeMapper,
  withDragPositions,
  type BlueprintFlowNode,
  type NodePreview,
} from './flow-model';
import type { Problem } from '../../schemas/problems';
import { newNode } from './node-factory';

/** The drag-and-drop data type the palette sets: the node type id. */
export const NODE_DRAG_TYPE = 'application/x-projecttwin-node-type';

const nodeTypes = { blueprint: BlueprintNodeView };
const MINIMAP_COLOURS: Record<string, string> = {
  source: '#2f7d5b',
  transform: '#0b6bcb',
  model: '#8250df',
  component: '#bc4c00',
};
// Props given to React Flow are module constants or memoised: React Flow copies every prop that changes into its
// store, and each such copy makes all of its thousands of node and edge subscribers check themselves again.
const minimapColour = (n: BlueprintFlowNode) => MINIMAP_COLOURS[n.data.manifest?.category ?? ''] ?? '#8c959f';
const MULTI_SELECTION_KEYS = ['Meta', 'Control', 'Shift'];
const FIT_VIEW_OPTIONS = { maxZoom: 1 };
const PRO_OPTIONS = { hideAttribution: true };
const NO_EDGES: FlowEdge[] = [];
const NOT_DRAGGED: ReadonlyMap<string, { x: number; y: number }> = new Map();

interface Refusal {
  message: string;
  x: number;
  y: number;
}

interface GraphCanvasProps {
  problemsByNode: ReadonlyMap<string, readonly Problem[]>;
  problemEdges: ReadonlySet<string>;
  previews?: ReadonlyMap<string, NodePreview>;
}

function endpoint(node: string | null, port: string | null | undefined): string {
  return `${node ?? ''}.${port ?? ''}`;
}

/**
 * The React Flow canvas drawing the store's document; every change it makes goes through the store.
 * @example <GraphCanvas problemsByNode={byNode} problemEdges={edges} previews={previews} />
 */
export function GraphCanvas({ problemsByNode, problemEdges, previews }: GraphCanvasProps) {
  const { store, catalogue } = useGraphEditor();
  const docNodes = useGraph((s) => s.doc.nodes);
  const docEdges = useGraph((s) => s.doc.edges);
  const selectedNodes = useGraph((s) => s.selectedNodes);
  const selectedEdges = useGraph((s) => s.selectedEdges);
  const sizes = useGraph((s) => s.sizes);
  const flow = useReactFlow();
  // Far out, names cannot be read: the far view draws nodes as boxes and connections as curves (far-view.ts).
  const zoomedOut = useFlowStore((s) => s.transform[2] < FAR_ZOOM);
  const updateNodeInternals = useUpdateNodeInternals();
  const canvasRef = useRef<HTMLDivElement>(null);
  // Where the nodes being dragged are now: kept here until the drag ends, then written to the document at once.
  const [dragged, setDragged] = useState(NOT_DRAGGED);
  const draggedRef = useRef(dragged);
  draggedRef.current = dragged;
  const toNodes = useRef(createFlowNodeMapper()).current;
  const toEdges = useRef(createFlowEdgeMapper()).current;
  const pointer = useRef({ x: 0, y: 0 });
  const verdicts = useRef(new Map<string, EdgeVerdict>());
  const [refusal, setRefusalState] = useState<Refusal | null>(null);
  const refusalRef = useRef<Refusal | null>(null);
  const setRefusal = useCallback((next: Refusal | null) => {
    refusalRef.current = next;
    setRefusalState(next);
  }, []);
  const [notice, setNotice] = useState<string | null>(null);

  // Derived only when their inputs change: moving a node leaves doc.edges (and so the edges array) untouched,
  // which spares React Flow from re-indexing every connection on each frame of a drag.
  const lookup = catalogue.resolve;
  const nodes = useMemo(
    () =>
      toNodes(docNodes, {
        lookup,
        problemsByNode,
        problemEdges,
        previews,
        selectedNodes,
        selectedEdges,
        sizes,
      }),
    [toNodes, docNodes, lookup, problemsByNode, problemEdges, previews, selectedNodes, selectedEdges, sizes],
  );
  const edges = useMemo(
    () => toEdges(docEdges, { problemEdges, selectedEdges }),
    [toEdges, docEdges, problemEdges, selectedEdges],
  );
  const shownNodes = useMemo(() => withDragPositions(nodes, dragged), [nodes, dragged]);

  // Nodes drawn as far-view boxes have no handles; once drawn in full again React Flow must measure them anew.
  const wasZoomedOut = useRef(zoomedOut);
  useEffect(() => {
    if (wasZoomedOut.current && !zoomedOut && canvasRef.current) {
      const ids = [...canvasRef.current.querySelectorAll('.react-flow__node')].map(
        (el) => el.getAttribute('data-id') ?? '',
      );
      updateNodeInternals(ids);
    }
    wasZoomedOut.current = zoomedOut;
  }, [zoomedOut, updateNodeInternals]);

  /** Writes the dragged nodes' positions (or the given moves) to the document, in the current undo step. */
  const commitMoves = useCallback(
    (moves: { id: string; x: number; y: number }[]) => {
      const pending = draggedRef.current;
      const all = new Map(moves.map((m) => [m.id, m]));
      for (const [id, at] of pending) if (!all.has(id)) all.set(id, { id, ...at });
      if (all.size > 0) store.getState().moveNodes([...all.values()]);
      if (pending.size > 0) {
        draggedRef.current = NOT_DRAGGED;
        setDragged(NOT_DRAGGED);
      }
    },
    [store],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<BlueprintFlowNode>[]) => {
      const moves: { id: string; x: number; y: number }[] = [];
      let steps: Map<string, { x: number; y: number }> | null = null;
      const measured: { id: string; width: number; height: number }[] = [];
      let selection: Set<string> | null = null;
      for (const change of changes) {
        if (change.type === 'position' && change.position) {
          const at = { x: Math.round(change.position.x), y: Math.round(change.position.y) };
          // A step of a drag stays on the canvas; the last one (dragging false), like a keyboard move, is an edit.
          if (change.dragging) (steps ??= new Map(draggedRef.current)).set(change.id, at);
          else moves.push({ id: change.id, ...at });
        } else if (change.type === 'dimensions' && change.dimensions)
          measured.push({ id: change.id, ...change.dimensions });
        else if (change.type === 'select') {
          selection ??= new Set(store.getState().selectedNodes);
          if (change.selected) selection.add(change.id);
          else selection.delete(change.id);
        }
      }
      if (steps) {
        draggedRef.current = steps;
        setDragged(steps);
      }
      if (moves.length) commitMoves(moves);
      const state = store.getState();
      if (measured.length) state.setSizes(measured);
      if (selection) state.select(selection, state.selectedEdges);
    },
    [store, commitMoves],
  );

  const onDragStart = useCallback(() => store.getState().beginGesture(), [store]);
  const onDragStop = useCallback(() => {
    commitMoves([]);
    store.getState().endGesture();
  }, [store, commitMoves]);

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      let selection: Set<string> | null = null;
      for (const change of changes) {
        if (change.type !== 'select') continue;
        selection ??= new Set(store.getState().selectedEdges);
        if (change.selected) selection.add(change.id);
        else selection.delete(change.id);
      }
      if (selection) store.getState().select(store.getState().selectedNodes, selection);
    },
    [store],
  );

  const verdictOf = useCallback(
    (
      c:
        | Connection
        | { source: string; target: string; sourceHandle?: string | null; targetHandle?: string | null },
    ) => {
      const edge = { from: endpoint(c.source, c.sourceHandle), to: endpoint(c.target, c.targetHandle) };
      const key = `${edge.from}>${edge.to}`;
      let verdict = verdicts.current.get(key);
      if (!verdict) {
        verdict =
          c.source === c.target
            ? { ok: false, code: 'PT120', message: 'A node cannot feed itself; connect it to another node.' }
            : checkNewEdge(store.getState().doc, edge, catalogue.resolve);
        verdicts.current.set(key, verdict);
      }
      return verdict;
    },
    [store, catalogue],
  );

  const isValidConnection: IsValidConnection = useCallback(
    (c) => {
      const verdict = verdictOf({ ...c });
      const box = canvasRef.current?.getBoundingClientRect();
      const at = { x: pointer.current.x - (box?.left ?? 0), y: pointer.current.y - (box?.top ?? 0) };
      setRefusal(verdict.ok ? null : { message: verdict.message, ...at });
      return verdict.ok;
    },
    [verdictOf, setRefusal],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      setRefusal(null);
      const verdict = verdictOf(c);
      if (!verdict.ok) {
        setNotice(`Not connected: ${verdict.message}`);
        return;
      }
      setNotice(null);
      store
        .getState()
        .connect({ from: endpoint(c.source, c.sourceHandle), to: endpoint(c.target, c.targetHandle) });
    },
    [store, verdictOf, setRefusal],
  );

  const onConnectStart = useCallback(() => {
    verdicts.current.clear();
    setNotice(null);
  }, []);

  const onConnectEnd = useCallback(() => {
    const last = refusalRef.current;
    if (last) setNotice(`Not connected: ${last.message}`);
    setRefusal(null);
  }, [setRefusal]);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const typeId = event.dataTransfer.getData(NODE_DRAG_TYPE);
      const manifest = catalogue.manifests.find((m) => m.id === typeId);
      if (!manifest) return;
      event.preventDefault();
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const taken = new Set(store.getState().doc.nodes.map((n) => n.id));
      store.getState().addNode(newNode(manifest, { x: at.x - 100, y: at.y - 30 }, taken));
    },
    [catalogue, flow, store],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(NODE_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  // Only the pointer's screen position: measuring the canvas here would force a layout on every move.
  const onPointerMove = useCallback((event: PointerEvent) => {
    pointer.current = { x: event.clientX, y: event.clientY };
  }, []);

  // Zoomed far out, the element pressed keeps the pointer until release, so that the browser does not look for
  // the element under the pointer among thousands of nodes on every move of a pan or a drag.
  const onPointerDown = useCallback(
    (event: PointerEvent) => {
      if (zoomedOut && event.target instanceof Element && event.pointerType === 'mouse')
        event.target.setPointerCapture(event.pointerId);
    },
    [zoomedOut],
  );

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 10_000);
    return () => clearTimeout(timer);
  }, [notice]);

  const many = docNodes.length > 200;
  // Fit the view once, to the graph the editor opened with; nodes added later keep the zoom the user chose.
  const [fitOnOpen] = useState(() => docNodes.length > 0);
  return (
    <div
      ref={canvasRef}
      className={`pt-canvas${zoomedOut ? ' pt-zoomed-out' : ''}`}
      onDrop={onDrop}
      onDragOver={onDragOver}
      onPointerMove={onPointerMove}
      onPointerDown={onPointerDown}
    >
      <FarViewContext.Provider value={zoomedOut}>
        <ReactFlow<BlueprintFlowNode>
          nodes={shownNodes}
          edges={zoomedOut ? NO_EDGES : edges}
          nodeTypes={nodeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onNodeDragStart={onDragStart}
          onNodeDragStop={onDragStop}
          onSelectionDragStart={onDragStart}
          onSelectionDragStop={onDragStop}
          onConnect={onConnect}
          onConnectStart={onConnectStart}
          onConnectEnd={onConnectEnd}
          isValidConnection={isValidConnection}
          deleteKeyCode={null}
          multiSelectionKeyCode={MULTI_SELECTION_KEYS}
          selectionKeyCode="Shift"
          // Far-view node elements are bare invisible boxes: culling them would only add and remove elements on a pan.
          onlyRenderVisibleElements={many && !zoomedOut}
          minZoom={0.05}
          fitView={fitOnOpen}
          fitViewOptions={FIT_VIEW_OPTIONS}
          proOptions={PRO_OPTIONS}
        >
          {zoomedOut && <FarDrawing edges={edges} />}
          {!zoomedOut && <Background gap={20} size={1} color="#d6dde5" />}
          <Controls aria-label="Zoom controls" />
          {/* Far out the whole graph is already in view: the overview would only cost frames. */}
          {!zoomedOut && (
            <MiniMap pannable zoomable ariaLabel="Overview of the whole graph" nodeColor={minimapColour} />
          )}
        </ReactFlow>
      </FarViewContext.Provider>
      {docNodes.length === 0 && (
        <div className="pt-canvas-empty">
          <strong>Your blueprint is empty.</strong>
          <span>
            Drag a data source from the list on the left onto this area to start, or press Enter on one.
          </span>
        </div>
      )}
      {refusal && (
        <div className="pt-refusal" role="tooltip" style={{ left: refusal.x + 16, top: refusal.y + 16 }}>
          {refusal.message}
        </div>
      )}
      {notice && (
        <div className="pt-notice" role="alert">
          <span>{notice}</span>
          <button type="button" className="pt-link" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
