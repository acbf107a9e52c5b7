import type { NodeFactory } from '../../runtime/engine/node-api';
import { axisTitle, missingSetting, type ColumnUse } from '../chart-kit/chart-config';
import { createChartNode, type ChartDefinition } from '../chart-kit/chart-node';
import { pieSpec, type Aggregate } from '../chart-kit/chart-specs';
import { finiteNumber } from '../chart-kit/series-points';
import { RowTuples } from '../chart-kit/row-tuples';
import manifest from './manifest.json';

/** The pie chart's config (see its manifest). */
export interface PieChartConfig {
  title?: string;
  category: string;
  value?: string;
  aggregate: Aggregate;
  donut: boolean;
  maxRows: number;
}

/** One slice per category, sized by the combined value of its rows; a donut when `donut` is set. */
export const pieChart: ChartDefinition<PieChartConfig> = {
  manifest,
  setup(config, columns) {
    if (!config.category) return missingSetting('category', 'the slices');
    const value = config.aggregate === 'count' ? undefined : config.value || undefined;
    const uses: ColumnUse[] = [
      { column: config.category, purpose: 'one slice per value', numeric: false },
      ...(value ? [{ column: value, purpose: 'the slice size', numeric: true }] : []),
    ];
    const toTuple = (row: Readonly<Record<string, unknown>>) => {
      const v = value === undefined ? 0 : finiteNumber(row[value]);
      return v === undefined ? null : { category: String(row[config.category] ?? '(none)'), value: v };
    };
    return {
      spec: pieSpec({
        title: config.title,
        category: config.category,
        value: value && axisTitle([value], columns),
        aggregate: config.aggregate,
        donut: config.donut,
      }),
      data: new RowTuples(toTuple, { maxRows: config.maxRows }),
      uses,
    };
  },
};

/**
 * Creates a pie (or donut) chart node.
 * @example const instance = create(ctx); instance.render?.(panel); instance.receive?.('rows', batch);
 */
export const create: NodeFactory = (ctx) => createChartNode(ctx, pieChart);
