import type { ValueKind } from './table-catalog';

/**
 * Values in a where clause and in rows are Postgres text (what pgoutput and `::text` print under the sync's
 * display settings: ISO dates, UTC). These helpers check a literal against a column's type and compare two texts
 * the way Postgres compares the typed values, so a change is judged exactly as the snapshot query judged rows.
 */

const TIMESTAMP =
  /^(\d{4,})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * A literal's canonical text for a column kind, or null when it is not a valid value of that type.
 * @example normalizeValue('bool', 'TRUE') // 't'
 */
export function normalizeValue(kind: ValueKind, text: string): string | null {
  const t = text.trim();
  switch (kind) {
    case 'int':
      return /^[+-]?\d+$/.test(t) ? BigInt(t).toString() : null;
    case 'float':
      if (/^[+-]?(infinity|inf)$/i.test(t)) return t.startsWith('-') ? '-Infinity' : 'Infinity';
      if (/^nan$/i.test(t)) return 'NaN';
      return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) ? t : null;
    case 'numeric':
      if (/^nan$/i.test(t)) return 'NaN';
      return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) ? t : null;
    case 'bool': {
      const lower = t.toLowerCase();
      if (['t', 'true', 'y', 'yes', 'on', '1'].includes(lower)) return 't';
      if (['f', 'false', 'n', 'no', 'off', '0'].includes(lower)) return 'f';
      return null;
    }
    case 'uuid': {
      const hex = t
        .replace(/^\{|\}$/g, '')
        .replace(/-/g, '')
        .toLowerCase();
      if (!/^[0-9a-f]{32}$/.test(hex)) return null;
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    }
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(t) ? t : null;
    case 'timestamp': {
      const m = TIMESTAMP.exec(t);
      return m && !m[8] ? timestampText(m) : null;
    }
    case 'timestamptz':
      return TIMESTAMP.test(t) ? t : null;
    default:
      return text;
  }
}

function timestampText(m: RegExpExecArray): string {
  return `${m[1]}-${m[2]}-${m[3]} ${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}.${(m[7] ?? '').padEnd(6, '0')}`;
}

/** Microseconds since 1970 of an ISO timestamp with an optional zone (UTC when absent, as the sync session). */
function epochMicros(text: string): bigint | null {
  const m = TIMESTAMP.exec(text.trim());
  if (!m) return null;
  const seconds =
    Date.UTC(
      Number(m[1]),
      Number(m[2]) - 1,
      Number(m[3]),
      Number(m[4] ?? 0),
      Number(m[5] ?? 0),
      Number(m[6] ?? 0),
    ) / 1000;
  let offset = 0;
  if (m[8] && m[8].toUpperCase() !== 'Z') {
    const zone = /^([+-])(\d{2}):?(\d{2})?$/.exec(m[8])!;
    offset = (Number(zone[2]) * 3600 + Number(zone[3] ?? 0) * 60) * (zone[1] === '-' ? -1 : 1);
  }
  return BigInt(seconds - offset) * 1_000_000n + BigInt((m[7] ?? '').padEnd(6, '0'));
}

function compareDecimal(a: string, b: string): number {
  if (a === 'NaN' || b === 'NaN') return a === b ? 0 : a === 'NaN' ? 1 : -1; // Postgres sorts NaN last
  const [ma, ea] = splitDecimal(a);
  const [mb, eb] = splitDecimal(b);
  // Bring both to the same scale, then compare as integers.
  const scale = Math.max(ea, eb);
  const x = ma * 10n ** BigInt(scale - ea);
  const y = mb * 10n ** BigInt(scale - eb);
  return x === y ? 0 : x < y ? -1 : 1;
}

/** A decimal as an integer mantissa and the number of digits after the point. */
function splitDecimal(text: string): [bigint, number] {
  const [base, exponentText] = text.toLowerCase().split('e');
  const exponent = Number(exponentText ?? 0);
  const negative = base.startsWith('-');
  const unsigned = base.replace(/^[+-]/, '');
  const [whole, fraction = ''] = unsigned.split('.');
  let mantissa = BigInt((whole || '0') + fraction);
  if (negative) mantissa = -mantissa;
  const scale = fraction.length - exponent;
  return scale >= 0 ? [mantissa, scale] : [mantissa * 10n ** BigInt(-scale), 0];
}

function compareFloat(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (Number.isNaN(x) || Number.isNaN(y))
    return Number.isNaN(x) && Number.isNaN(y) ? 0 : Number.isNaN(x) ? 1 : -1;
  return x === y ? 0 : x < y ? -1 : 1;
}

/**
 * Compares two non-null texts of a column kind as Postgres compares the typed values (text in code-point order,
 * which the snapshot query matches with COLLATE "C").
 * @example compareValues('numeric', '10.50', '10.5') // 0
 */
export function compareValues(kind: ValueKind, a: string, b: string, bpchar = false): number {
  switch (kind) {
    case 'int': {
      const x = BigInt(a);
      const y = BigInt(b);
      return x === y ? 0 : x < y ? -1 : 1;
    }
    case 'float':
      return compareFloat(a, b);
    case 'numeric':
      return compareDecimal(a, b);
    case 'bool': {
      const x = normalizeValue('bool', a);
      const y = normalizeValue('bool', b);
      return x === y ? 0 : x === 'f' ? -1 : 1;
    }
    case 'timestamptz': {
      const x = epochMicros(a);
      const y = epochMicros(b);
      if (x === null || y === null) return a < b ? -1 : a > b ? 1 : 0; // infinity and friends: rare; text order
      return x === y ? 0 : x < y ? -1 : 1;
    }
    case 'timestamp': {
      const x = normalizeValue('timestamp', a) ?? a;
      const y = normalizeValue('timestamp', b) ?? b;
      return x < y ? -1 : x > y ? 1 : 0;
    }
    default: {
      const x = bpchar ? a.replace(/ +$/, '') : a;
      const y = bpchar ? b.replace(/ +$/, '') : b;
      return x < y ? -1 : x > y ? 1 : 0;
    }
  }
}

/**
 * A LIKE pattern as a RegExp (`%` any run, `_` one character, `\` escapes the next character).
 * @example likePattern('pump%', false).test('pump-7') // true
 */
export function likePattern(pattern: string, caseInsensitive: boolean): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i]);
    else if (ch === '%') source += '[\\s\\S]*';
    else if (ch === '_') source += '[\\s\\S]';
    else source += escapeRegExp(ch);
  }
  return new RegExp(`^${source}$`, caseInsensitive ? 'iu' : 'u');
}

function escapeRegExp(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
