import type { NodeFactory } from '../../runtime/engine/node-api';
import { axisKind, axisTitle, missingSetting, type ColumnUse } from '../chart-kit/chart-config';
import { createChartNode, type ChartDefinition } from '../chart-kit/chart-node';
import { scatterSpec } from '../chart-kit/chart-specs';
import { finiteNumber } from '../chart-kit/series-points';
import { RowTuples } from '../chart-kit/row-tuples';
import manifest from './manifest.json';

/** The scatter plot's config (see its manifest). */
export interface ScatterChartConfig {
  title?: string;
  x: string;
  y: string;
  color?: string;
  size?: string;
  maxPoints: number;
}

/** One dot per row; rows beyond `maxPoints` are dropped, oldest first. */
export const scatterChart: ChartDefinition<ScatterChartConfig> = {
  manifest,
  setup(config, columns) {
    if (!config.x) return missingSetting('x', 'the horizontal axis');
    if (!config.y) return missingSetting('y', 'the vertical axis');
    const color = config.color || undefined;
    const size = config.size || undefined;
    const find = (name: string) => columns?.find((c) => c.name === name);
    const numericAxis = (name: string) => (axisKind(find(name)) === 'time' ? 'time' : 'number');
    const colorKind = color ? (find(color) ? axisKind(find(color)) : 'category') : undefined;
    const uses: ColumnUse[] = [
      { column: config.x, purpose: 'the horizontal axis', numeric: true },
      { column: config.y, purpose: 'the vertical axis', numeric: true },
      ...(color ? [{ column: color, purpose: 'the colour', numeric: false }] : []),
      ...(size ? [{ column: size, purpose: 'the dot size', numeric: true }] : []),
    ];
    const toTuple = (row: Readonly<Record<string, unknown>>) => {
      const x = finiteNumber(row[config.x]);
      const y = finiteNumber(row[config.y]);
      if (x === undefined || y === undefined) return null;
      const group = color === undefined ? undefined : row[color];
      return {
        x,
        y,
        ...(color ? { group: colorKind === 'category' ? String(group ?? '(none)') : group } : {}),
        ...(size ? { size: finiteNumber(row[size]) ?? null } : {}),
      };
    };
    return {
      spec: scatterSpec({
        title: config.title,
        x: { title: axisTitle([config.x], columns), kind: numericAxis(config.x) },
        y: { title: axisTitle([config.y], columns), kind: numericAxis(config.y) },
        color: color && colorKind ? { title: axisTitle([color], columns), kind: colorKind } : undefined,
        size: size && axisTitle([size], columns),
      }),
      data: new RowTuples(toTuple, { maxRows: config.maxPoints }),
      uses,
    };
  },
};

/**
 * Creates a scatter plot node.
 * @example const instance = create(ctx); instance.render?.(panel); instance.receive?.('rows', batch);
 */
export const create: NodeFactory = (ctx) => createChartNode(ctx, scatterChart);
