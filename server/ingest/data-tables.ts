import type postgres from 'postgres';
import type { AuthUser } from '../app-env';
import { canManage } from '../auth/authenticate';
import { ApiError } from '../http/api-error';
import type { ColumnType } from './column-types';
import { isUuid } from '../http/uuid';

/**
 * A column of an ingested table. The generated key (`id bigint generated always as identity`) is `generated`.
 */
export interface DataColumn {
  name: string;
  type: ColumnType;
  nullable: boolean;
  generated?: boolean;
}

/** An ingested table in schema `data`, as registered in `data_tables`. */
export interface DataTable {
  id: string;
  ownerId: string;
  tableName: string;
  title: string;
  source: 'csv' | 'http' | 'mqtt';
  columns: DataColumn[];
  primaryKey: string[];
  rowCount: number;
  createdAt: Date;
}

/** Runs SQL: the pool or a transaction. */
export type Sql = postgres.ISql;

type DataTableRow = {
  id: string;
  owner_id: string;
  table_name: string;
  title: string;
  source: DataTable['source'];
  columns: DataColumn[];
  primary_key: string[];
  row_count: number;
  // A string: drizzle makes the shared postgres.js client return timestamps as written.
  created_at: string | Date;
};

function fromRow(row: DataTableRow): DataTable {
  return {
    id: row.id,
    ownerId: row.owner_id,
    tableName: row.table_name,
    title: row.title,
    source: row.source,
    columns: row.columns,
    primaryKey: row.primary_key,
    rowCount: row.row_count,
    createdAt: new Date(row.created_at),
  };
}

/**
 * A data table by id, or null (also for an id that is not a UUID). `forUpdate` locks its registry row.
 * @example const table = await findDataTable(database.sql, id)
 */
export async function findDataTable(sql: Sql, id: string, forUpdate = false): Promise<DataTable | null> {
  if (!isUuid(id)) return null;
  const rows = forUpdate
    ? await sql<DataTableRow[]>`select * from data_tables where id = ${id} for update`
    : await sql<DataTableRow[]>`select * from data_tables where id = ${id}`;
  return rows[0] ? fromRow(rows[0]) : null;
}

/**
 * A data table the user may use (its owner or an administrator); 404 otherwise, so that others cannot tell
 * whether it exists.
 * @example const table = await loadManagedTable(database.sql, user, id)
 */
export async function loadManagedTable(
  sql: Sql,
  user: AuthUser,
  id: string,
  forUpdate = false,
): Promise<DataTable> {
  const table = await findDataTable(sql, id, forUpdate);
  if (!table || !canManage(user, table.ownerId)) {
    throw new ApiError(404, 'not_found', 'This data table does not exist, or it is not yours.');
  }
  return table;
}

/**
 * The data tables a user owns, newest first.
 * @example const tables = await listDataTables(database.sql, user.id)
 */
export async function listDataTables(sql: Sql, ownerId: string): Promise<DataTable[]> {
  const rows = await sql<DataTableRow[]>`
    select * from data_tables where owner_id = ${ownerId} order by created_at desc, table_name`;
  return rows.map(fromRow);
}

/**
 * The columns rows are written to: all but the generated key.
 * @example writableColumns(table).map((c) => c.name)
 */
export function writableColumns(table: Pick<DataTable, 'columns'>): DataColumn[] {
  return table.columns.filter((column) => !column.generated);
}

/**
 * Whether the table's key was chosen by its owner (rows are then upserted by it), rather than generated.
 * @example if (hasChosenKey(table)) ... on conflict ... do update
 */
export function hasChosenKey(table: Pick<DataTable, 'columns'>): boolean {
  return !table.columns.some((column) => column.generated);
}

/**
 * A data table as the API shows it.
 * @example c.json(dataTableView(table))
 */
export function dataTableView(table: DataTable) {
  return {
    id: table.id,
    title: table.title,
    tableName: table.tableName,
    qualifiedName: `data.${table.tableName}`,
    source: table.source,
    columns: table.columns,
    primaryKey: table.primaryKey,
    keyGenerated: !hasChosenKey(table),
    rowCount: table.rowCount,
    createdAt: table.createdAt.toISOString(),
  };
}
