/**
 * The column types of ingested tables and the one place where a value (a CSV cell or a JSON value) is checked
 * against a type and turned into the text PostgreSQL reads back exactly: integers as digits, booleans as
 * `true`/`false`, times as ISO 8601 with an explicit offset (UTC when the value has none).
 */

/** The PostgreSQL types an ingested column can have. */
export const COLUMN_TYPES = ['int8', 'float8', 'bool', 'timestamptz', 'date', 'text'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/** A checked value: its canonical text (null for an empty value), or why it does not fit. */
export type CellResult = { ok: true; value: string | null } | { ok: false; reason: string };

const INT8_MIN = -(2n ** 63n);
const INT8_MAX = 2n ** 63n - 1n;
const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const TRUE_WORDS = new Set(['true', 't', 'yes', 'y']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n']);
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const ok = (value: string | null): CellResult => ({ ok: true, value });
const fail = (reason: string): CellResult => ({ ok: false, reason });

/**
 * A value as the user wrote it, quoted and shortened for messages.
 * @example quoteValue('abc') // '"abc"'
 */
export function quoteValue(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value));
  return text.length > 60 ? `${text.slice(0, 57)}…"` : text;
}

function validDate(year: string, month: string, day: string): boolean {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function parseInt8(text: string): CellResult {
  if (!INTEGER.test(text)) return fail(`${quoteValue(text)} is not a whole number`);
  const n = BigInt(text);
  if (n < INT8_MIN || n > INT8_MAX) return fail(`${quoteValue(text)} is too large for a whole-number column`);
  return ok(n.toString());
}

function parseFloat8(text: string): CellResult {
  if (!DECIMAL.test(text) || !Number.isFinite(Number(text))) {
    return fail(`${quoteValue(text)} is not a number`);
  }
  return ok(text.replace(/^\+/, ''));
}

function parseBool(text: string): CellResult {
  const word = text.toLowerCase();
  if (TRUE_WORDS.has(word)) return ok('true');
  if (FALSE_WORDS.has(word)) return ok('false');
  return fail(`${quoteValue(text)} is not true or false`);
}

function parseDate(text: string): CellResult {
  const m = DATE.exec(text);
  if (!m || !validDate(m[1], m[2], m[3])) return fail(`${quoteValue(text)} is not a date (YYYY-MM-DD)`);
  return ok(text);
}

function parseTimestamp(text: string): CellResult {
  const m = TIMESTAMP.exec(text);
  const bad = () => fail(`${quoteValue(text)} is not a date and time (ISO 8601, e.g. 2024-05-01T12:30:00Z)`);
  if (!m || !validDate(m[1], m[2], m[3])) return bad();
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', zone] = m;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return bad();
  let offset = 'Z';
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    if (Number(digits.slice(1, 3)) > 15 || Number(digits.slice(3) || '0') > 59) return bad();
    offset = `${digits.slice(0, 3)}:${digits.slice(3) || '00'}`;
  }
  return ok(`${y}-${mo}-${d}T${h}:${mi}:${s}${fraction}${offset}`);
}

/**
 * Checks a CSV cell (text) against a column type. Blank cells are null; surrounding spaces are ignored except
 * in text columns, which keep the cell as written. Text must not contain NUL characters (PostgreSQL refuses
 * them).
 * @example parseCell(' 42 ', 'int8') // { ok: true, value: '42' }
 * @example parseCell('abc', 'float8') // { ok: false, reason: '"abc" is not a number' }
 */
export function parseCell(raw: string, type: ColumnType): CellResult {
  const text = raw.trim();
  if (text === '') return ok(null);
  switch (type) {
    case 'int8':
      return parseInt8(text);
    case 'float8':
      return parseFloat8(text);
    case 'bool':
      return parseBool(text);
    case 'date':
      return parseDate(text);
    case 'timestamptz':
      return parseTimestamp(text);
    case 'text':
      return raw.includes('\u0000') ? fail('the text contains a NUL character') : ok(raw);
  }
}

/**
 * Checks a JSON value (HTTP or MQTT ingest) against a column type: numbers for number columns, booleans for
 * bool columns, strings for text, dates and times; a string in the CSV form is accepted for every type. null
 * and a missing value are null.
 * @example jsonToCell(21.5, 'float8') // { ok: true, value: '21.5' }
 * @example jsonToCell({ a: 1 }, 'text') // { ok: false, reason: '{"a":1} is not text' }
 */
export function jsonToCell(value: unknown, type: ColumnType): CellResult {
  if (value === null || value === undefined) return ok(null);
  if (typeof value === 'string') {
    if (type === 'text') return parseCell(value, 'text');
    return value.trim() === '' ? fail(`${quoteValue(value)} is empty`) : parseCell(value, type);
  }
  if (typeof value === 'number' && (type === 'int8' || type === 'float8')) {
    if (!Number.isFinite(value)) return fail(`${String(value)} is not a number`);
    if (type === 'float8') return ok(String(value));
    if (!Number.isInteger(value)) return fail(`${String(value)} is not a whole number`);
    if (!Number.isSafeInteger(value)) {
      return fail(`${String(value)} is too large to be exact in JSON; send it as a string of digits`);
    }
    return ok(String(value));
  }
  if (typeof value === 'boolean' && type === 'bool') return ok(String(value));
  const expected: Record<ColumnType, string> = {
    int8: 'a whole number',
    float8: 'a number',
    bool: 'true or false',
    timestamptz: 'a date and time (an ISO 8601 string)',
    date: 'a date (a YYYY-MM-DD string)',
    text: 'text',
  };
  return fail(`${quoteValue(value)} is not ${expected[type]}`);
}

const LEADING_ZERO = /^[+-]?0\d/;

/**
 * Whether a non-blank CSV cell fits a type, as inference sees it: stricter than parseCell, since numbers with
 * leading zeros (`007`, zip codes) are not numbers here, so such columns stay text and keep their zeros. A
 * date also fits a timestamp column.
 * @example fitsForInference('007', 'int8') // false
 * @example fitsForInference('2024-05-01', 'timestamptz') // true
 */
export function fitsForInference(raw: string, type: Exclude<ColumnType, 'text'>): boolean {
  const text = raw.trim();
  if ((type === 'int8' || type === 'float8') && LEADING_ZERO.test(text)) return false;
  return parseCell(text, type).ok;
}
