import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type postgres from 'postgres';
import type { AppEnv } from '../app-env';
import { requireUser } from '../auth/authenticate';
import { listTables, type TableColumn } from '../connections/table-introspection';
import { ApiError } from '../http/api-error';
import { errorResponses, jsonResponse } from '../http/openapi-common';
import { DEMO_SCHEMA } from '../twins/bound-tables';

/** A table of the shipped demo data (schema `demo` of the platform's database), which any twin may read. */
export interface DemoTable {
  /** The table's name inside the schema, e.g. `pump_telemetry`. */
  name: string;
  /** `demo.<name>`, the name a twin binding uses. */
  qualifiedName: string;
  columns: TableColumn[];
  /** The primary key's columns in key order; empty when there is none. */
  primaryKey: string[];
  /** PostgreSQL's estimate of the number of rows (from its statistics; 0 for a table never counted). */
  rowEstimate: number;
  /** The column its preview is ordered by, newest first, when it has one of a time type. */
  timeColumn: string | null;
}

/** The first rows of a demo table, every value as PostgreSQL writes it as text (null when empty). */
export interface DemoRows {
  table: string;
  columns: string[];
  rows: (string | null)[][];
  /** How the rows are ordered, in plain words. */
  order: string;
}

const TIME_TYPES = new Set(['timestamptz', 'timestamp', 'date']);

/**
 * The tables of the demo schema with their columns (PostgreSQL and blueprint types), primary key and row
 * estimate, ordered by name; empty when the schema does not exist.
 * @example const tables = await listDemoTables(database.sql) // [{ name: 'pump_telemetry', ... }]
 */
export async function listDemoTables(sql: postgres.Sql): Promise<DemoTable[]> {
  const tables = (await listTables(sql)).filter((t) => t.schema === DEMO_SCHEMA);
  if (tables.length === 0) return [];
  // reltuples is -1 until the table is first analysed; the statistics collector's live count stands in then.
  const estimates = await sql<{ table: string; estimate: number }[]>`
    select c.relname as table,
      greatest(c.reltuples, coalesce(s.n_live_tup, 0), 0)::float8 as estimate
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    left join pg_stat_user_tables s on s.relid = c.oid
    where n.nspname = ${DEMO_SCHEMA} and c.relkind in ('r', 'p')`;
  const byTable = new Map(estimates.map((e) => [e.table, Math.round(e.estimate)]));
  return tables.map((t) => ({
    name: t.table,
    qualifiedName: t.name,
    columns: t.columns,
    primaryKey: t.primaryKey,
    rowEstimate: byTable.get(t.table) ?? 0,
    timeColumn: t.columns.find((c) => c.type && TIME_TYPES.has(c.type))?.name ?? null,
  }));
}

/**
 * The first `limit` rows of a demo table: newest first by its time column when it has one (then by key), else
 * by its primary key, else in storage order. Throws a 404 ApiError for a table the demo schema does not hold.
 * @example const { columns, rows } = await demoTableRows(database.sql, 'pump_telemetry', 20)
 */
export async function demoTableRows(sql: postgres.Sql, name: string, limit: number): Promise<DemoRows> {
  const table = (await listDemoTables(sql)).find((t) => t.name === name);
  if (!table) {
    throw new ApiError(
      404,
      'demo_table_not_found',
      `There is no demo table called "${name}". The list of demo tables is at GET /api/demo/tables.`,
    );
  }
  const quote = (id: string) => `"${id.replaceAll('"', '""')}"`;
  const orderBy = [
    ...(table.timeColumn ? [`${quote(table.timeColumn)} desc nulls last`] : []),
    ...table.primaryKey.map((k) => `${quote(k)}${table.timeColumn ? ' desc' : ''}`),
  ];
  const order = table.timeColumn
    ? `newest first, by ${table.timeColumn}`
    : table.primaryKey.length
      ? `by ${table.primaryKey.join(', ')}`
      : 'as stored';
  const select = table.columns.map((c) => `${quote(c.name)}::text`).join(', ');
  const rows = await sql
    .unsafe(
      `select ${select} from ${quote(DEMO_SCHEMA)}.${quote(table.name)}` +
        `${orderBy.length ? ` order by ${orderBy.join(', ')}` : ''} limit $1`,
      [limit],
    )
    .values();
  return {
    table: table.qualifiedName,
    columns: table.columns.map((c) => c.name),
    rows: rows.map((row) => [...(row as (string | null)[])]),
    order,
  };
}

const ColumnSchema = z.object({
  name: z.string(),
  pgType: z.string().openapi({ example: 'double precision' }),
  type: z
    .string()
    .nullable()
    .describe('The blueprint column type, or null when a blueprint cannot declare it.'),
  nullable: z.boolean(),
});

const DemoTableListSchema = z
  .object({
    tables: z.array(
      z.object({
        name: z.string().openapi({ example: 'pump_telemetry' }),
        qualifiedName: z.string().openapi({ example: 'demo.pump_telemetry' }),
        columns: z.array(ColumnSchema),
        primaryKey: z.array(z.string()),
        rowEstimate: z.number().int(),
        timeColumn: z.string().nullable(),
      }),
    ),
  })
  .openapi('DemoTableList');

const DemoRowsSchema = z
  .object({
    table: z.string().openapi({ example: 'demo.pump_telemetry' }),
    columns: z.array(z.string()),
    rows: z.array(z.array(z.string().nullable())),
    order: z.string().openapi({ example: 'newest first, by ts' }),
  })
  .openapi('DemoRows');

const NameParams = z.object({
  name: z
    .string()
    .min(1)
    .max(63, 'A table name has at most 63 characters.')
    .openapi({ param: { name: 'name', in: 'path' }, example: 'pump_telemetry' }),
});

const RowsQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(20)
    .openapi({ param: { name: 'limit', in: 'query' }, example: 20 }),
});

const tags = ['demo'];

const list = createRoute({
  method: 'get',
  path: '/api/demo/tables',
  tags,
  summary: 'The built-in demo tables (schema demo), which any twin may bind',
  responses: { 200: jsonResponse(DemoTableListSchema, 'The demo tables'), ...errorResponses(401) },
});

const rows = createRoute({
  method: 'get',
  path: '/api/demo/tables/{name}/rows',
  tags,
  summary: 'The first rows of a demo table (newest first when it has a time column), values as text',
  request: { params: NameParams, query: RowsQuery },
  responses: { 200: jsonResponse(DemoRowsSchema, 'The first rows'), ...errorResponses(400, 401, 404) },
});

/**
 * The read-only demo data routes for signed-in users: the list of demo tables, and a preview of one's rows.
 * @example app.route('/', demoTableRoutes())
 */
export function demoTableRoutes() {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(list, async (c) => {
    requireUser(c.var.user);
    return c.json({ tables: await listDemoTables(c.var.deps.database.sql) }, 200);
  });

  app.openapi(rows, async (c) => {
    requireUser(c.var.user);
    const { name } = c.req.valid('param');
    const { limit } = c.req.valid('query');
    return c.json(await demoTableRows(c.var.deps.database.sql, name, limit), 200);
  });

  return app;
}
