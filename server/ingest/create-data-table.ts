import type postgres from 'postgres';
import { ApiError } from '../http/api-error';
import type { ColumnType } from './column-types';
import { findDataTable, type DataColumn, type DataTable } from './data-tables';
import { DATA_SCHEMA, dataTableSql, IDENTIFIER, quoteIdent, toIdentifier, uniqueNames } from './identifiers';

/** What a new data table should be: its columns, optionally its key (else a generated `id`) and its name. */
export interface TableSpec {
  title: string;
  /** Its name in schema `data`; derived from the title when absent. */
  tableName?: string;
  columns: { name: string; type: ColumnType }[];
  /** Columns whose values identify a row; rows are then upserted by them. */
  primaryKey?: string[];
  source: DataTable['source'];
}

const invalid = (message: string) => new ApiError(400, 'invalid_request', message);
const NAME_RULE = 'use lower-case letters, digits and _ (at most 63), not starting with a digit';

/**
 * Checks a table spec's columns and key and returns the columns to create: the chosen key columns are not
 * null, every other column may be; without a chosen key a generated `id` (or `row_id`… if `id` is taken)
 * leads. Throws 400 naming the first problem.
 * @example planColumns({ title: 'T', columns: [{ name: 'a', type: 'int8' }], source: 'http' })
 */
export function planColumns(spec: TableSpec): { columns: DataColumn[]; primaryKey: string[] } {
  const seen = new Set<string>();
  for (const { name } of spec.columns) {
    if (!IDENTIFIER.test(name)) throw invalid(`The column name "${name}" is not allowed: ${NAME_RULE}.`);
    if (seen.has(name)) throw invalid(`There are two columns called "${name}"; give each its own name.`);
    seen.add(name);
  }
  const key = spec.primaryKey ?? [];
  for (const name of key) {
    if (!seen.has(name)) throw invalid(`The key column "${name}" is not one of the columns.`);
  }
  if (new Set(key).size !== key.length) throw invalid('The key names a column twice.');
  const columns: DataColumn[] = spec.columns.map(({ name, type }) => ({
    name,
    type,
    nullable: !key.includes(name),
  }));
  if (key.length > 0) return { columns, primaryKey: key };
  const keyName = seen.has('id') ? uniqueNames(['row_id'], seen)[0] : 'id';
  return {
    columns: [{ name: keyName, type: 'int8', nullable: false, generated: true }, ...columns],
    primaryKey: [keyName],
  };
}

async function nameTaken(sql: postgres.ISql, name: string): Promise<boolean> {
  const rows = await sql`
    select 1 from data_tables where table_name = ${name}
    union all
    select 1 from information_schema.tables where table_schema = ${DATA_SCHEMA} and table_name = ${name}`;
  return rows.length > 0;
}

async function chooseTableName(sql: postgres.ISql, spec: TableSpec): Promise<string> {
  if (spec.tableName !== undefined) {
    if (!IDENTIFIER.test(spec.tableName) || spec.tableName.startsWith('pg_')) {
      throw invalid(
        `The table name "${spec.tableName}" is not allowed: ${NAME_RULE} (and not starting with pg_).`,
      );
    }
    if (await nameTaken(sql, spec.tableName)) {
      throw new ApiError(
        409,
        'table_name_taken',
        `A table called "${spec.tableName}" already exists; choose another name.`,
      );
    }
    return spec.tableName;
  }
  const base = toIdentifier(spec.title, 'table').replace(/^pg_/, 't_').slice(0, 56);
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? base : `${base}_${n}`;
    if (!(await nameTaken(sql, candidate))) return candidate;
  }
  throw new ApiError(409, 'table_name_taken', 'Too many tables have this title; give the table a name.');
}

function columnSql(column: DataColumn, soleGeneratedKey: boolean): string {
  if (column.generated) {
    return `${quoteIdent(column.name)} bigint generated always as identity${soleGeneratedKey ? ' primary key' : ''}`;
  }
  return `${quoteIdent(column.name)} ${column.type}${column.nullable ? '' : ' not null'}`;
}

/**
 * Creates `data.<table>` with its key and registers it in data_tables, in the caller's transaction (so a
 * failed import leaves neither). Throws 400 for a bad spec and 409 for a taken name.
 * @example const table = await database.sql.begin((tx) => createDataTable(tx, user.id, spec))
 */
export async function createDataTable(
  tx: postgres.TransactionSql,
  ownerId: string,
  spec: TableSpec,
): Promise<DataTable> {
  const { columns, primaryKey } = planColumns(spec);
  const tableName = await chooseTableName(tx, spec);
  const generated = columns.some((c) => c.generated);
  const parts = columns.map((c) => columnSql(c, generated));
  if (!generated) parts.push(`primary key (${primaryKey.map(quoteIdent).join(', ')})`);
  try {
    await tx.unsafe(`create table ${dataTableSql(tableName)} (${parts.join(', ')})`);
  } catch (error) {
    if ((error as { code?: string }).code === '42P07') {
      throw new ApiError(
        409,
        'table_name_taken',
        `A table called "${tableName}" already exists; choose another name.`,
      );
    }
    throw error;
  }
  const [row] = await tx<{ id: string }[]>`
    insert into data_tables (owner_id, table_name, title, source, columns, primary_key)
    values (${ownerId}, ${tableName}, ${spec.title}, ${spec.source}, ${JSON.stringify(columns)}::json, ${primaryKey})
    returning id`;
  return (await findDataTable(tx, row.id))!;
}
