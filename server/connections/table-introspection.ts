import type postgres from 'postgres';
import type { ColumnType } from '../../schemas/blueprint/blueprint.types';

/** A column of a user's table, with its PostgreSQL type and the blueprint column type it maps to. */
export interface TableColumn {
  name: string;
  /** The type as PostgreSQL writes it, e.g. `character varying(40)`. */
  pgType: string;
  /** The blueprint column type, or null when a blueprint cannot declare it (arrays, intervals, geometry...). */
  type: ColumnType | null;
  nullable: boolean;
}

/** A table of a user's database, as the checks and the tables page see it. */
export interface TableInfo {
  /** `schema.table`, the name the API uses for it. */
  name: string;
  schema: string;
  table: string;
  columns: TableColumn[];
  /** The primary key's columns in key order; empty when there is none. */
  primaryKey: string[];
  /** The connected user may read it (USAGE on its schema and SELECT on it). */
  canSelect: boolean;
  /** The connected user owns it (directly or through a role), so may add it to a publication. */
  isOwner: boolean;
  replicaIdentity: 'default' | 'full' | 'index' | 'nothing';
}

const TYPE_MAP: Record<string, ColumnType> = {
  text: 'text',
  varchar: 'text',
  bpchar: 'text',
  name: 'text',
  citext: 'text',
  int2: 'int2',
  int4: 'int4',
  int8: 'int8',
  float4: 'float4',
  float8: 'float8',
  numeric: 'numeric',
  bool: 'bool',
  timestamptz: 'timestamptz',
  timestamp: 'timestamp',
  date: 'date',
  json: 'json',
  jsonb: 'jsonb',
  uuid: 'uuid',
  bytea: 'bytea',
};

/**
 * The blueprint column type for a PostgreSQL base type (domains are resolved to their base first); enums read as
 * text; anything else has none.
 * @example blueprintType('varchar', 'b') // 'text'
 */
export function blueprintType(baseType: string, typtype: string): ColumnType | null {
  if (typtype === 'e') return 'text';
  return TYPE_MAP[baseType] ?? null;
}

const REPLICA_IDENTITY = { d: 'default', f: 'full', i: 'index', n: 'nothing' } as const;

interface Row {
  schema: string;
  table: string;
  can_select: boolean;
  is_owner: boolean;
  replica_identity: keyof typeof REPLICA_IDENTITY;
  columns: {
    name: string;
    pgType: string;
    base: string;
    typtype: string;
    notNull: boolean;
    pk: number | null;
  }[];
}

/**
 * Every ordinary and partitioned table (not the partitions) outside PostgreSQL's own schemas, with columns,
 * primary key and the connected user's rights on it, ordered by schema and name.
 * @example const tables = await listTables(session.sql)
 */
export async function listTables(sql: postgres.Sql): Promise<TableInfo[]> {
  const rows = await sql<Row[]>`
    select n.nspname as schema, c.relname as table,
      has_schema_privilege(n.oid, 'USAGE') and has_table_privilege(c.oid, 'SELECT') as can_select,
      pg_has_role(c.relowner, 'USAGE') as is_owner,
      c.relreplident as replica_identity,
      coalesce(json_agg(json_build_object(
          'name', a.attname, 'pgType', format_type(a.atttypid, a.atttypmod),
          'base', bt.typname, 'typtype', bt.typtype, 'notNull', a.attnotnull,
          'pk', array_position(pk.indkey::int2[], a.attnum)
        ) order by a.attnum) filter (where a.attnum is not null), '[]') as columns
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    left join pg_index pk on pk.indrelid = c.oid and pk.indisprimary
    left join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    left join pg_type t on t.oid = a.atttypid
    left join pg_type bt on bt.oid = case when t.typtype = 'd' then t.typbasetype else t.oid end
    where c.relkind in ('r', 'p') and not c.relispartition
      and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname !~ '^pg_(toast|temp)'
    group by n.oid, n.nspname, c.oid, c.relname, c.relowner, c.relreplident, pk.indkey
    order by n.nspname, c.relname`;
  return rows.map((row) => ({
    name: `${row.schema}.${row.table}`,
    schema: row.schema,
    table: row.table,
    columns: row.columns.map((col) => ({
      name: col.name,
      pgType: col.pgType,
      type: blueprintType(col.base, col.typtype),
      nullable: !col.notNull,
    })),
    primaryKey: row.columns
      .filter((col) => col.pk !== null)
      .sort((x, y) => x.pk! - y.pk!)
      .map((col) => col.name),
    canSelect: row.can_select,
    isOwner: row.is_owner,
    replicaIdentity: REPLICA_IDENTITY[row.replica_identity],
  }));
}

/**
 * Finds the chosen tables by name (`schema.table`, or `table` for one in the public schema); returns those found
 * and the names that match no table.
 * @example const { found, unknown } = pickTables(await listTables(sql), ['public.readings'])
 */
export function pickTables(
  tables: readonly TableInfo[],
  names: readonly string[],
): { found: TableInfo[]; unknown: string[] } {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const found: TableInfo[] = [];
  const unknown: string[] = [];
  for (const name of new Set(names)) {
    const table = byName.get(name) ?? (name.includes('.') ? undefined : byName.get(`public.${name}`));
    if (!table) unknown.push(name);
    else if (!found.includes(table)) found.push(table);
  }
  return { found, unknown };
}
