/**
 * The telemetry table the pump simulator writes: its columns, and the statements that create, check and fill it.
 */
import type postgres from 'postgres';
import type { FleetReading } from './fleet';
import { badTableName, missingColumns, missingTable } from './simulator-problems';

/** The columns the simulator writes, in table order (besides the `id` key). */
export const TELEMETRY_COLUMNS = [
  'pump_id',
  'ts',
  'step',
  'vibration_rms',
  'bearing_temp',
  'pressure',
  'flow',
  'speed',
  'true_rul_h',
  'fault',
] as const;

/** One row of the telemetry table. */
export type TelemetryRow = Pick<
  FleetReading,
  | 'pump_id'
  | 'step'
  | 'vibration_rms'
  | 'bearing_temp'
  | 'pressure'
  | 'flow'
  | 'speed'
  | 'true_rul_h'
  | 'fault'
> & { ts: Date };

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Splits and checks a table name: `table` (schema public) or `schema.table`; PTR601 otherwise.
 * @example parseTableName('demo.pump_telemetry') // { schema: 'demo', name: 'pump_telemetry' }
 */
export function parseTableName(table: string): { schema: string; name: string } {
  const parts = table.split('.');
  if (parts.length > 2 || !parts.every((p) => NAME.test(p))) throw badTableName(table);
  return parts.length === 2 ? { schema: parts[0], name: parts[1] } : { schema: 'public', name: parts[0] };
}

/**
 * Creates the schema and the table when they do not exist: `id bigserial` key, one row per pump and step.
 * @example await createTelemetryTable(sql, 'demo.pump_telemetry')
 */
export async function createTelemetryTable(sql: postgres.Sql, table: string): Promise<void> {
  const { schema, name } = parseTableName(table);
  await sql`create schema if not exists ${sql(schema)}`;
  await sql`
    create table if not exists ${sql(schema)}.${sql(name)} (
      id bigserial primary key,
      pump_id text not null,
      ts timestamptz not null,
      step integer not null,
      vibration_rms float8 not null,
      bearing_temp float8 not null,
      pressure float8 not null,
      flow float8 not null,
      speed float8 not null,
      true_rul_h float8 not null,
      fault boolean not null,
      unique (pump_id, step)
    )`;
}

/**
 * Checks that the table exists (PTR602) with every column the simulator writes (PTR603).
 * @example await checkTelemetryTable(sql, 'demo.pump_telemetry')
 */
export async function checkTelemetryTable(sql: postgres.Sql, table: string): Promise<void> {
  const { schema, name } = parseTableName(table);
  const rows = await sql<{ column_name: string }[]>`
    select column_name from information_schema.columns where table_schema = ${schema} and table_name = ${name}`;
  if (rows.length === 0) throw missingTable(table);
  const present = new Set(rows.map((r) => r.column_name));
  const missing = TELEMETRY_COLUMNS.filter((c) => !present.has(c));
  if (missing.length > 0) throw missingColumns(table, missing);
}

/**
 * The step after the last one written for any pump (0 for an empty table), so a restarted simulator goes on.
 * @example const next = await nextStep(sql, 'demo.pump_telemetry')
 */
export async function nextStep(sql: postgres.Sql, table: string): Promise<number> {
  const { schema, name } = parseTableName(table);
  const [row] = await sql<
    { step: number | null }[]
  >`select max(step) as step from ${sql(schema)}.${sql(name)}`;
  return row.step === null ? 0 : Number(row.step) + 1;
}

/**
 * Inserts rows in one statement.
 * @example await insertTelemetry(sql, 'demo.pump_telemetry', rows)
 */
export async function insertTelemetry(sql: postgres.Sql, table: string, rows: TelemetryRow[]): Promise<void> {
  if (rows.length === 0) return;
  const { schema, name } = parseTableName(table);
  await sql`insert into ${sql(schema)}.${sql(name)} ${sql(rows, ...TELEMETRY_COLUMNS)}`;
}

/**
 * Deletes the rows older than `keepFrom` (a step number), to keep a long-running demo table small.
 * @example await deleteBefore(sql, 'demo.pump_telemetry', 1000)
 */
export async function deleteBefore(sql: postgres.Sql, table: string, keepFrom: number): Promise<void> {
  const { schema, name } = parseTableName(table);
  await sql`delete from ${sql(schema)}.${sql(name)} where step < ${keepFrom}`;
}
