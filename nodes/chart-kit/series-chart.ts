import type { RuntimeProblem } from '../../runtime/engine/node-api';
import { axisKind, axisTitle, columnList, missingSetting, type ColumnUse } from './chart-config';
import type { ChartDefinition } from './chart-node';
import { seriesSpec } from './chart-specs';
import type { DownsampleMethod } from './downsample';
import { SeriesPoints } from './series-points';

/** The config of the line and area charts (see their manifests). */
export interface SeriesChartConfig {
  title?: string;
  x: string;
  /** One or more plotted columns (a single name is accepted too). */
  y: string[] | string;
  color?: string;
  maxPoints: number;
  downsample: DownsampleMethod;
}

/**
 * The definition of a chart of lines (or overlapping areas) over time or over a number: each y column is one
 * series (per value of the color column), thinned for the plot's width.
 * @example export const lineChart = seriesChartDefinition('line', manifest);
 */
export function seriesChartDefinition(
  mark: 'line' | 'area',
  manifest: { config: unknown },
): ChartDefinition<SeriesChartConfig> {
  return {
    manifest,
    setup(config, columns) {
      const ys = columnList(config.y);
      const problem: RuntimeProblem | undefined = !config.x
        ? missingSetting('x', 'the horizontal axis')
        : ys.length === 0
          ? missingSetting('y', 'the plotted values')
          : undefined;
      if (problem) return problem;
      const color = config.color || undefined;
      const legend = color
        ? ys.length > 1
          ? `${color} · column`
          : color
        : ys.length > 1
          ? 'Column'
          : undefined;
      const uses: ColumnUse[] = [
        { column: config.x, purpose: 'the horizontal axis', numeric: true },
        ...ys.map((y) => ({ column: y, purpose: 'a plotted column', numeric: true })),
        ...(color ? [{ column: color, purpose: `one ${mark} per value`, numeric: false }] : []),
      ];
      return {
        spec: seriesSpec({
          mark,
          title: config.title,
          x: {
            title: axisTitle([config.x], columns),
            kind: axisKind(columns?.find((c) => c.name === config.x)) === 'time' ? 'time' : 'number',
          },
          yTitle: axisTitle(ys, columns),
          legend,
        }),
        data: new SeriesPoints(
          { x: config.x, ys, color },
          { maxRows: config.maxPoints, method: config.downsample },
        ),
        uses,
      };
    },
  };
}
