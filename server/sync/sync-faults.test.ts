import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isChangeMessage, isControlMessage, type ChangeMessage, type Row } from '@electric-sql/client';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../db/embedded-postgres';
import { freePort } from '../db/free-port';
import { openShape, raw, type OpenShape } from './shape-client-helpers';
import { eventually, startSyncTestServer, type SyncTestServer } from './sync-test-server';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

/** Inserts (and now and then updates or deletes) rows until stopped, riding out a database that goes away. */
function writer(t: SyncTestServer) {
  let running = true;
  let next = 1000;
  const done = (async () => {
    while (running) {
      try {
        const id = next;
        await t.database.sql`insert into readings values (${id}, ${`r${id}`}, ${id % 7})`;
        next++;
        if (id % 10 === 0) await t.database.sql`update readings set value = value + 100 where id = ${id - 5}`;
        if (id % 25 === 0) await t.database.sql`delete from readings where id = ${id - 3}`;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50)); // the database is restarting
      }
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
    },
  };
}

/** The client's rows equal the table's rows, and no key was inserted twice without a delete between. */
async function expectConverged(t: SyncTestServer, s: OpenShape) {
  await eventually(async () => {
    const table = await t.database.sql`select id, name, value from readings order by id`;
    const client = [...s.shape.currentRows].sort((a, b) => Number(a.id) - Number(b.id));
    expect(client).toEqual(table.map((r) => ({ id: r.id, name: r.name, value: r.value })));
  }, 30_000);
  const live = new Map<string, boolean>();
  for (const m of s.messages) {
    if (isControlMessage(m) && m.headers.control === 'must-refetch') live.clear();
    if (!isChangeMessage(m)) continue;
    const op = (m as ChangeMessage<Row>).headers.operation;
    if (op === 'insert') expect(live.get(m.key), `a second insert of ${m.key}`).not.toBe(true);
    live.set(m.key, op !== 'delete');
  }
}

async function setup(t: SyncTestServer) {
  await t.database.sql`create table readings (id int primary key, name text, value int)`;
  await t.database.sql`insert into readings select i, 'r' || i, i % 7 from generate_series(1, 300) i`;
}

describe('faults', () => {
  it('resumes from its offset when the server stops and starts again mid-stream', async () => {
    const t = await startSyncTestServer({ tuning: { chunkBytes: 4096 } });
    cleanups.push(() => t.destroy());
    await setup(t);
    const s = openShape(t.shapeUrl, { table: 'readings' });
    cleanups.push(async () => s.close());
    await s.shape.rows;
    const handle = s.stream.shapeHandle;
    const w = writer(t);
    await new Promise((resolve) => setTimeout(resolve, 700));
    await t.stop();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await t.restart();
    await new Promise((resolve) => setTimeout(resolve, 700));
    await w.stop();
    await expectConverged(t, s);
    expect(s.messages.some((m) => isControlMessage(m) && m.headers.control === 'must-refetch')).toBe(false);
    expect(s.stream.shapeHandle).toBe(handle);
  }, 60_000);

  it('carries on when PostgreSQL restarts mid-stream', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'projecttwin-sync-pg-'));
    const port = await freePort(56100);
    let embedded: EmbeddedDatabase = await startEmbeddedPostgres({ dir: join(dir, 'postgres'), port });
    cleanups.push(async () => {
      await embedded.stop();
      rmSync(dir, { recursive: true, force: true });
    });
    const t = await startSyncTestServer({ url: embedded.url });
    cleanups.unshift(() => t.destroy()); // destroyed after the cleanups that follow, before PostgreSQL stops
    await setup(t);
    const s = openShape(t.shapeUrl, { table: 'readings', where: 'value <> 3' });
    cleanups.push(async () => s.close());
    await s.shape.rows;
    const w = writer(t);
    await new Promise((resolve) => setTimeout(resolve, 700));
    await embedded.stop();
    await new Promise((resolve) => setTimeout(resolve, 500));
    embedded = await startEmbeddedPostgres({ dir: join(dir, 'postgres'), port });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await w.stop();
    await eventually(async () => {
      const table = await t.database.sql`select id, name, value from readings where value <> 3 order by id`;
      const client = [...s.shape.currentRows].sort((a, b) => Number(a.id) - Number(b.id));
      expect(client).toEqual(table.map((r) => ({ id: r.id, name: r.name, value: r.value })));
    }, 30_000);
  }, 90_000);

  it('discards a shape stored in an older log format on restart: its clients get 409 must-refetch', async () => {
    const t = await startSyncTestServer();
    cleanups.push(() => t.destroy());
    await setup(t);
    const first = await raw(t.shapeUrl, { table: 'readings', offset: '-1' });
    expect(first.status).toBe(200);
    await first.arrayBuffer();
    const handle = first.headers.get('electric-handle')!;
    const offset = first.headers.get('electric-offset')!;
    const slots = join(t.dataDir, 'sync');
    const meta = join(slots, readdirSync(slots)[0], 'shapes', handle, 'meta.json');
    await eventually(() => void readFileSync(meta)); // stored once the snapshot is complete
    await t.stop();
    // Mark the stored shape as written by log format 1 (messages that carried "offset").
    writeFileSync(meta, JSON.stringify({ ...JSON.parse(readFileSync(meta, 'utf8')), version: 1 }));
    await t.restart();
    const again = await raw(t.shapeUrl, { table: 'readings', offset, handle });
    expect(again.status).toBe(409);
    const fresh = again.headers.get('electric-handle');
    expect(fresh).toBeTruthy();
    expect(fresh).not.toBe(handle);
    const s = openShape(t.shapeUrl, { table: 'readings' });
    cleanups.push(async () => s.close());
    expect((await s.shape.rows).length).toBe(300);
  }, 60_000);
});
