import type { Value } from '../../runtime/engine/node-api';
import type { ColumnInfo } from '../../runtime/compiler/plan';

const TIME_TYPES = new Set(['timestamptz', 'timestamp', 'date']);

/**
 * A cell as a finite number, or NaN when it is null, missing, not a number or not finite. Numeric text is not
 * converted: sources already deliver numbers as numbers.
 * @example numberOf(3.5) // 3.5
 * @example numberOf(null) // NaN
 */
export function numberOf(value: Value | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : NaN;
}

/**
 * True when the column with this name arrives as a time (timestamptz, timestamp or date), i.e. as epoch ms.
 * @example isTimeColumn([{ name: 'ts', type: 'timestamptz' }], 'ts') // true
 */
export function isTimeColumn(columns: readonly ColumnInfo[] | undefined, name: string | undefined): boolean {
  if (!columns || name === undefined) return false;
  const column = columns.find((c) => c.name === name);
  return column !== undefined && TIME_TYPES.has(column.type);
}

/**
 * The type of a named column, when the plan knows it.
 * @example columnType([{ name: 'x', type: 'int4' }], 'x') // 'int4'
 */
export function columnType(
  columns: readonly ColumnInfo[] | undefined,
  name: string,
): ColumnInfo['type'] | undefined {
  return columns?.find((c) => c.name === name)?.type;
}

/**
 * A stable text for a value used as (part of) a key or group: text as is, null as the empty marker, anything
 * else as JSON. Distinct values of one type give distinct texts.
 * @example groupText('pump-1') // 'pump-1'
 * @example groupText(7) // '7'
 */
export function groupText(value: Value | undefined): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '\u0000null';
  return JSON.stringify(value);
}

/**
 * A key made of several values, unambiguous whatever the values contain (JSON of the list).
 * @example compositeKey(['pump-1', 1700000000000]) // '["pump-1",1700000000000]'
 */
export function compositeKey(values: readonly (Value | undefined)[]): string {
  return JSON.stringify(values.map((v) => (v === undefined ? null : v)));
}

/**
 * True when two cells hold the same value (deep for lists and objects; NaN never occurs in rows).
 * @example sameValue([1, 'a'], [1, 'a']) // true
 */
export function sameValue(a: Value | undefined, b: Value | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
