import type { NodeModule } from '../runtime/engine/node-api';

/**
 * Where the engine finds each built-in node type's implementation, by type id. Entries load lazily, so a page
 * that never shows a chart never downloads vega, and one without a model never loads onnxruntime.
 *
 * @example
 * ```ts
 * const module = await builtinImplementations['core/filter']?.();
 * const instance = module?.create(ctx);
 * ```
 */
export const builtinImplementations: Readonly<Record<string, () => Promise<NodeModule>>> = {
  // One line per node type, e.g.: 'core/filter': () => import('./filter/filter-node'),
  // Transforms type their config; the compiler has checked it against the manifest.
  'core/filter': () => import('./filter/filter-node') as unknown as Promise<NodeModule>,
  'core/derive': () => import('./derive/derive-node') as unknown as Promise<NodeModule>,
  'core/window': () => import('./window/window-node') as unknown as Promise<NodeModule>,
  'core/resample': () => import('./resample/resample-node') as unknown as Promise<NodeModule>,
  'core/join': () => import('./join/join-node') as unknown as Promise<NodeModule>,
  'core/threshold': () => import('./threshold/threshold-node') as unknown as Promise<NodeModule>,
  'core/table': () => import('./table/table-node'),
  'core/kpi': () => import('./kpi/kpi-node'),
  'core/gauge': () => import('./gauge/gauge-node'),
  'core/markdown': () => import('./markdown/markdown-node'),
  'core/image': () => import('./image/image-node'),
  'core/video': () => import('./video/video-node'),
  'core/alert-list': () => import('./alert-list/alert-list-node'),
  'core/param': () => import('./param/param-node'),
  'core/source.table': () => import('./source.table/source-table-node'),
  'core/source.csv': () => import('./source.csv/source-csv-node'),
  'core/chart.line': () => import('./chart.line/chart-line-node'),
  'core/chart.area': () => import('./chart.area/chart-area-node'),
  'core/chart.bar': () => import('./chart.bar/chart-bar-node'),
  'core/chart.pie': () => import('./chart.pie/chart-pie-node'),
  'core/chart.scatter': () => import('./chart.scatter/chart-scatter-node'),
  'core/chart.heatmap': () => import('./chart.heatmap/chart-heatmap-node'),
  'core/model.onnx': () => import('./model.onnx/model-onnx-node') as Promise<NodeModule>,
  'core/optimise': () => import('./optimise/optimise-node') as Promise<NodeModule>,
};
