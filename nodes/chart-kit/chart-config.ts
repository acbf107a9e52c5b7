import type { ColumnInfo } from '../../runtime/compiler/plan';
import type { KeyedRow, RuntimeProblem } from '../../runtime/engine/node-api';

const TIME_TYPES = new Set(['timestamptz', 'timestamp', 'date']);
const NUMBER_TYPES = new Set(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric']);

/**
 * The config with the defaults of the node type's manifest filled in where a value is missing (the compiler
 * already does this for a plan; a panel mounted on its own may get a bare config).
 * @example withDefaults(lineManifest, { x: 'ts', y: ['v'] }).maxPoints // 100000
 */
export function withDefaults<C>(manifest: { config: unknown }, config: Record<string, unknown>): C {
  const properties = (manifest.config as { properties?: Record<string, { default?: unknown }> }).properties;
  const filled: Record<string, unknown> = { ...config };
  for (const [name, property] of Object.entries(properties ?? {})) {
    if (filled[name] === undefined && property.default !== undefined) filled[name] = property.default;
  }
  return filled as C;
}

/**
 * A config value naming one or more columns, as a list (a single name, a list, or nothing).
 * @example columnList(['a', 'b']) // ['a', 'b']
 * @example columnList('a') // ['a']
 */
export function columnList(value: unknown): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v !== '');
  return [];
}

/**
 * How a column is drawn on an axis: as time when its type (or role) says so, else as a number or a category.
 * @example axisKind({ name: 'ts', type: 'timestamptz' }) // 'time'
 */
export function axisKind(column: ColumnInfo | undefined): 'time' | 'number' | 'category' {
  if (!column) return 'number';
  if (TIME_TYPES.has(column.type) || column.role === 'time') return 'time';
  return NUMBER_TYPES.has(column.type) ? 'number' : 'category';
}

/**
 * An axis title naming the columns with their units, e.g. "vibration_rms (mm/s)"; columns sharing a unit are
 * grouped before it.
 * @example axisTitle(['a', 'b'], [{ name: 'a', type: 'float8', unit: 'm' }, { name: 'b', type: 'float8', unit: 'm' }]) // 'a, b (m)'
 */
export function axisTitle(names: readonly string[], columns: readonly ColumnInfo[] | undefined): string {
  const groups = new Map<string, string[]>();
  for (const name of names) {
    const unit = columns?.find((c) => c.name === name)?.unit ?? '';
    groups.set(unit, [...(groups.get(unit) ?? []), name]);
  }
  return [...groups]
    .map(([unit, group]) => (unit ? `${group.join(', ')} (${unit})` : group.join(', ')))
    .join('; ');
}

/** A column a chart reads from its rows, and what for (in words shown to the user). */
export interface ColumnUse {
  column: string;
  purpose: string;
  numeric: boolean;
}

/**
 * Problems with the rows arriving at a chart: a configured column that is not in a row (PTR400), or a value
 * that should be a number and is not (PTR401). One problem per column, whichever row shows it first.
 * @example checkRows([{ key: '1', row: { ts: 1 } }], [{ column: 'temp', purpose: 'plotted', numeric: true }])
 * // [{ code: 'PTR400', ... }]
 */
export function checkRows(rows: readonly KeyedRow[], uses: readonly ColumnUse[]): RuntimeProblem[] {
  const problems: RuntimeProblem[] = [];
  for (const use of uses) {
    let missing = false;
    let bad: unknown;
    for (const { row } of rows) {
      if (!(use.column in row)) {
        missing = true;
        break;
      }
      const value = row[use.column];
      if (
        use.numeric &&
        bad === undefined &&
        value !== null &&
        !(typeof value === 'number' && isFinite(value))
      )
        bad = value;
    }
    if (missing) {
      problems.push({
        code: 'PTR400',
        severity: 'error',
        message: `The column "${use.column}" (${use.purpose}) is not in the rows arriving at this chart. Choose a column that the connected node sends, or connect a node that sends "${use.column}".`,
        details: {
          column: use.column,
          arriving: Object.keys(rows.find((r) => !(use.column in r.row))?.row ?? {}),
        },
      });
    } else if (bad !== undefined) {
      problems.push({
        code: 'PTR401',
        severity: 'warning',
        message: `The column "${use.column}" (${use.purpose}) holds values that are not numbers, such as ${JSON.stringify(bad)}; those rows are left out of the chart.`,
        details: { column: use.column, example: bad },
      });
    }
  }
  return problems;
}

/**
 * PTR402: the chart's settings do not name a column it needs, so it cannot draw anything.
 * @example missingSetting('x', 'the horizontal axis') // { code: 'PTR402', ... }
 */
export function missingSetting(setting: string, purpose: string): RuntimeProblem {
  return {
    code: 'PTR402',
    severity: 'error',
    message: `This chart is not set up yet: choose the column for ${purpose} (the "${setting}" setting).`,
    details: { setting },
  };
}
