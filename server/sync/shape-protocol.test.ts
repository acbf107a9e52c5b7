import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw } from './shape-client-helpers';
import { startSyncTestServer, type SyncTestServer } from './sync-test-server';

let t: SyncTestServer;
beforeAll(async () => {
  t = await startSyncTestServer();
  await t.database.sql`create table notes (id int primary key, body text, at timestamptz)`;
  await t.database.sql`insert into notes values (1, 'a', now()), (2, 'b', now())`;
});
afterAll(() => t?.destroy());

async function initial(query: Record<string, string> = {}) {
  const response = await raw(t.shapeUrl, { table: 'notes', offset: '-1', ...query });
  return {
    response,
    handle: response.headers.get('electric-handle')!,
    offset: response.headers.get('electric-offset')!,
  };
}

describe('the raw shape protocol', () => {
  it('requires the sync secret', async () => {
    const response = await fetch(`${t.shapeUrl}?table=notes&offset=-1`);
    expect(response.status).toBe(401);
    expect((await raw(t.shapeUrl, { table: 'notes', offset: '-1', secret: 'wrong' })).status).toBe(401);
  });

  it('answers the initial request with data, headers, schema and an up-to-date message', async () => {
    const { response, handle, offset } = await initial();
    expect(response.status).toBe(200);
    expect(handle).toMatch(/^[0-9a-f]{10}-\d+/);
    expect(offset).toBe('0_2');
    expect(response.headers.has('electric-up-to-date')).toBe(true);
    expect(response.headers.get('cache-control')).toMatch(/max-age=604800/);
    expect(JSON.parse(response.headers.get('electric-schema')!)).toEqual({
      id: { type: 'int4', not_null: true, pk_index: 0 },
      body: { type: 'text' },
      at: { type: 'timestamptz' },
    });
    const body = (await response.json()) as { key?: string; headers: Record<string, unknown> }[];
    expect(body.map((m) => m.key ?? m.headers.control)).toEqual([
      '"public"."notes"/"1"',
      '"public"."notes"/"2"',
      'up-to-date',
    ]);
  });

  it('answers 304 when the etag matches', async () => {
    const { response } = await initial();
    const again = await raw(
      t.shapeUrl,
      { table: 'notes', offset: '-1' },
      { headers: { 'if-none-match': response.headers.get('etag')! } },
    );
    expect(again.status).toBe(304);
  });

  it('answers offset=now at once with the current offset', async () => {
    const response = await raw(t.shapeUrl, { table: 'notes', offset: 'now' });
    expect(response.headers.get('electric-offset')).toBe('0_2');
    expect(await response.json()).toEqual([
      { headers: { control: 'up-to-date', global_last_seen_lsn: '1' } },
    ]);
  });

  it('holds a live request until a change, and answers up-to-date with a cursor after the timeout', async () => {
    const { handle, offset } = await initial();
    const started = Date.now();
    const waiting = raw(t.shapeUrl, { table: 'notes', offset, handle, live: 'true' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await t.database.sql`insert into notes values (3, 'c', now())`;
    const response = await waiting;
    expect(Date.now() - started).toBeLessThan(2000);
    const body = (await response.json()) as { headers: Record<string, unknown>; value?: unknown }[];
    expect(body[0]).toMatchObject({ headers: { operation: 'insert' }, value: { id: '3', body: 'c' } });
    expect(response.headers.get('electric-cursor')).toMatch(/^\d+$/);
    const next = response.headers.get('electric-offset')!;
    const quiet = await raw(t.shapeUrl, { table: 'notes', offset: next, handle, live: 'true' });
    expect(quiet.headers.get('electric-offset')).toBe(next);
    expect(await quiet.json()).toEqual([
      expect.objectContaining({ headers: expect.objectContaining({ control: 'up-to-date' }) }),
    ]);
  });

  it('answers 409 must-refetch with the current handle for an unknown handle', async () => {
    const { handle } = await initial();
    const response = await raw(t.shapeUrl, { table: 'notes', offset: '0_1', handle: 'nope-1' });
    expect(response.status).toBe(409);
    expect(response.headers.get('electric-handle')).toBe(handle);
    expect(await response.json()).toEqual([{ headers: { control: 'must-refetch' } }]);
  });

  it.each([
    [{ offset: '-1' }, /"table" parameter is missing/],
    [{ table: 'notes' }, /"offset" parameter is missing/],
    [{ table: 'notes', offset: '0_1' }, /"handle" parameter is needed/],
    [{ table: 'notes', offset: 'x' }, /not an offset/],
    [{ table: 'notes', offset: '-1', columns: 'body' }, /must include the primary key/],
    [{ table: 'notes', offset: '-1', columns: 'id,nope' }, /no column "nope"/],
    [{ table: 'notes', offset: '-1', where: 'lower(body) = $1' }, /function calls/],
    [{ table: 'notes', offset: '-1', where: 'id = $1' }, /params\[1\] is not given/],
    [{ table: 'notes', offset: '-1', replica: 'half' }, /"replica" must be/],
    [{ table: 'pg_catalog.pg_class', offset: '-1' }, /cannot be synced/],
    [{ table: 'missing', offset: '-1' }, /There is no table public.missing/],
  ])('refuses %j with a reason', async (query, message) => {
    const response = await raw(t.shapeUrl, query as Record<string, string>);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(message);
  });

  it('reports its health', async () => {
    const response = await fetch(t.shapeUrl.replace('/shape', '/health'));
    expect(await response.json()).toEqual({ status: 'active' });
  });
});
