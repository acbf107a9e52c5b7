import type postgres from 'postgres';
import { jsonToCell } from './column-types';
import { hasChosenKey, writableColumns, type DataTable } from './data-tables';
import { dataTableSql, quoteIdent } from './identifiers';

/** A checked row: one canonical text value (or null) per writable column, in the table's column order. */
export type CellRow = (string | null)[];

/** A value of a JSON row that does not fit, by row index (0-based) and column. */
export interface RowProblem {
  row: number;
  column?: string;
  message: string;
}

/** How many problems are collected before checking stops. */
export const MAX_ROW_PROBLEMS = 100;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks one JSON row against a table's columns: every key must be a writable column, every value must fit
 * its column's type (see jsonToCell), the chosen key columns must have values. Missing columns are null.
 * @example checkJsonRow(table, { pump_id: 'p1', temperature: 21.5 }, 0) // ['p1', '21.5']
 */
export function checkJsonRow(table: DataTable, row: unknown, index: number): CellRow | RowProblem {
  const columns = writableColumns(table);
  if (!isPlainObject(row)) return { row: index, message: `Row ${index} is not an object of column values.` };
  for (const key of Object.keys(row)) {
    const column = table.columns.find((c) => c.name === key);
    if (column?.generated) {
      return {
        row: index,
        column: key,
        message: `Row ${index} sets "${key}", which the table generates; leave it out.`,
      };
    }
    if (!column) {
      const names = columns.map((c) => c.name).join(', ');
      return {
        row: index,
        column: key,
        message: `Row ${index} has a column "${key}" that the table does not have (its columns: ${names}).`,
      };
    }
  }
  const cells: CellRow = [];
  for (const { name, type, nullable } of columns) {
    const cell = jsonToCell(row[name], type);
    if (!cell.ok)
      return { row: index, column: name, message: `Row ${index}, column "${name}": ${cell.reason}.` };
    if (cell.value === null && !nullable) {
      return { row: index, column: name, message: `Row ${index} has no value for the key column "${name}".` };
    }
    cells.push(cell.value);
  }
  if (cells.every((cell) => cell === null)) return { row: index, message: `Row ${index} has no values.` };
  return cells;
}

/**
 * Checks a batch of JSON rows; either all rows, or the problems (up to MAX_ROW_PROBLEMS).
 * @example const { rows, problems } = checkJsonRows(table, body.rows)
 */
export function checkJsonRows(
  table: DataTable,
  input: readonly unknown[],
): { rows: CellRow[]; problems: RowProblem[] } {
  const rows: CellRow[] = [];
  const problems: RowProblem[] = [];
  for (let i = 0; i < input.length && problems.length < MAX_ROW_PROBLEMS; i++) {
    const checked = checkJsonRow(table, input[i], i);
    if (Array.isArray(checked)) rows.push(checked);
    else problems.push(checked);
  }
  return { rows, problems };
}

/** Rows of a batch with the same key collapse to the last one (as if applied in order). */
function lastPerKey(rows: CellRow[], keyIndexes: number[]): CellRow[] {
  const byKey = new Map<string, CellRow>();
  for (const row of rows) {
    const key = JSON.stringify(keyIndexes.map((i) => row[i]));
    byKey.delete(key);
    byKey.set(key, row);
  }
  return [...byKey.values()];
}

/**
 * Writes checked rows in one statement (one text array per column, unnested and cast in order), in the
 * caller's transaction, and adds the new rows to the table's row count. With a key chosen by the owner, rows
 * are upserted: a row whose key exists replaces that row's other columns (a column missing from the JSON row
 * becomes null), and within a batch the last row with a key wins. With a generated key, every row is a new
 * row. `upsert: false` inserts only, so a repeated key fails with PostgreSQL's unique violation (23505).
 * @example const { inserted, updated } = await writeRows(tx, table, rows)
 */
export async function writeRows(
  tx: postgres.TransactionSql,
  table: DataTable,
  input: CellRow[],
  options: { upsert?: boolean } = {},
): Promise<{ inserted: number; updated: number }> {
  if (input.length === 0) return { inserted: 0, updated: 0 };
  const columns = writableColumns(table);
  const upsert = options.upsert ?? hasChosenKey(table);
  const keyIndexes = table.primaryKey.map((name) => columns.findIndex((c) => c.name === name));
  const rows = upsert ? lastPerKey(input, keyIndexes) : input;
  const names = columns.map((c) => quoteIdent(c.name));
  const arrays = columns.map((_, j) => rows.map((row) => row[j]));
  const others = columns.filter((c) => !table.primaryKey.includes(c.name)).map((c) => quoteIdent(c.name));
  const conflict = !upsert
    ? ''
    : others.length === 0
      ? `on conflict (${table.primaryKey.map(quoteIdent).join(', ')}) do nothing`
      : `on conflict (${table.primaryKey.map(quoteIdent).join(', ')}) do update set ${others.map((n) => `${n} = excluded.${n}`).join(', ')}`;
  const [counts] = await tx.unsafe<{ inserted: number; updated: number }[]>(
    `with written as (
       insert into ${dataTableSql(table.tableName)} (${names.join(', ')})
       select ${columns.map((c, j) => `u.c${j}::${c.type}`).join(', ')}
       from unnest(${columns.map((_, j) => `$${j + 1}::text[]`).join(', ')}) with ordinality
         as u(${columns.map((_, j) => `c${j}`).join(', ')}, ord)
       order by u.ord
       ${conflict}
       returning (xmax = 0) as inserted)
     select count(*) filter (where inserted)::int as inserted,
            count(*) filter (where not inserted)::int as updated
     from written`,
    arrays as never,
  );
  if (counts.inserted > 0) {
    await tx`update data_tables set row_count = row_count + ${counts.inserted} where id = ${table.id}`;
  }
  return counts;
}
