import type { NodeFactory } from '../../runtime/engine/node-api';
import { axisTitle, missingSetting, type ColumnUse } from '../chart-kit/chart-config';
import { createChartNode, type ChartDefinition } from '../chart-kit/chart-node';
import { barSpec, type Aggregate } from '../chart-kit/chart-specs';
import { finiteNumber } from '../chart-kit/series-points';
import { RowTuples } from '../chart-kit/row-tuples';
import manifest from './manifest.json';

/** The bar chart's config (see its manifest). */
export interface BarChartConfig {
  title?: string;
  category: string;
  value?: string;
  aggregate: Aggregate;
  color?: string;
  sort: 'value-desc' | 'value-asc' | 'category';
  horizontal: boolean;
  maxRows: number;
}

/** One bar per category; Vega aggregates the rows of each bar, incrementally as rows come and go. */
export const barChart: ChartDefinition<BarChartConfig> = {
  manifest,
  setup(config, columns) {
    if (!config.category) return missingSetting('category', 'the bars');
    const value = config.aggregate === 'count' ? undefined : config.value || undefined;
    const color = config.color || undefined;
    const uses: ColumnUse[] = [
      { column: config.category, purpose: 'one bar per value', numeric: false },
      ...(value ? [{ column: value, purpose: 'the bar height', numeric: true }] : []),
      ...(color ? [{ column: color, purpose: 'splits the bars', numeric: false }] : []),
    ];
    const toTuple = (row: Readonly<Record<string, unknown>>) => {
      const v = value === undefined ? 0 : finiteNumber(row[value]);
      if (v === undefined) return null;
      return {
        category: String(row[config.category] ?? '(none)'),
        value: v,
        ...(color ? { group: String(row[color] ?? '(none)') } : {}),
      };
    };
    return {
      spec: barSpec({
        title: config.title,
        category: config.category,
        value: value && axisTitle([value], columns),
        aggregate: config.aggregate,
        group: color,
        sort: config.sort,
        horizontal: config.horizontal,
      }),
      data: new RowTuples(toTuple, { maxRows: config.maxRows }),
      uses,
    };
  },
};

/**
 * Creates a bar chart node.
 * @example const instance = create(ctx); instance.render?.(panel); instance.receive?.('rows', batch);
 */
export const create: NodeFactory = (ctx) => createChartNode(ctx, barChart);
