import { LogicalReplicationService, PgoutputPlugin } from 'pg-logical-replication';
import type postgres from 'postgres';

/**
 * The floor for the sync's latency and throughput: a bare pgoutput subscriber (pg-logical-replication, its own
 * slot and publication) calling back on every decoded insert.
 */
export interface RawReplication {
  onInsert(listener: (row: Record<string, unknown>) => void): void;
  stop(): Promise<void>;
}

/**
 * Starts a bare subscriber on `table`.
 * @example const raw = await startRawReplication(sql, url, 'bench_latency')
 */
export async function startRawReplication(
  sql: postgres.Sql,
  url: string,
  table: string,
): Promise<RawReplication> {
  const name = `bench_raw_${table}`;
  await sql.unsafe(`drop publication if exists ${name}`);
  await sql.unsafe(`create publication ${name} for table ${table}`);
  await sql`select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = ${name}`;
  await sql`select pg_create_logical_replication_slot(${name}, 'pgoutput')`;
  const parsed = new URL(url);
  const service = new LogicalReplicationService(
    {
      host: parsed.hostname,
      port: Number(parsed.port),
      user: decodeURIComponent(parsed.username),
      password: decodeURIComponent(parsed.password),
      database: parsed.pathname.slice(1),
    },
    { acknowledge: { auto: true, timeoutSeconds: 10 } },
  );
  const listeners: ((row: Record<string, unknown>) => void)[] = [];
  service.on('data', (_lsn: string, message: { tag: string; new?: Record<string, unknown> }) => {
    if (message.tag === 'insert' && message.new) for (const listener of listeners) listener(message.new);
  });
  service.on('error', () => {});
  void service
    .subscribe(new PgoutputPlugin({ protoVersion: 1, publicationNames: [name] }), name)
    .catch(() => {});
  await new Promise((resolve) => setTimeout(resolve, 300));
  return {
    onInsert(listener) {
      listeners.length = 0;
      listeners.push(listener);
    },
    async stop() {
      await service.destroy();
      await new Promise((resolve) => setTimeout(resolve, 200));
      await sql`select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = ${name} and not active`;
      await sql.unsafe(`drop publication if exists ${name}`);
    },
  };
}
