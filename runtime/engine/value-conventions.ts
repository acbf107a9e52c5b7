import type { ColumnType } from '../compiler/document-types';
import type { Value } from './node-api';

/** A value normalised to the conventions of node-api.ts, or why it could not be (then `value` is null). */
export interface Normalised {
  value: Value;
  /** Set when the input was not null but could not be read as the column's type. */
  failed?: true;
}

const TIME =
  /^(\d{4,})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)?(\s+BC)?$/i;
const NUMERIC = /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i;

/**
 * Parses a date or time as PostgreSQL writes it (`2024-03-04 05:06:07.123+02`, `2024-02-29`), or as ISO 8601,
 * into epoch milliseconds. A time without a zone is read as UTC. `infinity` and text that is no time give null.
 * Works the same in every browser (it does not rely on `Date.parse` leniency).
 * @example parseTimestamp('2024-03-04 05:06:07.123+02') // 1709521567123
 * @example parseTimestamp('2024-02-29') // 1709164800000
 */
export function parseTimestamp(text: string): number | null {
  const m = TIME.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone, bc] = m;
  const year = bc ? 1 - Number(y) : Number(y);
  const date = new Date(0);
  date.setUTCFullYear(year, Number(mo) - 1, Number(d));
  date.setUTCHours(Number(h), Number(mi), Number(s), Number(frac.padEnd(3, '0').slice(0, 3)));
  if (date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return null;
  let offset = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(/:/g, '');
    const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0');
    const seconds = Number(digits.slice(4, 6) || '0');
    offset = (zone[0] === '-' ? -1 : 1) * (minutes * 60 + seconds) * 1000;
  }
  const ms = date.getTime() - offset;
  return Number.isFinite(ms) ? ms : null;
}

const NUMBER_TYPES = new Set<ColumnType>(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric']);
const TIME_TYPES = new Set<ColumnType>(['timestamptz', 'timestamp', 'date']);

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isNaN(value) ? null : value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') {
    if (NUMERIC.test(value)) return Number(value);
    const lower = value.trim().toLowerCase();
    if (lower === 'nan') return null;
    if (lower === 'infinity' || lower === '+infinity') return Infinity;
    if (lower === '-infinity') return -Infinity;
  }
  return null;
}

function toJson(value: unknown): Value {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return null;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.getTime();
  if (Array.isArray(value)) return value.map(toJson);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, Value> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toJson(v);
    return out;
  }
  return value as Value;
}

/**
 * Brings a value to the runtime's conventions for a column of `type`: numbers as JS numbers, times as epoch
 * milliseconds, bool as boolean, text/uuid as strings, json as parsed JSON, NULL as null. Accepts what a shape
 * client or a CSV parser produces (strings, bigints, numbers, Dates). Arrays are normalised element-wise.
 * @example normaliseValue('12.5', 'numeric') // { value: 12.5 }
 * @example normaliseValue('2024-01-01 00:00:00+00', 'timestamptz') // { value: 1704067200000 }
 * @example normaliseValue('abc', 'float8') // { value: null, failed: true }
 */
export function normaliseValue(value: unknown, type: ColumnType): Normalised {
  if (value === null || value === undefined) return { value: null };
  if (Array.isArray(value)) {
    let failed = false;
    const items = value.map((item) => {
      const n = normaliseValue(item, type);
      if (n.failed) failed = true;
      return n.value;
    });
    return failed ? { value: items, failed: true } : { value: items };
  }
  if (NUMBER_TYPES.has(type)) {
    const n = toNumber(value);
    return n === null ? { value: null, failed: true } : { value: n };
  }
  if (TIME_TYPES.has(type)) {
    if (typeof value === 'number') return Number.isFinite(value) ? { value } : { value: null, failed: true };
    if (value instanceof Date) return { value: value.getTime() };
    if (typeof value === 'string') {
      if (/^[-+]?infinity$/i.test(value.trim())) return { value: null };
      const ms = parseTimestamp(value);
      return ms === null ? { value: null, failed: true } : { value: ms };
    }
    return { value: null, failed: true };
  }
  if (type === 'bool') {
    if (typeof value === 'boolean') return { value };
    if (typeof value === 'number') return { value: value !== 0 };
    const text = String(value).trim().toLowerCase();
    if (['t', 'true', 'yes', 'y', '1', 'on'].includes(text)) return { value: true };
    if (['f', 'false', 'no', 'n', '0', 'off'].includes(text)) return { value: false };
    return { value: null, failed: true };
  }
  if (type === 'json' || type === 'jsonb') {
    if (typeof value !== 'string') return { value: toJson(value) };
    try {
      return { value: toJson(JSON.parse(value)) };
    } catch {
      return { value: null, failed: true };
    }
  }
  // text, uuid, bytea and anything else: a string.
  if (typeof value === 'string') return { value };
  if (typeof value === 'object') return { value: JSON.stringify(toJson(value)) };
  return { value: String(value) };
}

/**
 * The shape client's `parser` option that reads numbers and times by their PostgreSQL type, so rows arrive
 * close to the conventions (int8 and numeric as numbers rather than bigint or text, times as epoch ms).
 * @example new ShapeStream({ url, parser: shapeValueParser })
 */
export const shapeValueParser: Record<string, (text: string) => Value> = {
  int8: (text) => toNumber(text),
  numeric: (text) => toNumber(text),
  timestamptz: (text) => parseTimestamp(text),
  timestamp: (text) => parseTimestamp(text),
  date: (text) => parseTimestamp(text),
};
