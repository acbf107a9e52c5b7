/**
 * Reads the parts of registry documents the library shows (blueprint inputs, a model's signature and metrics, a
 * component's ports) into plain rows. Documents come from the API as unknown JSON: anything missing or of the
 * wrong shape is skipped, never a crash.
 */

/** One column a blueprint input needs. */
export interface ColumnRow {
  name: string;
  type: string;
  /** The type in everyday words, e.g. "decimal number". */
  typeWords: string;
  unit: string;
  role: string;
  description: string;
  optional: boolean;
}

/** One input of a blueprint: a table (with columns) or a single value. */
export interface InputRow {
  name: string;
  title: string;
  kind: 'table' | 'value';
  description: string;
  columns: ColumnRow[];
  /** Value inputs: type, unit and default. */
  type: string;
  unit: string;
  defaultValue: string;
}

/** One feature of a model input or one column of a model output. */
export interface FeatureRow {
  tensor: string;
  name: string;
  description: string;
  unit: string;
  dtype: string;
}

/** A metric on held-out data. */
export interface MetricRow {
  name: string;
  value: string;
  dataset: string;
}

/** A port of a component (node type). */
export interface PortRow {
  name: string;
  title: string;
  kind: string;
  description: string;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

const TYPE_WORDS: Record<string, string> = {
  text: 'text',
  int2: 'whole number',
  int4: 'whole number',
  int8: 'whole number',
  float4: 'decimal number',
  float8: 'decimal number',
  numeric: 'decimal number',
  bool: 'yes / no',
  timestamptz: 'date and time',
  timestamp: 'date and time',
  date: 'date',
  json: 'structured data (JSON)',
  jsonb: 'structured data (JSON)',
  uuid: 'identifier (UUID)',
  bytea: 'binary data',
};

/**
 * A column type in everyday words.
 * @example typeInWords('float8') // 'decimal number'
 */
export function typeInWords(type: string): string {
  return TYPE_WORDS[type] ?? type;
}

/**
 * The inputs a blueprint declares, in document order.
 * @example blueprintInputs(doc)[0].columns.map((c) => c.name) // ['pump_id', 'ts', 'vibration_rms']
 */
export function blueprintInputs(document: unknown): InputRow[] {
  if (!isObject(document) || !isObject(document.inputs)) return [];
  return Object.entries(document.inputs).flatMap(([name, input]): InputRow[] => {
    if (!isObject(input) || (input.kind !== 'table' && input.kind !== 'value')) return [];
    const columns = isObject(input.columns)
      ? Object.entries(input.columns).flatMap(([column, spec]): ColumnRow[] =>
          isObject(spec)
            ? [
                {
                  name: column,
                  type: text(spec.type),
                  typeWords: typeInWords(text(spec.type)),
                  unit: text(spec.unit),
                  role: text(spec.role),
                  description: text(spec.description),
                  optional: spec.optional === true,
                },
              ]
            : [],
        )
      : [];
    return [
      {
        name,
        title: text(input.title) || name,
        kind: input.kind,
        description: text(input.description),
        columns,
        type: text(input.type),
        unit: text(input.unit),
        defaultValue: input.default === undefined ? '' : JSON.stringify(input.default),
      },
    ];
  });
}

function featureRows(tensors: unknown, field: 'features' | 'columns'): FeatureRow[] {
  if (!Array.isArray(tensors)) return [];
  return tensors.flatMap((tensor): FeatureRow[] => {
    if (!isObject(tensor) || !Array.isArray(tensor[field])) return [];
    return (tensor[field] as unknown[]).filter(isObject).map((feature) => ({
      tensor: text(tensor.tensor),
      name: text(feature.name),
      description: text(feature.description),
      unit: text(feature.unit),
      dtype: text(tensor.dtype),
    }));
  });
}

/**
 * A model card's signature: the features it reads and the columns it adds, one row each.
 * @example modelSignature(card).inputs[0] // { tensor: 'x', name: 'vib_mean', unit: 'mm/s', dtype: 'float32', description: '' }
 */
export function modelSignature(card: unknown): { inputs: FeatureRow[]; outputs: FeatureRow[] } {
  if (!isObject(card)) return { inputs: [], outputs: [] };
  return { inputs: featureRows(card.inputs, 'features'), outputs: featureRows(card.outputs, 'columns') };
}

/**
 * A model card's metrics, each value with its unit.
 * @example modelMetrics(card) // [{ name: 'RUL MAE', value: '16.8 h', dataset: '16 simulated pumps…' }]
 */
export function modelMetrics(card: unknown): MetricRow[] {
  if (!isObject(card) || !Array.isArray(card.metrics)) return [];
  return card.metrics.filter(isObject).map((metric) => ({
    name: text(metric.name),
    value:
      typeof metric.value === 'number'
        ? `${metric.value.toLocaleString('en-GB')}${metric.unit ? ` ${text(metric.unit)}` : ''}`
        : '',
    dataset: text(metric.dataset),
  }));
}

/**
 * A component's input or output ports.
 * @example componentPorts(manifest, 'inputs') // [{ name: 'rows', kind: 'table', title: 'Rows', description: '' }]
 */
export function componentPorts(manifest: unknown, side: 'inputs' | 'outputs'): PortRow[] {
  if (!isObject(manifest) || !isObject(manifest[side])) return [];
  return Object.entries(manifest[side]).flatMap(([name, port]): PortRow[] =>
    isObject(port)
      ? [
          {
            name,
            title: text(port.title) || name,
            kind: text(port.kind),
            description: text(port.description),
          },
        ]
      : [],
  );
}

/** The model tasks in words. */
const TASKS: Record<string, string> = {
  regression: 'Regression (predicts a number)',
  classification: 'Classification (predicts a class)',
  'anomaly-detection': 'Anomaly detection (flags unusual readings)',
  forecasting: 'Forecasting (predicts future values)',
  clustering: 'Clustering (groups similar things)',
  other: 'Other',
};

/**
 * A model task in words.
 * @example taskInWords('regression') // 'Regression (predicts a number)'
 */
export function taskInWords(task: unknown): string {
  return typeof task === 'string' ? (TASKS[task] ?? task) : 'Not stated';
}

/**
 * A date as people write it, e.g. "25 Nov 2026"; the text itself when it is not a date.
 * @example formatDate('2026-11-25T14:03:01Z') // '25 Nov 2026'
 */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/**
 * A file size in bytes, kB or MB.
 * @example formatBytes(6299) // '6.3 kB'
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
