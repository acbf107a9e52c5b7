import type { TopLevelSpec } from 'vega-lite';
import type { ColumnInfo } from '../../runtime/compiler/plan';
import type {
  ChangeBatch,
  NodeContext,
  NodeInstance,
  PanelHost,
  RuntimeProblem,
} from '../../runtime/engine/node-api';
import { checkRows, withDefaults, type ColumnUse } from './chart-config';
import type { ChartData } from './series-points';

/** What a chart type is made of, given its config (defaults filled in) and the columns arriving. */
export interface ChartSetup {
  spec: TopLevelSpec;
  data: ChartData;
  /** The columns read from each row, checked as rows arrive. */
  uses: ColumnUse[];
}

/** A chart type: its manifest (for config defaults) and how to set it up, or why it cannot be (PTR402). */
export interface ChartDefinition<C> {
  manifest: { config: unknown };
  setup(config: C, columns: readonly ColumnInfo[] | undefined): ChartSetup | RuntimeProblem;
}

/**
 * A component node drawing a Vega-Lite chart of the rows on its `rows` port. Rows are kept by key; the panel
 * updates at most once per animation frame through Vega changesets (never re-embedding), shows "Waiting for
 * data" until rows arrive, and reports plain problems for missing columns (PTR400), values that are not numbers
 * (PTR401), unset settings (PTR402) and drawing failures (PTR403). Vega loads only when the panel first renders.
 *
 * @example
 * ```ts
 * export const create: NodeFactory<LineConfig> = (ctx) => createChartNode(ctx, lineChart);
 * ```
 */
export function createChartNode<C>(ctx: NodeContext, definition: ChartDefinition<C>): NodeInstance {
  const config = withDefaults<C>(definition.manifest, ctx.config);
  const setup = definition.setup(config, ctx.inputs.rows?.columns);
  const reported = new Set<string>();
  let blocking: RuntimeProblem | undefined;
  let view:
    { refresh(): void; showProblem(p: RuntimeProblem | undefined): void; dispose(): void } | undefined;
  let mounting = 0;

  const report = (problem: RuntimeProblem) => {
    const id = `${problem.code}:${String(problem.details?.column ?? problem.details?.setting ?? '')}`;
    if (reported.has(id)) return;
    reported.add(id);
    ctx.report(problem);
    if (problem.severity === 'error' && !blocking) {
      blocking = problem;
      view?.showProblem(problem);
    }
  };
  if ('code' in setup) report(setup);

  return {
    receive(port: string, batch: ChangeBatch) {
      if (port !== 'rows' || 'code' in setup) return;
      for (const problem of checkRows([...batch.inserts, ...batch.updates], setup.uses)) report(problem);
      setup.data.apply(batch);
      view?.refresh();
    },

    render(panel: PanelHost) {
      const ticket = ++mounting;
      view?.dispose();
      view = undefined;
      if ('code' in setup) {
        panel.element.textContent = setup.message;
        return () => undefined;
      }
      let disposed = false;
      // Vega is loaded on first render, so a page without charts never downloads it.
      void import('./chart-view').then(({ ChartView }) => {
        if (disposed || ticket !== mounting || panel.signal.aborted) return;
        setup.data.forget();
        const chart = new ChartView(panel, setup.spec, setup.data, report);
        chart.showProblem(blocking);
        view = chart;
      });
      return () => {
        disposed = true;
        if (ticket === mounting) {
          view?.dispose();
          view = undefined;
        }
      };
    },

    preview() {
      if ('code' in setup) return { rowCount: 0, sample: [] };
      return { rowCount: setup.data.rowCount, sample: setup.data.sample(5) };
    },

    dispose() {
      mounting++;
      view?.dispose();
      view = undefined;
    },
  };
}
