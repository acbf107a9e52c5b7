import type { NodeFactory } from '../../runtime/engine/node-api';
import { summarise } from '../panel-kit/aggregate';
import { numberOr, oneOf } from '../panel-kit/config-values';
import { KeyedRows } from '../panel-kit/keyed-rows';
import { PANEL_CODES, PanelProblems } from '../panel-kit/panel-problems';
import { PanelSlot } from '../panel-kit/react-panel';
import { checkSummaryConfig, readSummaryConfig, reportSkipped } from '../panel-kit/summary-config';
import { GaugeView, type GaugeConfig } from './gauge-view';

/**
 * core/gauge: summarises one column like core/kpi and shows it on a dial or bar between `min` and `max`, over
 * warning and alarm bands.
 *
 * @example
 * ```ts
 * const gauge = create(ctx); // ctx.config: { value: 'bearing_temp', min: 0, max: 120, warnAt: 80, alarmAt: 95, higherIsBetter: false }
 * gauge.render?.(panel);
 * gauge.receive?.('rows', batch);
 * ```
 */
export const create: NodeFactory = (ctx) => {
  const config: GaugeConfig = {
    ...readSummaryConfig(ctx.config, ctx),
    min: numberOr(ctx.config.min, 0),
    max: numberOr(ctx.config.max, 100),
    style: oneOf(ctx.config.style, ['dial', 'bar'] as const, 'dial'),
  };
  const rows = new KeyedRows();
  const problems = new PanelProblems(ctx);
  const slot = new PanelSlot();
  checkSummaryConfig(ctx, problems, config);
  if (!(config.max > config.min)) {
    problems.report({
      code: PANEL_CODES.emptyRange,
      severity: 'error',
      message: `The gauge's highest value (${config.max}) must be above its lowest value (${config.min}). Change "Lowest value" or "Highest value".`,
      details: { min: config.min, max: config.max },
    });
  }
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
      return slot.show(panel, () => (
        <GaugeView config={config} summary={current()} received={rows.received} problem={problems.error} />
      ));
    },
    preview() {
      return { rowCount: rows.size, sample: [{ [config.value]: current().value }] };
    },
    dispose() {
      slot.dispose();
    },
  };
};
