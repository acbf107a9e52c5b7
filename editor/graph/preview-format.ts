/**
 * Readable text for the values the editor's previews show (a node's sample rows): times as dates and clock times,
 * numbers with sensible digits and digit grouping, empty values as a dash. Pure: no DOM.
 */
import type { ColumnType } from '../../runtime/compiler/document-types';
import { parseTimestamp } from '../../runtime/engine/value-conventions';

/** How to format; all optional (the browser's language and time zone by default). */
export interface PreviewFormatOptions {
  /** A BCP 47 language tag, e.g. 'en-GB'. */
  locale?: string;
  /** An IANA time zone for times that carry one, e.g. 'Europe/Paris'. */
  timeZone?: string;
  /** The column's type, when known: then epoch milliseconds of a time column read as times. */
  type?: ColumnType;
  /** The column's name, when known: a number in a column named like a time (ts, created_at…) may be a time. */
  column?: string;
  /** For a narrow cell: a time as its clock time alone (e.g. 08:02:10), the date being left to a tooltip. */
  compact?: boolean;
}

/** What an empty value (SQL NULL) looks like in a preview. */
export const EMPTY_VALUE = '—';

/** The longest text shown in full; longer text is cut with an ellipsis. */
const MAX_TEXT = 40;
const TIME_TYPES = new Set<ColumnType>(['timestamptz', 'timestamp']);
/** Epoch milliseconds of 2000-01-01 and 2100-01-01: a number between them in a time-named column is a time. */
const PLAUSIBLE_MS: readonly [number, number] = [946_684_800_000, 4_102_444_800_000];
const TIME_NAME = /(^|_)(ts|time|timestamp|datetime|date|at|when)$|^(time|date|timestamp)(_|$)/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)?$/i;
const HAS_ZONE = /(Z|[+-]\d{2}(:?\d{2})?)$/i;

function cut(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

function formatTime(ms: number, options: PreviewFormatOptions, zone: 'local' | 'utc', withTime: boolean) {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return String(ms);
  const timeZone = zone === 'utc' ? 'UTC' : options.timeZone;
  const seconds = date.getUTCSeconds() !== 0 || date.getUTCMilliseconds() !== 0;
  if (options.compact)
    return new Intl.DateTimeFormat(options.locale, {
      ...(withTime
        ? { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }
        : { month: 'short', day: 'numeric' }),
      timeZone,
    }).format(date);
  return new Intl.DateTimeFormat(options.locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    ...(withTime
      ? { hour: '2-digit', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}), hourCycle: 'h23' }
      : {}),
    timeZone,
  }).format(date);
}

/**
 * A number with digit grouping and about four significant digits (whole numbers are never rounded); very large
 * or very small ones in scientific notation.
 * @example formatNumber(3.14159265, 'en') // '3.142'
 * @example formatNumber(1234567, 'en') // '1,234,567'
 */
export function formatNumber(value: number, locale?: string): string {
  if (Number.isNaN(value)) return EMPTY_VALUE;
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e15 || abs < 1e-4))
    return value
      .toExponential(2)
      .replace(/\.?0+e/, 'e')
      .replace('e+', 'e');
  if (Number.isInteger(value)) return value.toLocaleString(locale);
  if (abs < 1) return value.toLocaleString(locale, { maximumSignificantDigits: 3 });
  const whole = Math.floor(Math.log10(abs)) + 1;
  return value.toLocaleString(locale, { maximumFractionDigits: Math.max(1, 4 - whole) });
}

/**
 * One value of a preview row as readable text: null as "—", true/false as yes/no, times (ISO text, or epoch
 * milliseconds in a time column) as a date and clock time, numbers with sensible digits, long text cut short.
 * A time with a zone is shown in the viewer's time zone; one without, as written.
 * @example formatPreviewValue('2024-03-04T05:06:07Z', { locale: 'en-GB', timeZone: 'UTC' }) // '4 Mar 2024, 05:06:07'
 * @example formatPreviewValue(1709528767000, { type: 'timestamptz', locale: 'en-GB', timeZone: 'UTC' }) // '4 Mar 2024, 05:06:07'
 * @example formatPreviewValue(null) // '—'
 */
export function formatPreviewValue(value: unknown, options: PreviewFormatOptions = {}): string {
  if (value === null || value === undefined || value === '') return EMPTY_VALUE;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value instanceof Date) return formatTime(value.getTime(), options, 'local', true);
  if (typeof value === 'number') {
    const timeColumn =
      (options.type && TIME_TYPES.has(options.type)) ||
      (options.type === undefined &&
        options.column !== undefined &&
        TIME_NAME.test(options.column) &&
        Number.isInteger(value) &&
        value >= PLAUSIBLE_MS[0] &&
        value < PLAUSIBLE_MS[1]);
    if (options.type === 'date') return formatTime(value, options, 'utc', false);
    if (timeColumn) return formatTime(value, options, options.type === 'timestamp' ? 'utc' : 'local', true);
    return formatNumber(value, options.locale);
  }
  if (typeof value === 'bigint') return formatNumber(Number(value), options.locale);
  if (typeof value === 'string') {
    const text = value.trim();
    if (ISO_DATE.test(text)) {
      const ms = parseTimestamp(text);
      return ms === null ? cut(value) : formatTime(ms, options, 'utc', false);
    }
    if (ISO_DATE_TIME.test(text)) {
      const ms = parseTimestamp(text);
      if (ms !== null) return formatTime(ms, options, HAS_ZONE.test(text) ? 'local' : 'utc', true);
    }
    return cut(value);
  }
  try {
    return cut(JSON.stringify(value) ?? String(value));
  } catch {
    return cut(String(value));
  }
}

/**
 * A preview sample with the runtime's times (epoch milliseconds in columns the compiler typed as times) written as
 * ISO text, which formatPreviewValue shows as dates and clock times wherever the sample is drawn: timestamptz with
 * its zone (Z), timestamp without one, date as the day alone. Other values are kept as they are.
 * @example timesAsIsoText([{ ts: 0 }], { ts: 'timestamptz' }) // [{ ts: '1970-01-01T00:00:00.000Z' }]
 */
export function timesAsIsoText(
  sample: readonly Record<string, unknown>[],
  types: Readonly<Record<string, ColumnType>>,
): Record<string, unknown>[] {
  const times = Object.entries(types).filter(([, type]) => type === 'date' || TIME_TYPES.has(type));
  if (times.length === 0) return sample.slice();
  return sample.map((row) => {
    const out = { ...row };
    for (const [column, type] of times) {
      const value = row[column];
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      const date = new Date(value);
      if (Number.isNaN(date.getTime())) continue;
      const iso = date.toISOString();
      out[column] = type === 'date' ? iso.slice(0, 10) : type === 'timestamp' ? iso.slice(0, -1) : iso;
    }
    return out;
  });
}
