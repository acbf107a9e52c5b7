/**
 * Matching a blueprint input's declared columns to the columns of a user's table: which of the user's columns
 * can supply a declared column (type compatibility, with a plain reason when not), and which are the likely
 * ones (name similarity after normalising case, separators, plurals, units and common synonyms, plus hints from
 * the column's type, role and unit). Pure: no DOM, no network.
 */
import type { ColumnRole, ColumnType } from '../../schemas/blueprint/blueprint.types';

/** A column the blueprint's input declares. */
export interface DeclaredColumn {
  name: string;
  type: ColumnType;
  role?: ColumnRole;
  unit?: string;
  optional?: boolean;
}

/** A column of the user's table; `type` is null when no blueprint can use it (then `pgType` says what it is). */
export interface SourceColumn {
  name: string;
  type: ColumnType | null;
  pgType?: string;
}

/** Whether a column of the user's table can supply a declared column, and why not. */
export type Compatibility = { ok: true; note?: string } | { ok: false; reason: string };

/** One of the user's columns as a candidate for a declared column. */
export interface Candidate {
  column: string;
  type: ColumnType | null;
  /** 0 to 1: how likely this is the right column (0 for incompatible ones). */
  score: number;
  compatibility: Compatibility;
}

/** The least score for which a column is suggested on its own. */
export const SUGGEST_THRESHOLD = 0.3;

type Family = 'integer' | 'decimal' | 'time' | 'date' | 'text' | 'uuid' | 'bool' | 'json' | 'bytes';

const FAMILY: Readonly<Record<ColumnType, Family>> = {
  int2: 'integer',
  int4: 'integer',
  int8: 'integer',
  float4: 'decimal',
  float8: 'decimal',
  numeric: 'decimal',
  timestamptz: 'time',
  timestamp: 'time',
  date: 'date',
  text: 'text',
  uuid: 'uuid',
  bool: 'bool',
  json: 'json',
  jsonb: 'json',
  bytea: 'bytes',
};

const WORDS: Readonly<Record<Family, string>> = {
  integer: 'whole numbers',
  decimal: 'numbers',
  time: 'dates and times',
  date: 'dates',
  text: 'text',
  uuid: 'UUIDs',
  bool: 'yes/no values',
  json: 'JSON data',
  bytes: 'binary data',
};

/** Which families of the user's columns each declared family accepts. */
const ACCEPTS: Readonly<Record<Family, readonly Family[]>> = {
  integer: ['integer'],
  decimal: ['decimal', 'integer'],
  time: ['time', 'date'],
  date: ['date', 'time'],
  text: ['text', 'uuid', 'integer', 'decimal', 'bool', 'time', 'date'],
  uuid: ['uuid', 'text'],
  bool: ['bool'],
  json: ['json'],
  bytes: ['bytes'],
};

/**
 * In plain words, what values a column type holds.
 * @example typeWords('float8') // 'numbers'
 */
export function typeWords(type: ColumnType): string {
  return WORDS[FAMILY[type]];
}

/**
 * Whether a column of the user's table (`actual`) can supply a declared column of type `declared`; when not,
 * the reason in plain words.
 * @example typeCompatibility('float8', 'int8') // { ok: true }
 * @example typeCompatibility('float8', 'text') // { ok: false, reason: 'It holds text, but numbers are needed.' }
 */
export function typeCompatibility(
  declared: ColumnType,
  actual: ColumnType | null,
  pgType?: string,
): Compatibility {
  const want = FAMILY[declared];
  if (actual === null) {
    return {
      ok: false,
      reason: `Its type (${pgType ?? 'unknown'}) cannot be read by a twin; ${WORDS[want]} are needed.`,
    };
  }
  const have = FAMILY[actual];
  if (!ACCEPTS[want].includes(have)) {
    const hint = want === 'integer' && have === 'decimal' ? ' (decimals would be cut off)' : '';
    return { ok: false, reason: `It holds ${WORDS[have]}, but ${WORDS[want]} are needed${hint}.` };
  }
  if (want === have) return { ok: true };
  if (want === 'text') return { ok: true, note: `Its ${WORDS[have]} will be shown as text.` };
  if (want === 'time' && have === 'date')
    return { ok: true, note: 'It has dates only: times will be midnight.' };
  if (want === 'date') return { ok: true, note: 'Only the date part will be used.' };
  if (want === 'uuid') return { ok: true, note: 'Every value must be a UUID.' };
  return { ok: true };
}

