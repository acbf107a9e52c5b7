import { isChangeMessage, isControlMessage, type ChangeMessage, type Row } from '@electric-sql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openShape, type OpenShape } from './shape-client-helpers';
import { eventually, startSyncTestServer, type SyncTestServer } from './sync-test-server';

let t: SyncTestServer;
const open: OpenShape[] = [];
function track(shape: OpenShape): OpenShape {
  open.push(shape);
  return shape;
}
beforeAll(async () => {
  t = await startSyncTestServer({ tuning: { chunkBytes: 16 * 1024 } });
  await t.database.sql`create table pumps (id int primary key, name text not null, status text, rpm int4)`;
  await t.database
    .sql`insert into pumps select i, 'pump-' || i, case when i % 2 = 0 then 'open' else 'closed' end, i * 10
    from generate_series(1, 500) i`;
});
afterAll(async () => {
  for (const s of open) s.close();
  await t?.destroy();
});

/** Change messages that came from replication (not the initial snapshot). */
const changes = (s: OpenShape) =>
  (s.messages.filter(isChangeMessage) as ChangeMessage<Row>[]).filter((m) => m.headers.lsn !== undefined);
const rowsById = (s: OpenShape) => new Map(s.shape.currentRows.map((r) => [Number(r.id), r]));

describe('the official client against the built-in sync', () => {
  it('syncs the initial rows (in chunks), then inserts, updates and deletes', async () => {
    const s = track(openShape(t.shapeUrl, { table: 'pumps' }));
    expect(await s.shape.rows).toHaveLength(500);
    expect(
      s.urls.filter((u) => u.searchParams.get('offset') !== '-1' && !u.searchParams.has('live')).length,
    ).toBeGreaterThan(0);
    await t.database.sql`insert into pumps values (501, 'pump-501', 'open', 5010)`;
    await t.database.sql`update pumps set rpm = 1 where id = 1`;
    await t.database.sql`delete from pumps where id = 2`;
    await eventually(() => {
      const rows = rowsById(s);
      expect(rows.size).toBe(500);
      expect(rows.get(501)).toEqual({ id: 501, name: 'pump-501', status: 'open', rpm: 5010 });
      expect(rows.get(1)?.rpm).toBe(1);
      expect(rows.has(2)).toBe(false);
    });
    const update = changes(s).find((m) => m.headers.operation === 'update')!;
    expect(update.value).toEqual({ id: 1, rpm: 1 }); // replica=default: key and changed columns only
  });

  it('turns rows moving into and out of the where clause into inserts and deletes', async () => {
    const s = track(
      openShape(t.shapeUrl, { table: 'pumps', where: "status = 'open' AND rpm >= $1", params: ['100'] }),
    );
    const initial = await s.shape.rows;
    expect(initial.every((r) => r.status === 'open' && Number(r.rpm) >= 100)).toBe(true);
    await t.database.sql`update pumps set status = 'open' where id = 11`; // moves in
    await t.database.sql`update pumps set status = 'closed' where id = 12`; // moves out
    await t.database.sql`update pumps set name = 'renamed' where id = 13`; // stays out
    await eventually(() => {
      const rows = rowsById(s);
      expect(rows.get(11)).toEqual({ id: 11, name: 'pump-11', status: 'open', rpm: 110 });
      expect(rows.has(12)).toBe(false);
      expect(rows.has(13)).toBe(false);
    });
    const ops = changes(s).filter((m) => [11, 12, 13].includes(Number(m.value.id)));
    expect(ops.map((m) => [m.value.id, m.headers.operation])).toEqual([
      [11, 'insert'],
      [12, 'delete'],
    ]);
    const [{ count }] = await t.database
      .sql`select count(*)::int as count from pumps where status = 'open' and rpm >= 100`;
    expect(s.shape.currentRows).toHaveLength(count);
  });

  it('sends only the requested columns, which must include the primary key', async () => {
    const s = track(openShape(t.shapeUrl, { table: 'pumps', columns: ['id', 'rpm'] }));
    const rows = await s.shape.rows;
    expect(Object.keys(rows[0]).sort()).toEqual(['id', 'rpm']);
    await t.database.sql`update pumps set rpm = 77, name = 'x' where id = 3`;
    await eventually(() => expect(rowsById(s).get(3)).toEqual({ id: 3, rpm: 77 }));
    const bad = track(openShape(t.shapeUrl, { table: 'pumps', columns: ['rpm'] }, { onError: () => {} }));
    await eventually(() => expect(String(bad.stream.error)).toMatch(/must include the primary key/));
  });

  it('sends whole rows and old values with replica=full', async () => {
    const s = track(openShape(t.shapeUrl, { table: 'pumps', where: 'id < 10', replica: 'full' }));
    await s.shape.rows;
    await t.database.sql`update pumps set rpm = 999 where id = 5`;
    await t.database.sql`delete from pumps where id = 7`;
    await eventually(() => expect(changes(s).length).toBeGreaterThanOrEqual(2));
    const [update, remove] = changes(s).slice(-2);
    expect(update.headers.operation).toBe('update');
    expect(update.value).toEqual({ id: 5, name: 'pump-5', status: 'closed', rpm: 999 });
    expect(update.old_value).toEqual({ rpm: 50 });
    expect(remove.headers.operation).toBe('delete');
    expect(remove.value).toEqual({ id: 7, name: 'pump-7', status: 'closed', rpm: 70 });
  });

  it('parses every common type as the client expects, in the snapshot and in changes', async () => {
    await t.database.sql`create type mood as enum ('calm', 'angry')`;
    await t.database
      .sql`create table typed (id int8 primary key, i2 int2, f8 float8, num numeric(10,3), ok bool,
      doc json, docb jsonb, ints int4[], tags text[], at timestamptz, day date, raw bytea, feeling mood, uid uuid, note varchar(20))`;
    const insert = (id: string) => t.database.sql`insert into typed values (${id}, 7, 1.5, 12.345, true,
      '{"a":[1,2]}', '{"b":{"c":null}}', '{1,2,3}', '{"x","y z",NULL}', '2024-03-04 05:06:07.123+02', '2024-02-29',
      '\\x00ff10', 'angry', '123e4567-e89b-12d3-a456-426614174000', 'hi "there"')`;
    await insert('9007199254740993');
    const s = track(openShape(t.shapeUrl, { table: 'typed' }));
    await s.shape.rows;
    await insert('2');
    await eventually(() => expect(s.shape.currentRows).toHaveLength(2));
    for (const row of s.shape.currentRows)
      expect(row).toMatchObject({
        i2: 7,
        f8: 1.5,
        num: '12.345',
        ok: true,
        doc: { a: [1, 2] },
        docb: { b: { c: null } },
        ints: [1, 2, 3],
        tags: ['x', 'y z', null],
        at: '2024-03-04 03:06:07.123+00',
        day: '2024-02-29',
        raw: '\\x00ff10',
        feeling: 'angry',
        uid: '123e4567-e89b-12d3-a456-426614174000',
        note: 'hi "there"',
      });
    expect(s.shape.currentRows.map((r) => r.id).sort()).toEqual([2n, 9007199254740993n]);
  });

  it('makes clients refetch when the table changes, and they then get the new column', async () => {
    await t.database.sql`create table evolving (id int primary key, a text)`;
    await t.database.sql`insert into evolving values (1, 'a')`;
    const s = track(openShape(t.shapeUrl, { table: 'evolving' }));
    await s.shape.rows;
    const handle = s.stream.shapeHandle;
    await t.database.sql`alter table evolving add column b int`;
    await t.database.sql`insert into evolving values (2, 'b', 2)`;
    await eventually(() => {
      expect(s.messages.some((m) => isControlMessage(m) && m.headers.control === 'must-refetch')).toBe(true);
      expect(s.shape.currentRows).toEqual([
        { id: 1, a: 'a', b: null },
        { id: 2, a: 'b', b: 2 },
      ]);
    });
    expect(s.stream.shapeHandle).not.toBe(handle);
  });

  it('streams live changes over SSE', async () => {
    const s = track(openShape(t.shapeUrl, { table: 'pumps', where: 'id > 1000' }, { liveSse: true }));
    await s.shape.rows;
    for (let i = 0; i < 5; i++) {
      await t.database.sql`insert into pumps values (${1001 + i}, 'sse', 'open', 1)`;
      await eventually(() => expect(s.shape.currentRows).toHaveLength(i + 1));
    }
    expect(s.urls.some((u) => u.searchParams.get('live_sse') === 'true')).toBe(true);
    const sseRequests = s.urls.filter((u) => u.searchParams.get('live_sse') === 'true').length;
    expect(sseRequests).toBeLessThan(5); // one connection carried several changes
  });

  it('keeps 60 concurrent streams in step', async () => {
    const streams = Array.from({ length: 60 }, (_, i) =>
      track(openShape(t.shapeUrl, { table: 'pumps', where: `id > 2000 AND rpm <> ${i}` })),
    );
    await Promise.all(streams.map((s) => s.shape.rows));
    await t.database.sql`insert into pumps select i, 'many', 'open', i from generate_series(2001, 2010) i`;
    await eventually(() => {
      for (const [i, s] of streams.entries())
        expect(s.shape.currentRows).toHaveLength(i >= 2001 && i <= 2010 ? 9 : 10);
    });
    for (const s of streams) s.close();
  });
});
