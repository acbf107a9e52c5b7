import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { builtinRegistry } from '../../runtime/compiler/builtin-registry';
import type { Blueprint } from '../../runtime/compiler/document-types';
import type { InMemoryNodeTypeRegistry } from '../../runtime/compiler/registry';
import type { Problem } from '../../schemas/problems';
import { autoLayout } from './auto-layout';
import { catalogueOf } from './catalogue';
import { createGraphCompiler, type GraphCompiler } from './compile-client';
import { GraphEditorContext, useGraphEditor, type GraphEditorContextValue } from './editor-context';
import { EditorToolbar } from './EditorToolbar';
import { groupProblems, type NodePreview } from './flow-model';
import { GraphCanvas } from './GraphCanvas';
import { createGraphStore, type GraphStore } from './graph-store';
import { NodePalette } from './NodePalette';
import { PreviewStatus } from './PreviewStatus';
import { ProblemsPanel } from './ProblemsPanel';
import { SidePanel } from './SidePanel';
import { ShortcutsDialog } from './ShortcutsDialog';
import { useGraphCompile } from './use-graph-compile';
import { samplesToSave, type PreviewSettings } from './sample-choice';
import { useSampleChoice } from './use-sample-choice';
import {
  PREVIEW_POLL_S,
  PREVIEW_ROW_LIMIT,
  useLivePreview,
  useSampleTables,
  type SampleDataSource,
} from './use-live-preview';
import { useShortcuts } from './use-shortcuts';
import './graph-editor.css';

/** What the host page gives the graph editor. */
export interface GraphEditorPageProps {
  /** The blueprint to edit; an empty one when absent. */
  initial?: Blueprint;
  /** Where node types come from; the built-in node types when absent. */
  registry?: InMemoryNodeTypeRegistry;
  /** Previews by node id (row count and a sample) drawn on the nodes instead of the live preview's. */
  previews?: ReadonlyMap<string, NodePreview>;
  /** Where the live preview reads sample data for table inputs (the platform's demo tables); none when absent. */
  sampleData?: SampleDataSource;
  /** The preview settings saved with the draft (which demo table feeds which input); none when absent. */
  initialPreview?: PreviewSettings;
  /**
   * Called with the document and the preview settings on "Save draft"; the button shows only when given. A thrown
   * error is shown.
   */
  onSaveDraft?(doc: Blueprint, preview: PreviewSettings): void | Promise<void>;
  /** Called with the document on "Publish"; the button shows only when given, enabled when there are no errors. */
  onPublish?(doc: Blueprint): void | Promise<void>;
  /** Called whenever the document changes. */
  onChange?(doc: Blueprint): void;
  /** Extra toolbar controls (e.g. Fork). */
  actions?: ReactNode;
  /** Receives the store, e.g. for tests and benchmarks. */
  onStore?(store: GraphStore): void;
}

