import chartLine from './chart.line/manifest.json';
import derive from './derive/manifest.json';
import filter from './filter/manifest.json';
import kpi from './kpi/manifest.json';
import modelOnnx from './model.onnx/manifest.json';
import param from './param/manifest.json';
import sourceTable from './source.table/manifest.json';
import table from './table/manifest.json';
import windowAggregate from './window/manifest.json';

/** The manifests of the built-in node types, as read from their folders (validated when registered). */
export const builtinManifests: readonly unknown[] = [
  sourceTable,
  param,
  filter,
  derive,
  windowAggregate,
  modelOnnx,
  chartLine,
  table,
  kpi,
];
