import type postgres from 'postgres';
import { parseCell } from './column-types';
import type { Delimiter } from './csv-dialect';
import { extraFieldsBlank } from './csv-preview';
import { csvRecords, lineLabel } from './csv-records';
import { writableColumns, type DataColumn, type DataTable } from './data-tables';
import { writeRows, type CellRow } from './row-writer';

/** A CSV line that does not fit the confirmed columns. */
export interface BadLine {
  line: number;
  column?: string;
  /** e.g. `line 1,204: "abc" is not a number for column temperature` */
  message: string;
}

/** Where the rows come from. */
export interface CsvSource {
  path: string;
  delimiter: Delimiter;
  header: boolean;
}

/** What a load did: rows written, or the lines that do not fit (the load is then to be rolled back). */
export interface LoadOutcome {
  rows: number;
  badLines: BadLine[];
  /** False when the scan stopped at MAX_BAD_LINES, so there may be more. */
  complete: boolean;
}

/** How many bad lines are collected before the scan stops. */
export const MAX_BAD_LINES = 100;
/** Values per INSERT statement (rows × columns). */
const BATCH_VALUES = 50_000;

/**
 * Checks one record against the confirmed columns: a row of canonical values, or why it does not fit.
 * @example checkRecord(['p1', 'abc'], 7, columns) // { line: 7, column: 'temperature', message: 'line 7: …' }
 */
export function checkRecord(fields: string[], line: number, columns: DataColumn[]): CellRow | BadLine {
  if (fields.length > columns.length && !extraFieldsBlank(fields, columns.length)) {
    return {
      line,
      message: `${lineLabel(line)}: it has ${fields.length} values but there are ${columns.length} columns`,
    };
  }
  const row: CellRow = [];
  for (let j = 0; j < columns.length; j++) {
    const { name, type, nullable } = columns[j];
    const cell = parseCell(fields[j] ?? '', type);
    if (!cell.ok)
      return { line, column: name, message: `${lineLabel(line)}: ${cell.reason} for column ${name}` };
    if (cell.value === null && !nullable) {
      return { line, column: name, message: `${lineLabel(line)}: the key column ${name} is empty` };
    }
    row.push(cell.value);
  }
  return row;
}

/** The data records of a CSV source (the header skipped). */
async function* dataRecords(source: CsvSource) {
  let skipHeader = source.header;
  for await (const record of csvRecords(source.path, source.delimiter)) {
    if (skipHeader) skipHeader = false;
    else yield record;
  }
}

/**
 * Streams a CSV file's rows into a data table in batched INSERTs (inserts only: a repeated key fails),
 * checking every value against its column's type on the way. From the first line that does not fit nothing
 * more is written, but the scan goes on to collect up to MAX_BAD_LINES of them for the refusal; the caller
 * rolls the transaction back. `onProgress` hears the number of rows checked so far.
 * @example const outcome = await loadCsvRows(tx, table, { path, delimiter: ',', header: true }, onProgress)
 */
export async function loadCsvRows(
  tx: postgres.TransactionSql,
  table: DataTable,
  source: CsvSource,
  onProgress: (rowsDone: number) => void,
): Promise<LoadOutcome> {
  const columns = writableColumns(table);
  const batchRows = Math.max(1, Math.floor(BATCH_VALUES / columns.length));
  const badLines: BadLine[] = [];
  let batch: CellRow[] = [];
  let rows = 0;
  for await (const { fields, line } of dataRecords(source)) {
    const checked = checkRecord(fields, line, columns);
    if (!Array.isArray(checked)) {
      badLines.push(checked);
      batch = [];
      if (badLines.length >= MAX_BAD_LINES) return { rows, badLines, complete: false };
    } else if (badLines.length === 0) {
      batch.push(checked);
    }
    rows++;
    if (batch.length >= batchRows) {
      await writeRows(tx, table, batch, { upsert: false });
      batch = [];
    }
    if (rows % 1000 === 0) onProgress(rows);
  }
  if (badLines.length === 0) await writeRows(tx, table, batch, { upsert: false });
  onProgress(rows);
  return { rows, badLines, complete: true };
}

/**
 * The first line whose key repeats an earlier line's, found by reading the file again (only after PostgreSQL
 * refused a repeated key, which it reports without a line).
 * @example await repeatedKeyLine({ path, delimiter: ',', header: true }, table) // 57
 */
export async function repeatedKeyLine(source: CsvSource, table: DataTable): Promise<number | undefined> {
  const columns = writableColumns(table);
  const keyIndexes = table.primaryKey.map((name) => columns.findIndex((c) => c.name === name));
  const seen = new Set<string>();
  for await (const { fields, line } of dataRecords(source)) {
    const row = checkRecord(fields, line, columns);
    if (!Array.isArray(row)) continue;
    const key = JSON.stringify(keyIndexes.map((i) => row[i]));
    if (seen.has(key)) return line;
    seen.add(key);
  }
  return undefined;
}