function EditorLayout({
  previews,
  sampleData,
  initialPreview,
  onSaveDraft,
  onPublish,
  onChange,
  actions,
}: GraphEditorPageProps) {
  const { store, registry } = useGraphEditor();
  // Made and disposed in one effect, so that React's development double-run of effects gets a live worker.
  const [compiler, setCompiler] = useState<GraphCompiler | null>(null);
  useEffect(() => {
    const made = createGraphCompiler(registry);
    setCompiler(made);
    return () => made.dispose();
  }, [registry]);
  const doc = useStore(store, (s) => s.doc);
  const gesture = useStore(store, (s) => s.gestureBase !== null);
  const compile = useGraphCompile(doc, compiler, gesture);
  const flow = useReactFlow();
  const [help, setHelp] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const previous = useRef<ReadonlyMap<string, readonly Problem[]>>(new Map());
  const { byNode, edges } = useMemo(() => {
    const grouped = groupProblems(compile.problems, previous.current);
    previous.current = grouped.byNode;
    return grouped;
  }, [compile.problems]);

  useEffect(() => onChange?.(doc), [doc, onChange]);

  const handlers = useMemo(
    () => ({
      layout: async () => {
        setBusy('Tidying up…');
        try {
          const state = store.getState();
          const moves = await autoLayout(state.doc, state.sizes);
          state.moveNodes(moves);
          requestAnimationFrame(() => void flow.fitView({ duration: 300 }));
        } finally {
          setBusy(null);
        }
      },
      showHelp: () => setHelp(true),
    }),
    [store, flow],
  );
  useShortcuts(store, handlers);
  const onLayout = useCallback(() => void handlers.layout(), [handlers]);
  const errors = compile.problems.some((p) => p.severity === 'error');

  // The live preview runs the document once it compiles without errors; while it is being checked, the last
  // run goes on.
  const [target, setTarget] = useState<Blueprint | null | undefined>(undefined);
  useEffect(() => {
    if (compile.status === 'done')
      setTarget(compile.problems.some((p) => p.severity === 'error') ? null : doc);
    else if (compile.status === 'failed') setTarget(null);
    // Only a finished check moves the target; the doc it checked is the current one.
  }, [compile]);
  const tables = useSampleTables(sampleData);
  const { picked, pick, missing, notice } = useSampleChoice(initialPreview?.samples, tables);
  const preview = useLivePreview(target, registry, sampleData, tables, picked);
  const sample = useMemo(
    () => ({
      tables,
      picked,
      pick,
      missing,
      problems: compile.problems,
      limit: PREVIEW_ROW_LIMIT,
      intervalS: PREVIEW_POLL_S,
    }),
    [tables, picked, pick, missing, compile.problems],
  );
  const saveDraft = useMemo(
    () => onSaveDraft && ((saved: Blueprint) => onSaveDraft(saved, samplesToSave(picked, saved))),
    [onSaveDraft, picked],
  );
  const shown = useMemo(
    () => (previews && previews.size > 0 ? new Map([...preview.previews, ...previews]) : preview.previews),
    [previews, preview.previews],
  );

  return (
    <div className="pt-graph-editor">
      <EditorToolbar
        onLayout={onLayout}
        onHelp={handlers.showHelp}
        busy={busy}
        onSaveDraft={saveDraft}
        onPublish={onPublish}
        canPublish={compile.status === 'done' && !errors && doc.nodes.length > 0}
        actions={actions}
      />
      <div className="pt-graph-body">
        <NodePalette />
        <div className="pt-graph-centre">
          <GraphCanvas problemsByNode={byNode} problemEdges={edges} previews={shown} />
          <PreviewStatus preview={preview} notice={notice} />
          <ProblemsPanel compile={compile} empty={doc.nodes.length === 0} />
        </div>
        <SidePanel problemsByNode={byNode} sample={sample} />
      </div>
      <ShortcutsDialog open={help} onClose={() => setHelp(false)} />
    </div>
  );
}

/**
 * The graph editor: palette, canvas, settings panel, problems and toolbar, editing one blueprint document.
 * The host wires saving and publishing through onSaveDraft and onPublish.
 * @example <GraphEditorPage initial={draft} onSaveDraft={(doc) => api.saveDraft(doc)} onPublish={(doc) => api.publish(doc)} />
 */
export function GraphEditorPage(props: GraphEditorPageProps) {
  const [registry, setRegistry] = useState<InMemoryNodeTypeRegistry | null>(props.registry ?? null);
  const [failure, setFailure] = useState<string | null>(null);
  // One store for the page's lifetime, holding the document it opened with.
  const [store] = useState(() => createGraphStore(props.initial));
  const { onStore } = props;
  useEffect(() => onStore?.(store), [store, onStore]);
  useEffect(() => {
    if (props.registry) {
      setRegistry(props.registry);
      return;
    }
    let cancelled = false;
    builtinRegistry().then(
      (r) => !cancelled && setRegistry(r),
      (e: unknown) => !cancelled && setFailure(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [props.registry]);
  const context = useMemo<GraphEditorContextValue | null>(
    () => (registry ? { store, registry, catalogue: catalogueOf(registry) } : null),
    [store, registry],
  );
  if (failure)
    return (
      <p className="pt-hint" role="alert">
        The node types could not be loaded: {failure}. Reload the page to try again.
      </p>
    );
  if (!context)
    return (
      <p className="pt-hint" role="status">
        Loading the node types…
      </p>
    );
  return (
    <GraphEditorContext.Provider value={context}>
      <ReactFlowProvider>
        <EditorLayout {...props} />
      </ReactFlowProvider>
    </GraphEditorContext.Provider>
  );
}
