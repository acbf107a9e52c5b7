import { produce, type Draft } from 'immer';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Blueprint, BlueprintNode, Edge } from '../../runtime/compiler/document-types';
import {
  copyFragment,
  edgeIdOf,
  emptyBlueprint,
  removeFromDocument,
  renameFragment,
  type GraphFragment,
} from './document-ops';

/** How many steps undo remembers. */
export const HISTORY_LIMIT = 200;
/** Edits with the same coalesce key closer together than this are one undo step (e.g. typing in a field). */
export const COALESCE_MS = 1000;

type Recipe = (draft: Draft<Blueprint>) => void;

/** The editor's state: the blueprint document (the single source of truth), its history and the view state. */
export interface GraphState {
  doc: Blueprint;
  past: Blueprint[];
  future: Blueprint[];
  /** The document as it was when a gesture (e.g. a drag) began; the whole gesture is one undo step. */
  gestureBase: Blueprint | null;
  /** The key and time of the last coalescing edit. */
  lastEdit: { key: string; at: number } | null;
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  clipboard: GraphFragment | null;
  /** Each node's drawn size as the canvas measured it (view state, not undoable). */
  sizes: ReadonlyMap<string, { width: number; height: number }>;
  /** How many times the clipboard was pasted, to offset each paste a little more. */
  pasteCount: number;
}

/** Everything the editor can do to the document; each call is one undo step unless it says otherwise. */
export interface GraphActions {
  /** Applies a change to the document as one undo step; with a coalesce key, quick repeats merge into one. */
  edit(recipe: Recipe, coalesceKey?: string): void;
  undo(): void;
  redo(): void;
  /** Starts a gesture: the edits until endGesture are one undo step. */
  beginGesture(): void;
  endGesture(): void;
  /** Moves nodes; inside a gesture this does not add undo steps. */
  moveNodes(moves: readonly { id: string; x: number; y: number }[]): void;
  addNode(node: BlueprintNode): void;
  connect(edge: Edge): void;
  /** Sets a node's config; quick edits of the same field (typing) are one undo step until endTyping. */
  setConfig(nodeId: string, config: Record<string, unknown>, field?: string): void;
  /** Ends the current run of typing, so that the next edit is a new undo step (e.g. when a field loses focus). */
  endTyping(): void;
  setNodeTitle(nodeId: string, title: string): void;
  setHeader(header: Partial<Pick<Blueprint, 'title' | 'name' | 'version' | 'description'>>): void;
  select(nodeIds: Iterable<string>, edgeIds: Iterable<string>): void;
  deleteSelection(): void;
  copySelection(): void;
  paste(): void;
  duplicateSelection(): void;
  /** Records drawn node sizes (not an edit). */
  setSizes(sizes: readonly { id: string; width: number; height: number }[]): void;
  /** Replaces the whole document (import); undoable. */
  replaceDocument(doc: Blueprint): void;
}

export type GraphStore = StoreApi<GraphState & GraphActions>;

/** The selection without ids that are no longer in the document (e.g. after undoing a paste). */
function keepExisting(doc: Blueprint, nodes: ReadonlySet<string>, edges: ReadonlySet<string>) {
  if (nodes.size === 0 && edges.size === 0) return {};
  const nodeIds = new Set(doc.nodes.map((n) => n.id));
  const edgeIds = new Set(doc.edges.map(edgeIdOf));
  return {
    selectedNodes: new Set([...nodes].filter((id) => nodeIds.has(id))),
    selectedEdges: new Set([...edges].filter((id) => edgeIds.has(id))),
  };
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const v of a) if (!b.has(v)) return false;
  return true;
}

/**
 * Creates an editor store holding a blueprint with undo/redo. Every edit is an immer recipe over the document,
 * and history keeps whole immutable snapshots (structurally shared by immer, so a step costs only what changed).
 * @example
 * const store = createGraphStore(doc)
 * store.getState().addNode({ id: 'keep', type: 'core/filter@^1', config: {} })
 * store.getState().undo()
 */
