import type { NodeContext } from '../../runtime/engine/node-api';
import { AGGREGATES, levelsOutOfOrder, type AggregateFn, type Levels } from './aggregate';
import { boolOr, numberOr, oneOf, textOr } from './config-values';
import { columnsOf, PANEL_CODES, type PanelProblems, reportMissingColumns } from './panel-problems';

/** What core/kpi and core/gauge share: one column summarised, shown with a unit and judged against levels. */
export interface SummaryConfig extends Levels {
  label: string | undefined;
  value: string;
  aggregate: AggregateFn;
  time: string | undefined;
  unit: string | undefined;
  decimals: number;
  higherIsBetter: boolean;
}

/**
 * Reads the summary part of a core/kpi or core/gauge config with the manifests' defaults; the unit falls back
 * to the unit of the arriving column.
 * @example readSummaryConfig({ value: 'rul' }, ctx).aggregate // 'last'
 */
export function readSummaryConfig(
  config: Record<string, unknown>,
  ctx: Pick<NodeContext, 'inputs'>,
): SummaryConfig {
  const value = textOr(config.value, '');
  return {
    label: textOr(config.label, undefined),
    value,
    aggregate: oneOf(config.aggregate, AGGREGATES, 'last'),
    time: textOr(config.time, undefined),
    unit: textOr(config.unit, undefined) ?? columnsOf(ctx).get(value)?.unit,
    decimals: Math.max(0, Math.min(10, Math.trunc(numberOr(config.decimals, 1)))),
    warnAt: numberOr(config.warnAt, undefined),
    alarmAt: numberOr(config.alarmAt, undefined),
    higherIsBetter: boolOr(config.higherIsBetter, true),
  };
}

/**
 * Reports the config problems a summary panel can know before any row arrives: columns that do not arrive
 * (PTR450) and warning and alarm levels in an order that hides the warning (PTR458).
 * @example checkSummaryConfig(ctx, problems, readSummaryConfig(ctx.config, ctx))
 */
export function checkSummaryConfig(
  ctx: Pick<NodeContext, 'inputs'>,
  problems: PanelProblems,
  config: SummaryConfig,
): void {
  if (config.value === '') {
    problems.report({
      code: PANEL_CODES.missingColumn,
      severity: 'error',
      message: 'Choose the column this panel summarises (the "Column" setting is empty).',
    });
  }
  reportMissingColumns(ctx, problems, [config.value, ...(config.time ? [config.time] : [])].filter(Boolean));
  if (levelsOutOfOrder(config)) {
    problems.report({
      code: PANEL_CODES.levelsOutOfOrder,
      severity: 'warning',
      message: config.higherIsBetter
        ? `The warning level (${config.warnAt}) is below the alarm level (${config.alarmAt}), but higher values are better, so the warning colour never shows. Raise the warning level above the alarm level, or turn off "Higher is better".`
        : `The warning level (${config.warnAt}) is above the alarm level (${config.alarmAt}), but lower values are better, so the warning colour never shows. Lower the warning level below the alarm level, or turn on "Higher is better".`,
      details: { warnAt: config.warnAt, alarmAt: config.alarmAt },
    });
  }
}

/**
 * Reports PTR451 (once) when rows carried values in the summarised column that are not numbers.
 * @example reportSkipped(problems, 'rul', summary.skipped)
 */
export function reportSkipped(problems: PanelProblems, column: string, skipped: number): void {
  if (skipped === 0) return;
  problems.report(
    {
      code: PANEL_CODES.notANumber,
      severity: 'warning',
      message: `Some rows have a value in "${column}" that is not a number; they are left out of the summary. Check what feeds this column.`,
      details: { column },
    },
    `${PANEL_CODES.notANumber}:${column}`,
  );
}