/** Words that mean the same thing in column names, mapped to one spelling. */
const SYNONYMS: Readonly<Record<string, string>> = Object.fromEntries(
  (
    [
      [
        'time',
        ['ts', 'time', 'timestamp', 'datetime', 'date', 'at', 'when', 'recorded', 'measured', 'logged'],
      ],
      ['temperature', ['temp', 'temperature', 'tmp']],
      ['vibration', ['vib', 'vibration', 'vibr']],
      ['pressure', ['press', 'pressure', 'pres']],
      ['humidity', ['hum', 'humid', 'humidity', 'rh']],
      ['id', ['id', 'identifier', 'uid', 'key']],
      ['name', ['name', 'label', 'title']],
      ['quantity', ['qty', 'quantity', 'count', 'cnt']],
      ['percent', ['pct', 'percent', 'perc', 'percentage']],
      ['average', ['avg', 'mean', 'average']],
      ['value', ['val', 'value', 'reading', 'measurement']],
      ['location', ['loc', 'location', 'site']],
      ['machine', ['machine', 'device', 'asset', 'equipment', 'unit', 'pump', 'motor']],
      ['status', ['status', 'state']],
      ['latitude', ['lat', 'latitude']],
      ['longitude', ['lon', 'lng', 'long', 'longitude']],
      ['speed', ['speed', 'velocity']],
      ['power', ['pwr', 'power']],
      ['voltage', ['volt', 'volts', 'voltage']],
      ['current', ['amp', 'amps', 'current']],
    ] as const
  ).flatMap(([canonical, words]) => words.map((w) => [w, canonical])),
);

/** Units that trail column names (temperature_c, vibration_mm_s) and say nothing about what the column is. */
const UNITS = new Set([
  'c',
  'degc',
  'deg',
  'celsius',
  'f',
  'degf',
  'fahrenheit',
  'k',
  'kelvin',
  'mm',
  'mms',
  's',
  'ms',
  'hz',
  'kpa',
  'pa',
  'bar',
  'psi',
  'kw',
  'kwh',
  'w',
  'in',
  'of',
  'the',
]);

/**
 * The words of a column name, normalised: split at separators, case changes and digits, lower-cased, plurals
 * and units dropped, synonyms replaced by one spelling, each word once.
 * @example nameTokens('RecordedAt') // ['time']
 * @example nameTokens('temperature_C') // ['temperature']
 */
export function nameTokens(name: string): string[] {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+|(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])/)
    .filter((w) => w !== '');
  const meaningful = words.filter((w) => !UNITS.has(w));
  const kept = meaningful.length > 0 ? meaningful : words;
  const tokens = kept.map((w) => {
    if (SYNONYMS[w]) return SYNONYMS[w];
    const singular = w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
    return SYNONYMS[singular] ?? singular;
  });
  return [...new Set(tokens)];
}

function bigrams(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length - 1; i++) out.push(text.slice(i, i + 2));
  return out;
}

/** Dice coefficient of the letter pairs of two strings (0 to 1). */
function dice(a: string, b: string): number {
  if (a === b) return 1;
  const left = bigrams(a);
  const right = bigrams(b);
  if (left.length === 0 || right.length === 0) return 0;
  const pool = [...right];
  let shared = 0;
  for (const pair of left) {
    const at = pool.indexOf(pair);
    if (at >= 0) {
      shared++;
      pool.splice(at, 1);
    }
  }
  return (2 * shared) / (left.length + right.length);
}

/**
 * How alike two column names are, from 0 to 1, after normalising both (see `nameTokens`).
 * @example nameSimilarity('temp', 'Temperature (°C)') // 1
 * @example nameSimilarity('line', 'line_name') // 0.7
 */
export function nameSimilarity(a: string, b: string): number {
  const left = nameTokens(a);
  const right = nameTokens(b);
  if (left.length === 0 || right.length === 0) return 0;
  if (left.join(' ') === right.join(' ')) return 1;
  const shared = left.filter((t) => right.includes(t)).length;
  const union = new Set([...left, ...right]).size;
  const byWords = 0.6 * (shared / union) + 0.4 * (shared / Math.min(left.length, right.length));
  const byLetters = 0.8 * dice(left.join(''), right.join(''));
  return Math.min(1, Math.max(byWords, byLetters));
}

