import type { ColumnInfo } from '../../runtime/compiler/plan';
import type { Value } from '../../runtime/engine/node-api';

const NUMBER_TYPES = new Set(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric']);
const INTEGER_TYPES = new Set(['int2', 'int4', 'int8']);
const TIME_TYPES = new Set(['timestamptz', 'timestamp', 'date']);

/** How units written in plain ASCII in blueprints are shown to a viewer. */
const UNIT_SYMBOLS: Readonly<Record<string, string>> = {
  degC: '°C',
  degF: '°F',
  deg: '°',
  pct: '%',
  percent: '%',
  um: 'µm',
  ohm: 'Ω',
};

const numberFormats = new Map<string, Intl.NumberFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(minimum: number, maximum: number): Intl.NumberFormat {
  const id = `${minimum}:${maximum}`;
  let format = numberFormats.get(id);
  if (!format) {
    // `undefined` locale: the viewer's own (the browser's language settings).
    format = new Intl.NumberFormat(undefined, {
      minimumFractionDigits: minimum,
      maximumFractionDigits: maximum,
    });
    numberFormats.set(id, format);
  }
  return format;
}

/**
 * A unit as shown to a viewer (`degC` → `°C`); unknown units are shown as written.
 * @example displayUnit('degC') // '°C'
 */
export function displayUnit(unit: string | undefined): string {
  if (!unit) return '';
  return UNIT_SYMBOLS[unit] ?? unit;
}

/**
 * A number in the viewer's locale with exactly `decimals` decimals, followed by its unit when one is given.
 * @example formatNumber(1234.5, 1, 'h') // '1,234.5 h' in an English locale
 */
export function formatNumber(value: number, decimals: number, unit?: string): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? '—' : value > 0 ? '∞' : '−∞';
  const digits = Math.max(0, Math.min(10, Math.trunc(decimals)));
  const text = numberFormat(digits, digits).format(value);
  const shown = displayUnit(unit);
  if (!shown) return text;
  return shown === '%' || shown === '°' ? `${text}${shown}` : `${text} ${shown}`;
}

/**
 * An epoch-milliseconds time in the viewer's locale and time zone; `date` columns show the day only.
 * @example formatTime(Date.UTC(2026, 0, 2, 3, 4, 5)) // e.g. 'Jan 2, 2026, 3:04:05 AM'
 */
export function formatTime(epochMs: number, type: string = 'timestamptz'): string {
  if (!Number.isFinite(epochMs)) return '—';
  const id = type === 'date' ? 'date' : 'datetime';
  let format = timeFormats.get(id);
  if (!format) {
    format = new Intl.DateTimeFormat(
      undefined,
      type === 'date'
        ? { dateStyle: 'medium', timeZone: 'UTC' }
        : { dateStyle: 'medium', timeStyle: 'medium' },
    );
    timeFormats.set(id, format);
  }
  return format.format(epochMs);
}

/** True for column types whose values are numbers. */
export function isNumberType(type: string | undefined): boolean {
  return type !== undefined && NUMBER_TYPES.has(type);
}

/** True for column types whose values are epoch-millisecond times. */
export function isTimeType(type: string | undefined): boolean {
  return type !== undefined && TIME_TYPES.has(type);
}

/**
 * One cell as text: numbers in the viewer's locale (integers without decimals, others with up to `decimals`),
 * times as local date and time, booleans as Yes/No, JSON as compact JSON and NULL as an em dash.
 * @example formatCell(0.5, { name: 'load', type: 'float8', unit: '%' }) // '0.5%'
 */
export function formatCell(
  value: Value | undefined,
  column?: Pick<ColumnInfo, 'type' | 'unit'>,
  decimals = 3,
  fixed = false,
): string {
  if (value === null || value === undefined) return '—';
  const type = column?.type;
  if (typeof value === 'number') {
    if (isTimeType(type)) return formatTime(value, type);
    if (type !== undefined && INTEGER_TYPES.has(type)) return formatNumber(value, 0, column?.unit);
    const text = Number.isFinite(value)
      ? numberFormat(fixed ? clampDigits(decimals) : 0, clampDigits(decimals)).format(value)
      : formatNumber(value, 0);
    const unit = displayUnit(column?.unit);
    if (!unit) return text;
    return unit === '%' || unit === '°' ? `${text}${unit}` : `${text} ${unit}`;
  }
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function clampDigits(digits: number): number {
  return Math.max(0, Math.min(10, Math.trunc(digits)));
}

/**
 * How many decimals the numbers need to be shown exactly, up to `max` (so a column can show them all alike).
 * @example decimalsNeeded([12.5, 3, 0.25]) // 2
 */
export function decimalsNeeded(values: Iterable<Value | undefined>, max = 3): number {
  let needed = 0;
  for (const value of values) {
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    while (needed < max && Math.abs(Math.round(value * 10 ** needed) - value * 10 ** needed) > 1e-6) needed++;
    if (needed === max) break;
  }
  return needed;
}

/**
 * A column header: its name with its unit in parentheses, e.g. `rul_hours (h)`.
 * @example columnHeader({ name: 'bearing_temp', type: 'float8', unit: 'degC' }) // 'bearing_temp (°C)'
 */
export function columnHeader(column: Pick<ColumnInfo, 'name' | 'unit'>): string {
  const unit = displayUnit(column.unit);
  return unit ? `${column.name} (${unit})` : column.name;
}
