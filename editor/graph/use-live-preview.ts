import { useEffect, useMemo, useState } from 'react';
import type { Blueprint } from '../../runtime/compiler/document-types';
import type { NodeTypeRegistry } from '../../runtime/compiler/registry';
import type { RuntimeProblem } from '../../runtime/engine/node-api';
import type { DemoRows, DemoTable } from '../deploy/deploy-api';
import type { NodePreview } from './flow-model';
import { runPreview, type RunningPreview } from './live-preview';
import type { SampleFeed } from './sample-source-node';
import type { SampleTables } from './SamplePicker';

/** Where the editor reads sample data: the platform's demo tables. */
export interface SampleDataSource {
  listTables(): Promise<DemoTable[]>;
  rows(table: string, limit: number): Promise<DemoRows>;
}

/** Most rows of sample data the preview reads per table input. */
export const PREVIEW_ROW_LIMIT = 100;
/** Seconds between two reads of the sample data. */
export const PREVIEW_POLL_S = 5;
/** Larger blueprints are not previewed: running them on every edit would slow the editor down. */
export const PREVIEW_MAX_NODES = 300;
/** How long the document must stay unchanged (and compile) before the preview restarts on it. */
const RESTART_DELAY_MS = 400;

/** What the live preview is doing, for the status line, and what it shows on the nodes. */
export interface LivePreviewState {
  status: 'idle' | 'empty' | 'paused' | 'starting' | 'running' | 'failed' | 'too-big';
  message?: string;
  previews: ReadonlyMap<string, NodePreview>;
  problems: Readonly<Record<string, readonly RuntimeProblem[]>>;
}

const NONE: ReadonlyMap<string, NodePreview> = new Map();

/**
 * The demo tables the preview can use as sample data, loaded once.
 * @example const tables = useSampleTables(source)
 */
export function useSampleTables(source: SampleDataSource | undefined): SampleTables {
  const [tables, setTables] = useState<SampleTables>(
    source ? { status: 'loading' } : { status: 'unavailable' },
  );
  useEffect(() => {
    if (!source) return;
    let cancelled = false;
    source.listTables().then(
      (list) => !cancelled && setTables({ status: 'ready', tables: list }),
      (e: unknown) =>
        !cancelled && setTables({ status: 'failed', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      cancelled = true;
    };
  }, [source]);
  return tables;
}

/** The document without node positions: moving a node does not change what the preview computes. */
function runKey(doc: Blueprint): string {
  return JSON.stringify({ ...doc, nodes: doc.nodes.map(({ position: _p, ...rest }) => rest) });
}

/**
 * Runs the document with the real runtime while it is edited: whenever `target` (the document once it compiles
 * without errors, or null when it has errors) settles, the old engine is disposed and a new one started on it,
 * its table sources reading the picked sample tables. Reports each node's row count and sample. `target` is
 * undefined before the first check.
 * @example const preview = useLivePreview(compiles ? doc : null, registry, source, tables, picked)
 */
export function useLivePreview(
  target: Blueprint | null | undefined,
  registry: NodeTypeRegistry,
  source: SampleDataSource | undefined,
  tables: SampleTables,
  picked: Readonly<Record<string, string>>,
): LivePreviewState {
  const [state, setState] = useState<LivePreviewState>({ status: 'idle', previews: NONE, problems: {} });
  const feed = useMemo<SampleFeed>(
    () => ({
      tableFor: (input) =>
        tables.status === 'ready' ? tables.tables.find((t) => t.name === picked[input]) : undefined,
      rows: (table, limit) =>
        source ? source.rows(table, limit) : Promise.reject(new Error('no sample data here')),
      limit: PREVIEW_ROW_LIMIT,
      intervalMs: PREVIEW_POLL_S * 1000,
    }),
    [source, tables, picked],
  );
  const key = useMemo(() => (target ? runKey(target) : null), [target]);
  useEffect(() => {
    if (!target || key === null) {
      setState({ status: target === undefined ? 'idle' : 'paused', previews: NONE, problems: {} });
      return;
    }
    if (target.nodes.length === 0) {
      setState({ status: 'empty', previews: NONE, problems: {} });
      return;
    }
    if (target.nodes.length > PREVIEW_MAX_NODES) {
      setState({ status: 'too-big', previews: NONE, problems: {} });
      return;
    }
    let cancelled = false;
    let running: RunningPreview | null = null;
    setState((old) => ({ ...old, status: 'starting' }));
    const timer = setTimeout(async () => {
      try {
        const started = await runPreview(target, registry, feed, (report) => {
          if (!cancelled) setState({ status: 'running', ...report });
        });
        if (cancelled) await started?.dispose();
        else running = started;
        if (!started && !cancelled) setState({ status: 'paused', previews: NONE, problems: {} });
      } catch (error) {
        if (!cancelled)
          setState({
            status: 'failed',
            message: error instanceof Error ? error.message : String(error),
            previews: NONE,
            problems: {},
          });
      }
    }, RESTART_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      void running?.dispose();
    };
    // The key stands for the target: a new document object with the same content does not restart the preview.
  }, [key, registry, feed]);
  return state;
}
