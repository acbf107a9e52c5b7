import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore as useFlowStore,
  type Connection,
  type EdgeChange,
  type IsValidConnection,
  type NodeChange,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type PointerEvent } from 'react';
import { checkNewEdge, type EdgeVerdict } from '../../runtime/compiler/edge-check';
import { useGraph, useGraphEditor } from './editor-context';
import { BlueprintNodeView } from './BlueprintNodeView';
import {
  createFlowEdgeMapper,
  createFlowNodeMapper,
  type BlueprintFlowNode,
  type NodePreview,
} from './flow-model';
import type { Problem } from '../../schemas/problems';
import { newNode } from './node-factory';

/** The drag-and-drop data type the palette sets: the node type id. */
export const NODE_DRAG_TYPE = 'application/x-projecttwin-node-type';

const nodeTypes = { blueprint: BlueprintNodeView };
/** Below this zoom nodes are drawn without text, and the dotted background and the overview are left out. */
const FAR_ZOOM = 0.4;
const MINIMAP_COLOURS: Record<string, string> = {
  source: '#2f7d5b',
  transform: '#0b6bcb',
  model: '#8250df',
  component: '#bc4c00',
};

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
  // Far out, names cannot be read: draw nodes as plain coloured boxes (same size, so connections stay put).
  const zoomedOut = useFlowStore((s) => s.transform[2] < FAR_ZOOM);
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

  const onNodesChange = useCallback(
    (changes: NodeChange<BlueprintFlowNode>[]) => {
      const moves: { id: string; x: number; y: number }[] = [];
      const measured: { id: string; width: number; height: number }[] = [];
      let selection: Set<string> | null = null;
      for (const change of changes) {
        if (change.type === 'position' && change.position)
          moves.push({ id: change.id, x: Math.round(change.position.x), y: Math.round(change.position.y) });
        else if (change.type === 'dimensions' && change.dimensions)
          measured.push({ id: change.id, ...change.dimensions });
        else if (change.type === 'select') {
          selection ??= new Set(store.getState().selectedNodes);
          if (change.selected) selection.add(change.id);
          else selection.delete(change.id);
        }
      }
      const state = store.getState();
      if (moves.length) state.moveNodes(moves);
      if (measured.length) state.setSizes(measured);
      if (selection) state.select(selection, state.selectedEdges);
    },
    [store],
  );

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
      setRefusal(verdict.ok ? null : { message: verdict.message, ...pointer.current });
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

  const onPointerMove = useCallback((event: PointerEvent) => {
    const box = event.currentTarget.getBoundingClientRect();
    pointer.current = { x: event.clientX - box.left, y: event.clientY - box.top };
  }, []);

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
      className={`pt-canvas${zoomedOut ? ' pt-zoomed-out' : ''}`}
      onDrop={onDrop}
      onDragOver={onDragOver}
      onPointerMove={onPointerMove}
    >
      <ReactFlow<BlueprintFlowNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStart={() => store.getState().beginGesture()}
        onNodeDragStop={() => store.getState().endGesture()}
        onSelectionDragStart={() => store.getState().beginGesture()}
        onSelectionDragStop={() => store.getState().endGesture()}
        onConnect={onConnect}
        onConnectStart={() => {
          verdicts.current.clear();
          setNotice(null);
        }}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        deleteKeyCode={null}
        multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
        selectionKeyCode="Shift"
        onlyRenderVisibleElements={many}
        minZoom={0.05}
        fitView={fitOnOpen}
        fitViewOptions={{ maxZoom: 1 }}
        proOptions={{ hideAttribution: true }}
      >
        {!zoomedOut && <Background gap={20} size={1} color="#d6dde5" />}
        <Controls aria-label="Zoom controls" />
        {/* Far out the whole graph is already in view: the overview would only cost frames. */}
        {!zoomedOut && (
          <MiniMap
            pannable
            zoomable
            ariaLabel="Overview of the whole graph"
            nodeColor={(n) =>
              MINIMAP_COLOURS[(n as BlueprintFlowNode).data.manifest?.category ?? ''] ?? '#8c959f'
            }
          />
        )}
      </ReactFlow>
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
