import type { TopLevelSpec } from 'vega-lite';
import { timeAxis } from './time-axis';

/**
 * Vega-Lite specs of the built-in charts. Every spec reads one named data set, `table`, that the chart fills and
 * changes through Vega changesets; the tuples' fields are fixed names (`x`, `y`, `series`, `category`, `value`,
 * `group`, `size`), and the user's column names and units appear only in titles.
 */
export const DATA_NAME = 'table';

export type Aggregate = 'sum' | 'mean' | 'median' | 'min' | 'max' | 'count';

/** How a column sits on an axis: the title to show and whether it is time, a number or a category. */
export interface AxisField {
  title: string;
  kind: 'time' | 'number' | 'category';
}

interface Common {
  title?: string;
}

const AGGREGATE_WORDS: Record<Aggregate, string> = {
  sum: 'total',
  mean: 'mean',
  median: 'median',
  min: 'lowest',
  max: 'highest',
  count: 'number of rows',
};

/** Base of every spec: the data set by name, a size that fits the panel and a plain look. */
function base(common: Common): Omit<TopLevelSpec, 'mark' | 'encoding'> & Record<string, unknown> {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...(common.title ? { title: common.title } : {}),
    data: { name: DATA_NAME },
    autosize: { type: 'fit', contains: 'padding', resize: true },
    config: {
      view: { stroke: null },
      axis: {
        labelFontSize: 11,
        titleFontSize: 12,
        titleFontWeight: 'normal',
        labelOverlap: true,
        labelSeparation: 6,
      },
      legend: { labelFontSize: 11, titleFontSize: 12, orient: 'bottom', labelLimit: 160 },
    },
  };
}

function positional(field: 'x' | 'y', axis: AxisField, zero: boolean): Record<string, unknown> {
  if (axis.kind === 'category') return { field, type: 'nominal', title: axis.title };
  return {
    field,
    type: axis.kind === 'time' ? 'temporal' : 'quantitative',
    title: axis.title,
    ...(axis.kind === 'number' ? { scale: { zero } } : { axis: timeAxis(field) }),
  };
}

function aggregateTitle(aggregate: Aggregate, valueTitle: string | undefined): string {
  if (aggregate === 'count' || !valueTitle) return 'Number of rows';
  return `${AGGREGATE_WORDS[aggregate]} of ${valueTitle}`;
}

function aggregated(aggregate: Aggregate, hasValue: boolean): Record<string, unknown> {
  return aggregate === 'count' || !hasValue
    ? { aggregate: 'count', type: 'quantitative' }
    : { field: 'value', aggregate, type: 'quantitative' };
}

/**
 * The spec drawn at a size in pixels (the whole chart, axes and legend included, fits in it).
 * @example sized(seriesSpec(options), 600, 300)
 */
export function sized(spec: TopLevelSpec, width: number, height: number): TopLevelSpec {
  return {
    ...spec,
    width: Math.max(1, Math.floor(width)),
    height: Math.max(1, Math.floor(height)),
  } as TopLevelSpec;
}

/**
 * A line or area chart of the folded series (`x`, `y`, `series`); areas overlap rather than stack.
 * @example seriesSpec({ mark: 'line', x: { title: 'ts', kind: 'time' }, yTitle: 'temp (°C)', legend: 'pump' })
 */
export function seriesSpec(
  options: Common & { mark: 'line' | 'area'; x: AxisField; yTitle: string; legend?: string },
): TopLevelSpec {
  const mark =
    options.mark === 'line'
      ? { type: 'line', strokeWidth: 1.5, clip: true }
      : { type: 'area', opacity: 0.35, line: { strokeWidth: 1.5 }, clip: true };
  return {
    ...base(options),
    mark,
    encoding: {
      x: positional('x', options.x, false),
      y: { field: 'y', type: 'quantitative', title: options.yTitle, scale: { zero: false }, stack: null },
      color: {
        field: 'series',
        type: 'nominal',
        title: options.legend ?? '',
        ...(options.legend === undefined ? { legend: null } : {}),
      },
    },
  } as TopLevelSpec;
}

/**
 * Bars per category, the value aggregated per bar; bars split by `group` are stacked.
 * @example barSpec({ category: 'pump_id', value: 'rul (h)', aggregate: 'mean', sort: 'value-desc', horizontal: false })
 */
