import type { Value } from '../../runtime/engine/node-api';
import type { ColumnInfo } from '../../runtime/compiler/plan';

const NUMBER_TYPES = new Set(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric']);
const TIME_TYPES = new Set(['timestamptz', 'timestamp', 'date']);

/**
 * Turns a value written in a node's config into the form the column's cells have, so that comparing is a plain
 * `===` or `<`: numbers for number columns (from "6" too), epoch ms for time columns (from "2024-05-01T10:00Z"
 * too), booleans for bool columns (from "true"/"false" too), text for text columns. Unknown types keep the value.
 * Returns undefined when the value cannot be read as the column's type.
 * @example operandFor('6', 'float8') // 6
 * @example operandFor('2024-01-01T00:00:00Z', 'timestamptz') // 1704067200000
 */
export function operandFor(value: unknown, type: ColumnInfo['type'] | undefined): Value | undefined {
  if (value === null) return null;
  if (type !== undefined && (NUMBER_TYPES.has(type) || TIME_TYPES.has(type))) {
    if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
    if (typeof value === 'string' && value.trim() !== '') {
      const n = Number(value);
      if (Number.isFinite(n)) return n;
      if (TIME_TYPES.has(type)) {
        const t = Date.parse(value);
        return Number.isNaN(t) ? undefined : t;
      }
    }
    return undefined;
  }
  if (type === 'bool') {
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    return undefined;
  }
  if (type === 'text' || type === 'uuid') {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return undefined;
  }
  return value as Value;
}

/**
 * Orders two cells: negative, zero or positive, or null when they cannot be compared (either is null, or they
 * are of different kinds). Numbers compare as numbers, text by code points, false before true. A number and
 * numeric text compare as numbers, for columns whose type the plan does not know.
 * @example compareCells(2, 10) // negative
 * @example compareCells('b', 'a') // positive
 * @example compareCells(null, 1) // null
 */
export function compareCells(a: Value | undefined, b: Value | undefined): number | null {
  if (a === null || b === null || a === undefined || b === undefined) return null;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (typeof a === 'number' && typeof b === 'string' && b.trim() !== '' && Number.isFinite(Number(b)))
    return a - Number(b);
  if (typeof a === 'string' && typeof b === 'number' && a.trim() !== '' && Number.isFinite(Number(a)))
    return Number(a) - b;
  return null;
}

/**
 * True when two cells are equal under {@link compareCells}, or deeply equal lists/objects.
 * @example equalCells(6, '6') // true
 */
export function equalCells(a: Value | undefined, b: Value | undefined): boolean {
  if (a === b) return a !== null && a !== undefined;
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object')
    return JSON.stringify(a) === JSON.stringify(b);
  return compareCells(a, b) === 0;
}