export function createGraphStore(initial?: Blueprint, now: () => number = Date.now): GraphStore {
  return createStore<GraphState & GraphActions>()((set, get) => {
    const record = (next: Blueprint, coalesceKey?: string): void => {
      const state = get();
      if (next === state.doc) return;
      if (state.gestureBase) {
        set({ doc: next });
        return;
      }
      const at = now();
      const merge =
        coalesceKey !== undefined &&
        state.lastEdit?.key === coalesceKey &&
        at - state.lastEdit.at < COALESCE_MS &&
        state.past.length > 0;
      set({
        doc: next,
        past: merge ? state.past : [...state.past, state.doc].slice(-HISTORY_LIMIT),
        future: [],
        lastEdit: coalesceKey === undefined ? null : { key: coalesceKey, at },
      });
    };
    const edit = (recipe: Recipe, coalesceKey?: string): void =>
      record(produce(get().doc, recipe), coalesceKey);
    const pasteFragment = (fragment: GraphFragment, step: number): void => {
      const doc = get().doc;
      const taken = new Set(doc.nodes.map((n) => n.id));
      const placed = renameFragment(fragment, taken, { x: 40 * step, y: 40 * step });
      edit((draft) => {
        draft.nodes.push(...placed.nodes);
        draft.edges.push(...placed.edges);
      });
      set({ selectedNodes: new Set(placed.nodes.map((n) => n.id)), selectedEdges: new Set() });
    };
    return {
      doc: initial ?? emptyBlueprint(),
      past: [],
      future: [],
      gestureBase: null,
      lastEdit: null,
      selectedNodes: new Set(),
      selectedEdges: new Set(),
      clipboard: null,
      sizes: new Map(),
      pasteCount: 0,
      edit,
      undo() {
        const { past, future, doc, selectedNodes, selectedEdges } = get();
        if (past.length === 0) return;
        const previous = past[past.length - 1];
        set({
          doc: previous,
          past: past.slice(0, -1),
          future: [doc, ...future],
          lastEdit: null,
          ...keepExisting(previous, selectedNodes, selectedEdges),
        });
      },
      redo() {
        const { past, future, doc, selectedNodes, selectedEdges } = get();
        if (future.length === 0) return;
        set({
          doc: future[0],
          past: [...past, doc],
          future: future.slice(1),
          lastEdit: null,
          ...keepExisting(future[0], selectedNodes, selectedEdges),
        });
      },
      beginGesture() {
        if (!get().gestureBase) set({ gestureBase: get().doc });
      },
      endGesture() {
        const { gestureBase, doc, past } = get();
        if (!gestureBase) return;
        set({
          gestureBase: null,
          lastEdit: null,
          ...(gestureBase !== doc ? { past: [...past, gestureBase].slice(-HISTORY_LIMIT), future: [] } : {}),
        });
      },
      moveNodes(moves) {
        // Find the moved nodes in the plain document first, so that the draft touches only those (reading every
        // node through the draft would make immer wrap each of thousands of nodes on every frame of a drag).
        const byId = new Map(moves.map((m) => [m.id, m]));
        const changed: { index: number; x: number; y: number }[] = [];
        get().doc.nodes.forEach((node, index) => {
          const move = byId.get(node.id);
          if (move && (node.position?.x !== move.x || node.position?.y !== move.y))
            changed.push({ index, x: move.x, y: move.y });
        });
        if (changed.length === 0) return;
        edit((draft) => {
          for (const { index, x, y } of changed) draft.nodes[index].position = { x, y };
        });
      },
      addNode(node) {
        edit((draft) => {
          draft.nodes.push(node);
        });
        set({ selectedNodes: new Set([node.id]), selectedEdges: new Set() });
      },
      connect(edge) {
        const id = edgeIdOf(edge);
        if (get().doc.edges.some((e) => edgeIdOf(e) === id)) return;
        edit((draft) => {
          draft.edges.push(edge);
        });
      },
      setConfig(nodeId, config, field) {
        edit(
          (draft) => {
            const node = draft.nodes.find((n) => n.id === nodeId);
            if (node) node.config = config;
          },
          `config:${nodeId}:${field ?? ''}`,
        );
      },
      endTyping() {
        if (get().lastEdit) set({ lastEdit: null });
      },
      setNodeTitle(nodeId, title) {
        edit((draft) => {
          const node = draft.nodes.find((n) => n.id === nodeId);
          if (!node) return;
          if (title.trim()) node.title = title;
          else delete node.title;
        }, `title:${nodeId}`);
      },
      setHeader(header) {
        edit(
          (draft) => {
            for (const [key, value] of Object.entries(header) as [
              keyof typeof header,
              string | undefined,
            ][]) {
              if (value === undefined || (key === 'description' && value === '')) delete draft[key];
              else draft[key] = value;
            }
          },
          `header:${Object.keys(header).join(',')}`,
        );
      },
      select(nodeIds, edgeIds) {
        const nodes = new Set(nodeIds);
        const edges = new Set(edgeIds);
        const state = get();
        if (sameSet(nodes, state.selectedNodes) && sameSet(edges, state.selectedEdges)) return;
        set({ selectedNodes: nodes, selectedEdges: edges });
      },
      deleteSelection() {
        const { selectedNodes, selectedEdges } = get();
        if (selectedNodes.size === 0 && selectedEdges.size === 0) return;
        edit((draft) => removeFromDocument(draft as Blueprint, selectedNodes, selectedEdges));
        set({ selectedNodes: new Set(), selectedEdges: new Set() });
      },
      copySelection() {
        const { doc, selectedNodes } = get();
        if (selectedNodes.size === 0) return;
        set({ clipboard: copyFragment(doc, selectedNodes), pasteCount: 0 });
      },
      paste() {
        const { clipboard, pasteCount } = get();
        if (!clipboard || clipboard.nodes.length === 0) return;
        set({ pasteCount: pasteCount + 1 });
        pasteFragment(clipboard, pasteCount + 1);
      },
      duplicateSelection() {
        const { doc, selectedNodes } = get();
        if (selectedNodes.size === 0) return;
        pasteFragment(copyFragment(doc, selectedNodes), 1);
      },
      setSizes(list) {
        const sizes = new Map(get().sizes);
        for (const { id, width, height } of list) sizes.set(id, { width, height });
        set({ sizes });
      },
      replaceDocument(doc) {
        record(doc);
        set({ selectedNodes: new Set(), selectedEdges: new Set() });
      },
    };
  });
}