export function barSpec(
  options: Common & {
    category: string;
    value?: string;
    aggregate: Aggregate;
    group?: string;
    sort: 'value-desc' | 'value-asc' | 'category';
    horizontal: boolean;
  },
): TopLevelSpec {
  const valueChannel = options.horizontal ? 'x' : 'y';
  const categoryChannel = options.horizontal ? 'y' : 'x';
  const sort =
    options.sort === 'category' ? 'ascending' : `${options.sort === 'value-desc' ? '-' : ''}${valueChannel}`;
  return {
    ...base(options),
    mark: { type: 'bar', tooltip: true },
    encoding: {
      [categoryChannel]: { field: 'category', type: 'nominal', title: options.category, sort },
      [valueChannel]: {
        ...aggregated(options.aggregate, options.value !== undefined),
        title: aggregateTitle(options.aggregate, options.value),
      },
      ...(options.group ? { color: { field: 'group', type: 'nominal', title: options.group } } : {}),
    },
  } as TopLevelSpec;
}

/**
 * A pie (or a donut, with a hole of half its radius): one slice per category, sized by the aggregated value.
 * @example pieSpec({ category: 'state', aggregate: 'count', donut: true })
 */
export function pieSpec(
  options: Common & { category: string; value?: string; aggregate: Aggregate; donut: boolean },
): TopLevelSpec {
  return {
    ...base(options),
    mark: {
      type: 'arc',
      tooltip: true,
      stroke: '#fff',
      strokeWidth: 1,
      ...(options.donut ? { innerRadius: { expr: 'min(width, height) / 4' } } : {}),
    },
    encoding: {
      theta: {
        ...aggregated(options.aggregate, options.value !== undefined),
        stack: true,
        title: aggregateTitle(options.aggregate, options.value),
      },
      color: { field: 'category', type: 'nominal', title: options.category },
    },
  } as TopLevelSpec;
}

/**
 * One dot per row; optionally coloured by a column (a category or a number) and sized by a number.
 * @example scatterSpec({ x: { title: 'speed', kind: 'number' }, y: { title: 'power', kind: 'number' } })
 */
export function scatterSpec(
  options: Common & {
    x: AxisField;
    y: AxisField;
    color?: AxisField;
    size?: string;
  },
): TopLevelSpec {
  const color = options.color;
  return {
    ...base(options),
    mark: { type: 'point', filled: true, opacity: 0.7, size: 24, tooltip: true, clip: true },
    encoding: {
      x: positional('x', options.x, false),
      y: positional('y', options.y, false),
      ...(color
        ? {
            color: {
              field: 'group',
              type:
                color.kind === 'category' ? 'nominal' : color.kind === 'time' ? 'temporal' : 'quantitative',
              title: color.title,
            },
          }
        : {}),
      ...(options.size ? { size: { field: 'size', type: 'quantitative', title: options.size } } : {}),
    },
  } as TopLevelSpec;
}

/**
 * A grid of cells coloured by the aggregated value; number and time axes are cut into at most `bins` steps.
 * @example heatmapSpec({ x: { title: 'ts', kind: 'time' }, y: { title: 'pump', kind: 'category' }, value: 'temp', aggregate: 'mean', binsX: 30, binsY: 20 })
 */
export function heatmapSpec(
  options: Common & {
    x: AxisField;
    y: AxisField;
    value?: string;
    aggregate: Aggregate;
    binsX: number;
    binsY: number;
  },
): TopLevelSpec {
  const axis = (field: string, a: AxisField, bins: number) =>
    a.kind === 'category'
      ? { field, type: 'nominal', title: a.title }
      : {
          field,
          type: a.kind === 'time' ? 'temporal' : 'quantitative',
          bin: { maxbins: bins },
          title: a.title,
        };
  return {
    ...base(options),
    mark: { type: 'rect', tooltip: true },
    encoding: {
      x: axis('x', options.x, options.binsX),
      y: axis('y', options.y, options.binsY),
      color: {
        ...aggregated(options.aggregate, options.value !== undefined),
        title: aggregateTitle(options.aggregate, options.value),
        scale: { scheme: 'viridis' },
      },
    },
  } as TopLevelSpec;
}
