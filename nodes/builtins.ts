import chartLine from './chart.line/manifest.json';
import chartArea from './chart.area/manifest.json';
import chartBar from './chart.bar/manifest.json';
import chartPie from './chart.pie/manifest.json';
import chartScatter from './chart.scatter/manifest.json';
import chartHeatmap from './chart.heatmap/manifest.json';
import derive from './derive/manifest.json';
import filter from './filter/manifest.json';
import join from './join/manifest.json';
import kpi from './kpi/manifest.json';
import modelOnnx from './model.onnx/manifest.json';
import optimise from './optimise/manifest.json';
import param from './param/manifest.json';
import resample from './resample/manifest.json';
import sourceCsv from './source.csv/manifest.json';
import sourceTable from './source.table/manifest.json';
import table from './table/manifest.json';
import threshold from './threshold/manifest.json';
import windowAggregate from './window/manifest.json';
import gauge from './gauge/manifest.json';
import markdown from './markdown/manifest.json';
import image from './image/manifest.json';
import video from './video/manifest.json';
import alertList from './alert-list/manifest.json';

/** The manifests of the built-in node types, as read from their folders (validated when registered). */
export const builtinManifests: readonly unknown[] = [
  sourceTable,
  sourceCsv,
  param,
  filter,
  derive,
  windowAggregate,
  resample,
  join,
  threshold,
  modelOnnx,
  optimise,
  chartLine,
  chartArea,
  chartBar,
  chartPie,
  chartScatter,
  chartHeatmap,
  table,
  kpi,
  gauge,
  markdown,
  image,
  video,
  alertList,
];
