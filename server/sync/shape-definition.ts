import { ShapeRequestError } from './shape-request-error';
import type { ColumnInfo, TableInfo } from './table-catalog';
import { parseWhere, type WhereNode } from './where-parser';

/** What a shape request names, before the table is looked up. */
export interface ShapeParams {
  schema: string;
  table: string;
  columns: string[] | null;
  where: string | null;
  params: Record<string, string>;
  replica: 'default' | 'full';
  log: 'full' | 'changes_only';
}

/** A shape checked against its table: the selected columns, the parsed where clause and the options. */
export interface ShapeDefinition {
  params: ShapeParams;
  table: TableInfo;
  columns: ColumnInfo[];
  where: WhereNode | null;
  /** Identifies the shape: equal keys share one log. */
  key: string;
}

const SYSTEM_SCHEMAS = /^(pg_catalog|information_schema|pg_toast)$/;

/**
 * Splits a possibly quoted, possibly schema-qualified name list (`id,"Status-Check"`, `data."Readings"`).
 * Unquoted names are folded to lower case, as Postgres does.
 * @example splitIdentifiers('a,"B c"', ',') // ['a', 'B c']
 */
export function splitIdentifiers(text: string, separator: ',' | '.'): string[] {
  const names: string[] = [];
  let i = 0;
  while (i <= text.length) {
    while (text[i] === ' ') i++;
    let name = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new ShapeRequestError(`A quoted name in "${text}" is not closed.`);
        if (text[i] === '"' && text[i + 1] === '"') {
          name += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else name += text[i++];
      }
    } else {
      const start = i;
      while (i < text.length && text[i] !== separator) i++;
      name = text.slice(start, i).trim().toLowerCase();
    }
    while (text[i] === ' ') i++;
    if (name === '') throw new ShapeRequestError(`"${text}" has an empty name in it.`);
    names.push(name);
    if (i >= text.length) break;
    if (text[i] !== separator)
      throw new ShapeRequestError(`Expected "${separator}" in "${text}" at character ${i + 1}.`);
    i++;
  }
  return names;
}

/**
 * Reads the shape parameters of a `/v1/shape` query (`table`, `columns`, `where`, `params[n]`, `replica`, `log`).
 * @example readShapeParams(new URL(request.url).searchParams)
 */
export function readShapeParams(query: URLSearchParams): ShapeParams {
  const tableText = query.get('table');
  if (!tableText) throw new ShapeRequestError('The "table" parameter is missing: name the table to sync.');
  const parts = splitIdentifiers(tableText, '.');
  if (parts.length > 2)
    throw new ShapeRequestError(`"${tableText}" is not a table name (use table or schema.table).`);
  const [schema, table] = parts.length === 2 ? parts : ['public', parts[0]];
  if (SYSTEM_SCHEMAS.test(schema)) throw new ShapeRequestError(`Tables in ${schema} cannot be synced.`);
  const columnsText = query.get('columns');
  const params: Record<string, string> = {};
  for (const [name, value] of query) {
    const match = /^params\[(\d+)\]$/.exec(name);
    if (match) params[String(Number(match[1]))] = value;
  }
  const replica = query.get('replica') ?? 'default';
  if (replica !== 'default' && replica !== 'full')
    throw new ShapeRequestError(`"replica" must be "default" or "full", not "${replica}".`);
  const log = query.get('log') ?? 'full';
  if (log !== 'full' && log !== 'changes_only')
    throw new ShapeRequestError(`"log" must be "full" or "changes_only", not "${log}".`);
  if ([...query.keys()].some((k) => k.startsWith('subset__')))
    throw new ShapeRequestError(
      'Subset snapshots (subset__ parameters) are not supported by the built-in sync.',
    );
  const where = query.get('where');
  return {
    schema,
    table,
    columns: columnsText ? splitIdentifiers(columnsText, ',') : null,
    where: where && where.trim() !== '' ? where : null,
    params,
    replica,
    log,
  };
}

/**
 * Checks shape parameters against the table: the columns exist and include the primary key, the where clause
 * is in the supported subset.
 * @example const definition = defineShape(params, await loadTableInfo(sql, 'public', 'readings'))
 */
export function defineShape(params: ShapeParams, table: TableInfo | null): ShapeDefinition {
  const qualified = `${params.schema}.${params.table}`;
  if (!table) throw new ShapeRequestError(`There is no table ${qualified}.`, 404, 'table_not_found');
  if (table.primaryKey.length === 0)
    throw new ShapeRequestError(
      `Table ${qualified} has no primary key; the sync needs one to identify rows.`,
    );
  let columns = table.columns;
  if (params.columns) {
    for (const name of params.columns)
      if (!table.columns.some((c) => c.name === name))
        throw new ShapeRequestError(
          `There is no column "${name}" in ${qualified} (its columns: ${table.columns.map((c) => c.name).join(', ')}).`,
        );
    const missing = table.primaryKey.filter((k) => !params.columns!.includes(k));
    if (missing.length > 0)
      throw new ShapeRequestError(
        `The columns must include the primary key: add ${missing.map((m) => `"${m}"`).join(', ')}.`,
      );
    columns = table.columns.filter((c) => params.columns!.includes(c.name));
  }
  const where = params.where ? parseWhere(params.where, table, params.params) : null;
  const key = JSON.stringify([
    params.schema,
    params.table,
    columns.map((c) => c.name),
    params.where,
    params.where ? params.params : {},
    params.replica,
    params.log,
  ]);
  return { params, table, columns, where, key };
}
