import type { NodeFactory } from '../../runtime/engine/node-api';
import { createChartNode } from '../chart-kit/chart-node';
import { seriesChartDefinition } from '../chart-kit/series-chart';
import manifest from './manifest.json';

/** The area chart: one shaded area per plotted column and color value, thinned (LTTB or M4) for the panel's width. */
export const areaChart = seriesChartDefinition('area', manifest);

/**
 * Creates an area chart node.
 * @example const instance = create(ctx); instance.render?.(panel); instance.receive?.('rows', batch);
 */
export const create: NodeFactory = (ctx) => createChartNode(ctx, areaChart);
