import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { NodeTypeRegistry } from '../../runtime/compiler/registry';
import type { NodeCatalogue } from './catalogue';
import type { GraphActions, GraphState, GraphStore } from './graph-store';

/** What every part of the graph editor shares: the store and the node types. */
export interface GraphEditorContextValue {
  store: GraphStore;
  catalogue: NodeCatalogue;
  registry: NodeTypeRegistry;
}

/** The graph editor's shared context; provided by GraphEditorPage. */
export const GraphEditorContext = createContext<GraphEditorContextValue | null>(null);

/**
 * The graph editor's shared context; throws when used outside GraphEditorPage.
 * @example const { store, catalogue } = useGraphEditor()
 */
export function useGraphEditor(): GraphEditorContextValue {
  const value = useContext(GraphEditorContext);
  if (!value) throw new Error('useGraphEditor must be used inside GraphEditorPage');
  return value;
}

/**
 * Reads a slice of the editor state; the component re-renders only when that slice changes.
 * @example const doc = useGraph((s) => s.doc)
 */
export function useGraph<T>(selector: (state: GraphState & GraphActions) => T): T {
  return useStore(useGraphEditor().store, selector);
}
