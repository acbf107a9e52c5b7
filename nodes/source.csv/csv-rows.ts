import { parse } from 'csv-parse/browser/esm/sync';
import type { ColumnType } from '../../runtime/compiler/document-types';
import type { KeyedRow, Value } from '../../runtime/engine/node-api';
import { normaliseValue } from '../../runtime/engine/value-conventions';

/** A column the CSV source reads (its config's `columns` item). */
export interface CsvColumn {
  name: string;
  type: ColumnType;
  unit?: string;
  /** The column's title in the header line, when it differs from `name`. */
  header?: string;
}

/** How to read a file. */
export interface CsvOptions {
  columns: readonly CsvColumn[];
  key?: string;
  header: boolean;
  delimiter: string;
}

/** A line left out, with why, in plain words. */
export interface BadLine {
  line: number;
  reason: string;
}

/** What reading a file gave: its rows, the lines left out, and problems with the file as a whole. */
export interface CsvResult {
  rows: KeyedRow[];
  badLines: BadLine[];
  /** Problems that stop the whole file being read (no key column, declared columns missing from the header). */
  fatal?: string;
  /** Declared columns the header does not have (their values are empty). */
  missingColumns: string[];
}

const TYPE_WORDS: Partial<Record<ColumnType, string>> = {
  int2: 'a whole number',
  int4: 'a whole number',
  int8: 'a whole number',
  float4: 'a number',
  float8: 'a number',
  numeric: 'a number',
  bool: 'yes or no',
  timestamptz: 'a date and time',
  timestamp: 'a date and time',
  date: 'a date',
  json: 'JSON',
  jsonb: 'JSON',
};

const quote = (text: string) => `"${text.length > 30 ? `${text.slice(0, 30)}…` : text}"`;

/** Reads one field as its column's type: empty is null (text keeps ''), unreadable gives a reason. */
function readField(text: string, column: CsvColumn): { value: Value } | { reason: string } {
  if (column.type === 'text' || column.type === 'uuid') return { value: text };
  if (text.trim() === '') return { value: null };
  const normalised = normaliseValue(text, column.type);
  const whole = ['int2', 'int4', 'int8'].includes(column.type);
  if (
    normalised.failed ||
    (whole && typeof normalised.value === 'number' && !Number.isInteger(normalised.value))
  )
    return { reason: `${quote(text)} in ${column.name} is not ${TYPE_WORDS[column.type] ?? column.type}` };
  return { value: normalised.value };
}

/**
 * Reads CSV text into keyed rows of the declared columns, each value converted to its type. Lines that cannot
 * be read (wrong number of values, a value not of its column's type, an empty or repeated key, broken quoting)
 * are left out and listed with their line numbers. Runs in browsers and Node alike (csv-parse's browser build).
 * @example
 * readCsv('id,v\n1,2.5\n2,x\n', { columns: [{ name: 'id', type: 'int4' }, { name: 'v', type: 'float8' }], key: 'id', header: true, delimiter: ',' })
 * // rows: [{ key: '1', row: { id: 1, v: 2.5 } }], badLines: [{ line: 3, reason: '"x" in v is not a number' }]
 */
export function readCsv(text: string, options: CsvOptions): CsvResult {
  const badLines: BadLine[] = [];
  const { columns, key } = options;
  const keyIndex = key === undefined ? -1 : columns.findIndex((c) => c.name === key);
  if (key !== undefined && keyIndex < 0)
    return {
      rows: [],
      badLines,
      missingColumns: [],
      fatal: `the key column "${key}" is not one of the declared columns (${columns.map((c) => c.name).join(', ')})`,
    };
  const records = parse(text, {
    bom: true,
    delimiter: options.delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      badLines.push({
        line: Number(error?.lines ?? 0),
        reason:
          'its quoting is broken (a quote is not closed, or text follows a closing quote); the lines after it may be missing too',
      });
      return undefined;
    },
  }) as unknown as { info: { lines: number }; record: string[] }[];

  let positions = columns.map((_, i) => i);
  const missingColumns: string[] = [];
  let data = records;
  if (options.header) {
    const [head, ...rest] = records;
    data = rest;
    const titles = (head?.record ?? []).map((t) => t.trim());
    positions = columns.map((c) => titles.indexOf(c.header ?? c.name));
    columns.forEach((c, i) => {
      if (positions[i] < 0) missingColumns.push(c.header ?? c.name);
    });
    if (keyIndex >= 0 && positions[keyIndex] < 0)
      return {
        rows: [],
        badLines,
        missingColumns,
        fatal: `its header has no key column "${columns[keyIndex].header ?? key}" (it has: ${titles.join(', ') || 'nothing'})`,
      };
  }
  const needed = Math.max(...positions) + 1;
  const rows: KeyedRow[] = [];
  const seen = new Map<string, number>();
  for (const { info, record } of data) {
    const line = info.lines;
    if (record.length < needed) {
      badLines.push({ line, reason: `it has ${record.length} values, ${needed} expected` });
      continue;
    }
    const row: Record<string, Value> = {};
    let reason: string | undefined;
    columns.forEach((column, i) => {
      if (reason !== undefined) return;
      if (positions[i] < 0) {
        row[column.name] = null;
        return;
      }
      const field = readField(record[positions[i]], column);
      if ('reason' in field) reason = field.reason;
      else row[column.name] = field.value;
    });
    if (reason !== undefined) {
      badLines.push({ line, reason });
      continue;
    }
    const rowKey = keyIndex < 0 ? String(line) : record[positions[keyIndex]].trim();
    if (rowKey === '') {
      badLines.push({ line, reason: `its key ${key} is empty` });
      continue;
    }
    const first = seen.get(rowKey);
    if (first !== undefined) {
      badLines.push({ line, reason: `its key ${quote(rowKey)} was already used on line ${first}` });
      continue;
    }
    seen.set(rowKey, line);
    rows.push({ key: rowKey, row });
  }
  badLines.sort((a, b) => a.line - b.line);
  return { rows, badLines, missingColumns };
}
