import { compileBlueprint } from '../../runtime/compiler/compile';
import type { Blueprint, ColumnType } from '../../runtime/compiler/document-types';
import type { PlanNode } from '../../runtime/compiler/plan';
import type { NodeTypeRegistry } from '../../runtime/compiler/registry';
import { createEngine } from '../../runtime/engine/engine';
import type { NodeModule, RuntimeProblem } from '../../runtime/engine/node-api';
import { builtinImplementations } from '../../nodes/implementations';
import type { NodePreview } from './flow-model';
import { timesAsIsoText } from './preview-format';
import { sampleSourceModule, type SampleFeed } from './sample-source-node';

/** What a running preview reports each time its nodes' output changes. */
export interface PreviewReport {
  previews: ReadonlyMap<string, NodePreview>;
  /** The runtime's problems by node id (e.g. a source without sample data). */
  problems: Readonly<Record<string, readonly RuntimeProblem[]>>;
}

/** A running preview of one document. */
export interface RunningPreview {
  dispose(): Promise<void>;
}

/** The types of the columns a node's preview may show: those of its table outputs, else of its table inputs. */
function columnTypesOf(node: PlanNode): Record<string, ColumnType> {
  const types: Record<string, ColumnType> = {};
  for (const port of [...Object.values(node.inputs), ...Object.values(node.outputs)])
    for (const column of port.columns ?? []) types[column.name] = column.type;
  return types;
}

/** How often a running preview reports, at most. */
const REPORT_EVERY_MS = 200;

/**
 * Runs a blueprint with the real runtime for the editor's preview: compiles it, starts an engine with the
 * built-in implementations (table sources read the picked sample data instead of a twin's tables), and calls
 * `onReport` with each node's row count and sample (from the node's own preview(); times as ISO text) whenever
 * something changed.
 * Answers null when the document does not compile. Dispose it before running the next version.
 * @example const running = await runPreview(doc, registry, feed, (r) => setPreviews(r.previews)); await running?.dispose()
 */
export async function runPreview(
  doc: Blueprint,
  registry: NodeTypeRegistry,
  feed: SampleFeed,
  onReport: (report: PreviewReport) => void,
): Promise<RunningPreview | null> {
  const compiled = await compileBlueprint(doc, { registry });
  if (!compiled.ok) return null;
  const { plan } = compiled;
  const sampleSource = sampleSourceModule(feed);
  const types = new Map(plan.nodes.map((node) => [node.id, columnTypesOf(node)]));
  const implementations: Record<string, () => Promise<NodeModule>> = {
    ...builtinImplementations,
    'core/source.table': () => Promise.resolve(sampleSource),
  };
  const engine = createEngine(plan, {
    implementations,
    services: { fetch: (input, init) => fetch(input, init) },
  });
  let disposed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const report = () => {
    timer = undefined;
    if (disposed) return;
    const previews = new Map<string, NodePreview>();
    for (const node of plan.nodes) {
      const shown = engine.instance(node.id)?.preview?.();
      if (shown)
        previews.set(node.id, {
          rowCount: shown.rowCount,
          // Times as ISO text, so that the node card shows them as dates (see preview-format.ts).
          sample: timesAsIsoText(shown.sample.slice(0, 3), types.get(node.id) ?? {}),
        });
    }
    onReport({ previews, problems: engine.problems() });
  };
  const unsubscribe = engine.subscribe(() => {
    timer ??= setTimeout(report, REPORT_EVERY_MS);
  });
  const running: RunningPreview = {
    async dispose() {
      disposed = true;
      clearTimeout(timer);
      unsubscribe();
      await engine.dispose();
    },
  };
  try {
    await engine.start();
  } catch (error) {
    await running.dispose();
    throw error;
  }
  report();
  return running;
}