function roleFit(declared: DeclaredColumn, column: SourceColumn): number {
  if (column.type === null) return 0;
  const family = FAMILY[column.type];
  switch (declared.role) {
    case 'time':
      return family === 'time' || family === 'date' ? 0.3 : 0;
    case 'key':
      return nameTokens(column.name).includes('id') ? 0.1 : 0;
    case 'measure':
      return family === 'decimal' || family === 'integer' ? 0.05 : 0;
    case 'entity':
    case 'label':
    case 'category':
      return family === 'text' ? 0.05 : 0;
    default:
      return 0;
  }
}

/** A unit as letters and digits only: `m³/h` → `m3h`, `°C` → `c`, `mm/s` → `mms`. */
function unitLetters(unit: string): string {
  return unit
    .toLowerCase()
    .replace(/³/g, '3')
    .replace(/²/g, '2')
    .replace(/µ/g, 'u')
    .replace(/[^a-z0-9]/g, '')
    .replace(/^deg(?=[a-z])/, '');
}

/**
 * Whether a column's name ends with the declared column's unit (`discharge_bar` for a pressure in bar, `flow_m3h`
 * for m³/h, or a column named after the unit, `rpm`): a strong hint when the words themselves differ.
 */
function unitFit(declared: DeclaredColumn, column: SourceColumn): number {
  const unit = declared.unit ? unitLetters(declared.unit) : '';
  if (!unit) return 0;
  const words = column.name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9³²°µ]+/)
    .filter((w) => w !== '');
  for (let k = 1; k <= Math.min(3, words.length); k++)
    if (unitLetters(words.slice(-k).join('')) === unit) return 0.3;
  return 0;
}

/**
 * Every column of the user's table as a candidate for one declared column, best first: compatible columns by
 * score (name similarity, then type and role hints), then the incompatible ones, each with its reason.
 * @example rankCandidates({ name: 'ts', type: 'timestamptz', role: 'time' }, columns)[0].column // 'recorded_at'
 */
export function rankCandidates(declared: DeclaredColumn, columns: readonly SourceColumn[]): Candidate[] {
  const ranked = columns.map((column): Candidate => {
    const compatibility = typeCompatibility(declared.type, column.type, column.pgType);
    if (!compatibility.ok) return { column: column.name, type: column.type, score: 0, compatibility };
    const exactName = column.name.toLowerCase() === declared.name.toLowerCase() ? 0.05 : 0;
    const typeFit = column.type === declared.type ? 0.1 : compatibility.note ? 0 : 0.05;
    const score =
      0.75 * nameSimilarity(declared.name, column.name) +
      typeFit +
      roleFit(declared, column) +
      unitFit(declared, column) +
      exactName;
    return { column: column.name, type: column.type, score: Math.min(1, score), compatibility };
  });
  return ranked.sort(
    (a, b) =>
      Number(b.compatibility.ok) - Number(a.compatibility.ok) ||
      b.score - a.score ||
      a.column.localeCompare(b.column),
  );
}

/**
 * The suggested column of the user's table for each declared column: the best-scoring compatible pairs are
 * taken first and no column of the table is suggested twice; declared columns with no likely match are left out.
 * @example suggestMapping(declared, columns) // { ts: 'recorded_at', temp: 'temperature_c' }
 */
export function suggestMapping(
  declared: readonly DeclaredColumn[],
  columns: readonly SourceColumn[],
): Record<string, string> {
  const pairs = declared.flatMap((d) =>
    rankCandidates(d, columns)
      .filter((c) => c.compatibility.ok && c.score >= SUGGEST_THRESHOLD)
      .map((c) => ({ declared: d.name, column: c.column, score: c.score })),
  );
  pairs.sort((a, b) => b.score - a.score);
  const mapping: Record<string, string> = {};
  const taken = new Set<string>();
  for (const pair of pairs) {
    if (mapping[pair.declared] !== undefined || taken.has(pair.column)) continue;
    mapping[pair.declared] = pair.column;
    taken.add(pair.column);
  }
  return mapping;
}
