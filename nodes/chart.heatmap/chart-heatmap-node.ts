import type { NodeFactory } from '../../runtime/engine/node-api';
import { axisKind, axisTitle, missingSetting, type ColumnUse } from '../chart-kit/chart-config';
import { createChartNode, type ChartDefinition } from '../chart-kit/chart-node';
import { heatmapSpec, type Aggregate } from '../chart-kit/chart-specs';
import { finiteNumber } from '../chart-kit/series-points';
import { RowTuples } from '../chart-kit/row-tuples';
import manifest from './manifest.json';

/** The heatmap's config (see its manifest). */
export interface HeatmapChartConfig {
  title?: string;
  x: string;
  y: string;
  value?: string;
  aggregate: Aggregate;
  binsX: number;
  binsY: number;
  maxRows: number;
}

/** Cells per x and y step (categories stay whole), coloured by the combined value of their rows. */
export const heatmapChart: ChartDefinition<HeatmapChartConfig> = {
  manifest,
  setup(config, columns) {
    if (!config.x) return missingSetting('x', 'the horizontal axis');
    if (!config.y) return missingSetting('y', 'the vertical axis');
    const value = config.aggregate === 'count' ? undefined : config.value || undefined;
    const xKind = axisKind(columns?.find((c) => c.name === config.x));
    const yKind = axisKind(columns?.find((c) => c.name === config.y));
    const uses: ColumnUse[] = [
      { column: config.x, purpose: 'the horizontal axis', numeric: xKind !== 'category' },
      { column: config.y, purpose: 'the vertical axis', numeric: yKind !== 'category' },
      ...(value ? [{ column: value, purpose: 'the cell colour', numeric: true }] : []),
    ];
    const coordinate = (v: unknown, kind: string) =>
      kind === 'category' ? String(v ?? '(none)') : finiteNumber(v);
    const toTuple = (row: Readonly<Record<string, unknown>>) => {
      const x = coordinate(row[config.x], xKind);
      const y = coordinate(row[config.y], yKind);
      const v = value === undefined ? 0 : finiteNumber(row[value]);
      return x === undefined || y === undefined || v === undefined ? null : { x, y, value: v };
    };
    return {
      spec: heatmapSpec({
        title: config.title,
        x: { title: axisTitle([config.x], columns), kind: xKind },
        y: { title: axisTitle([config.y], columns), kind: yKind },
        value: value && axisTitle([value], columns),
        aggregate: config.aggregate,
        binsX: config.binsX,
        binsY: config.binsY,
      }),
      data: new RowTuples(toTuple, { maxRows: config.maxRows }),
      uses,
    };
  },
};

/**
 * Creates a heatmap node.
 * @example const instance = create(ctx); instance.render?.(panel); instance.receive?.('rows', batch);
 */
export const create: NodeFactory = (ctx) => createChartNode(ctx, heatmapChart);
