import type { NodeFactory } from '../../runtime/engine/node-api';
import { summarise } from '../panel-kit/aggregate';
import { KeyedRows } from '../panel-kit/keyed-rows';
import { PanelProblems } from '../panel-kit/panel-problems';
import { PanelSlot } from '../panel-kit/react-panel';
import { checkSummaryConfig, readSummaryConfig, reportSkipped } from '../panel-kit/summary-config';
import { KpiView } from './kpi-view';

/**
 * core/kpi: summarises one column of the rows arriving on `rows` (last, mean, sum, min, max or count) and shows
 * it as one big number with a trend arrow and a warning/alarm colour.
 *
 * @example
 * ```ts
 * const kpi = create(ctx); // ctx.config: { value: 'rul_hours', aggregate: 'mean', warnAt: 100, alarmAt: 24 }
 * kpi.render?.(panel);
 * kpi.receive?.('rows', batch);
 * ```
 */
export const create: NodeFactory = (ctx) => {
  const config = readSummaryConfig(ctx.config, ctx);
  const rows = new KeyedRows();
  const problems = new PanelProblems(ctx);
  const slot = new PanelSlot();
  checkSummaryConfig(ctx, problems, config);
  let cache = { version: -1, summary: summarise([], config) };
  const current = () => {
    if (cache.version !== rows.version) {
      cache = {
        version: rows.version,
        summary: summarise(config.time ? rows.values() : rows.byRecency(), config),
      };
      reportSkipped(problems, config.value, cache.summary.skipped);
    }
    return cache.summary;
  };

  return {
    receive(port, batch) {
      if (port !== 'rows') return;
      rows.apply(batch);
      slot.invalidate();
    },
    render(panel) {
      return slot.show(panel, (size) => (
        <KpiView
          config={config}
          summary={current()}
          received={rows.received}
          problem={problems.error}
          size={size}
        />
      ));
    },
    preview() {
      const value = current().value;
      return { rowCount: rows.size, sample: [{ [config.value]: value }] };
    },
    dispose() {
      slot.dispose();
    },
  };
};
