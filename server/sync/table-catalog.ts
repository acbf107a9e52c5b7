import type postgres from 'postgres';

/** How the where-clause evaluator compares a column's values (see where-evaluate.ts); `other` cannot be filtered. */
export type ValueKind =
  | 'int'
  | 'float'
  | 'numeric'
  | 'bool'
  | 'text'
  | 'uuid'
  | 'date'
  | 'timestamp'
  | 'timestamptz'
  | 'enum'
  | 'other';

/** One column of a synced table, from the catalog. */
export interface ColumnInfo {
  name: string;
  typeOid: number;
  typeMod: number;
  /** pg_type.typname of the column, or of its elements for an array (what `electric-schema` reports). */
  typeName: string;
  /** The type to cast a bound parameter to, e.g. `timestamp with time zone` (never user text). */
  sqlType: string;
  dims: number;
  notNull: boolean;
  /** Position in the primary key (0-based), or null. */
  pkIndex: number | null;
  kind: ValueKind;
  /** char(n): cast with concat() to keep its padding, as pgoutput does. */
  isBpchar: boolean;
}

/** A table a shape can sync. */
export interface TableInfo {
  oid: number;
  schema: string;
  name: string;
  columns: ColumnInfo[];
  /** Primary key column names in key order. */
  primaryKey: string[];
  replicaIdentityFull: boolean;
}

const KINDS: Record<string, ValueKind> = {
  int2: 'int',
  int4: 'int',
  int8: 'int',
  oid: 'int',
  float4: 'float',
  float8: 'float',
  numeric: 'numeric',
  bool: 'bool',
  text: 'text',
  varchar: 'text',
  bpchar: 'text',
  name: 'text',
  uuid: 'uuid',
  date: 'date',
  timestamp: 'timestamp',
  timestamptz: 'timestamptz',
};

/**
 * Reads a table's columns, types and primary key from the catalog; null when there is no such ordinary table.
 * @example const table = await loadTableInfo(sql, 'public', 'readings')
 */
export async function loadTableInfo(
  sql: postgres.Sql,
  schema: string,
  name: string,
): Promise<TableInfo | null> {
  const rows = await sql<
    {
      oid: number;
      replident: string;
      attname: string;
      atttypid: number;
      atttypmod: number;
      attnotnull: boolean;
      attndims: number;
      typname: string;
      typtype: string;
      typcategory: string;
      elem_typname: string | null;
      sql_type: string;
      pk_pos: number | null;
    }[]
  >`
    select c.oid::int8::float8 as oid, c.relreplident::text as replident, a.attname, a.atttypid::int8::float8 as atttypid,
      a.atttypmod, a.attnotnull, a.attndims, t.typname, t.typtype::text as typtype,
      t.typcategory::text as typcategory, et.typname as elem_typname, a.atttypid::regtype::text as sql_type,
      array_position(i.indkey::int2[], a.attnum) as pk_pos
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    join pg_type t on t.oid = a.atttypid
    left join pg_type et on t.typcategory = 'A' and et.oid = t.typelem
    left join pg_index i on i.indrelid = c.oid and i.indisprimary
    where n.nspname = ${schema} and c.relname = ${name} and c.relkind in ('r', 'p')
    order by a.attnum`;
  if (rows.length === 0) return null;
  const columns: ColumnInfo[] = rows.map((row) => {
    const isArray = row.typcategory === 'A';
    const typeName = isArray ? (row.elem_typname ?? row.typname) : row.typname;
    return {
      name: row.attname,
      typeOid: row.atttypid,
      typeMod: row.atttypmod,
      typeName,
      sqlType: !isArray && row.typname === 'bpchar' ? 'bpchar' : row.sql_type, // `character` would mean char(1)
      dims: isArray ? Math.max(1, row.attndims) : 0,
      notNull: row.attnotnull,
      pkIndex: row.pk_pos, // int2vector subscripts start at 0
      kind: isArray ? 'other' : row.typtype === 'e' ? 'enum' : (KINDS[row.typname] ?? 'other'),
      isBpchar: !isArray && row.typname === 'bpchar',
    };
  });
  const primaryKey = columns
    .filter((c) => c.pkIndex !== null)
    .sort((a, b) => a.pkIndex! - b.pkIndex!)
    .map((c) => c.name);
  return {
    oid: rows[0].oid,
    schema,
    name,
    columns,
    primaryKey,
    replicaIdentityFull: rows[0].replident === 'f',
  };
}

/**
 * The table's shape as pgoutput describes it (names, type oids, modifiers): when a Relation message no longer
 * matches, the table changed and its shapes must be refetched.
 * @example tableSignature(table) // 'id:23:-1,name:25:-1'
 */
export function tableSignature(columns: { name: string; typeOid: number; typeMod: number }[]): string {
  return columns.map((c) => `${c.name}:${c.typeOid}:${c.typeMod}`).join(',');
}

/**
 * The `electric-schema` header value for the selected columns: type, dims, not_null, pk_index and modifiers.
 * @example schemaHeader(table, ['id', 'name']) // '{"id":{"type":"int4","not_null":true,"pk_index":0},...}'
 */
export function schemaHeader(table: TableInfo, selected: string[]): string {
  const out: Record<string, Record<string, unknown>> = {};
  for (const name of selected) {
    const column = table.columns.find((c) => c.name === name)!;
    const entry: Record<string, unknown> = { type: column.typeName };
    if (column.dims > 0) entry.dims = column.dims;
    if (column.notNull) entry.not_null = true;
    if (column.pkIndex !== null) entry.pk_index = column.pkIndex;
    Object.assign(entry, typeModifiers(column.typeName, column.typeMod));
    out[name] = entry;
  }
  return JSON.stringify(out);
}

function typeModifiers(type: string, mod: number): Record<string, number> {
  if (mod < 0) return {};
  if (type === 'varchar') return { max_length: mod - 4 };
  if (type === 'bpchar') return { length: mod - 4 };
  if (type === 'numeric') return { precision: ((mod - 4) >> 16) & 0xffff, scale: (mod - 4) & 0xffff };
  if (['time', 'timetz', 'timestamp', 'timestamptz'].includes(type)) return { precision: mod };
  return {};
}
