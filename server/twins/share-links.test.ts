import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../test-support/test-app';
import { countRows, pumpFleetTwin, seedTestRegistry } from './twin-test-fixtures';

let t: TestApp;
let owner: TestUser;
let other: TestUser;
let twinId: string;

beforeAll(async () => {
  t = await createTestApp({ publicUrl: 'https://twins.example.com' });
  await seedTestRegistry(t.database);
  owner = await t.signup('owner');
  other = await t.signup('other');
  const response = await t.as(owner).request('POST', '/api/twins', pumpFleetTwin({ visibility: 'unlisted' }));
  twinId = ((await response.json()) as { id: string }).id;
});
afterAll(() => t?.close());

interface Link {
  url: string;
  token: string;
  createdAt: string;
}

async function share(): Promise<Link> {
  const response = await t.as(owner).request('POST', `/api/twins/${twinId}/share`);
  expect(response.status).toBe(201);
  return (await response.json()) as Link;
}

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

describe('share links', () => {
  it('creates a link shown once, that opens the twin read-only without a login', async () => {
    const link = await share();
    expect(link.url).toBe(`https://twins.example.com/s/${link.token}`);
    expect(link.token).toMatch(/^[\w-]{43}$/);
    const response = await t.as(null).request('GET', `/api/shared/${link.token}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      readOnly: true,
      twin: {
        id: twinId,
        title: 'North plant pumps',
        visibility: 'unlisted',
        blueprint: { name: 'pump-fleet-monitor', version: '1.0.0' },
        document: { bindings: pumpFleetTwin().bindings },
      },
      blueprint: { name: 'pump-fleet-monitor', version: '1.0.0', lock: expect.any(Object) },
    });
    expect(Object.keys(body.twin as object).sort()).toEqual([
      'blueprint',
      'document',
      'id',
      'title',
      'visibility',
    ]);
    // Read-only: the link gives no way to change the twin.
    expect((await t.as(null).request('PATCH', `/api/twins/${twinId}`, { title: 'x' })).status).toBe(401);
    expect((await t.as(null).request('POST', `/api/shared/${link.token}`, {})).status).toBe(404);
  });

  it('stores only the SHA-256 of the token', async () => {
    const link = await share();
    const rows = await t.database.sql`select * from share_links where twin_id = ${twinId}`;
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(row)).not.toContain(link.token);
    }
    const anywhere = await t.database.sql`
      select (select count(*) from share_links s where s::text like ${`%${link.token}%`})::int
           + (select count(*) from twins w where w::text like ${`%${link.token}%`})::int as n`;
    expect(anywhere[0].n).toBe(0);
  });

  it('keeps one live link: a new link revokes the previous one', async () => {
    const first = await share();
    const second = await share();
    const old = await t.as(null).request('GET', `/api/shared/${first.token}`);
    expect(old.status).toBe(404);
    const error = await errorOf(old);
    expect(error.code).toBe('share_link_invalid');
    expect(error.message).toMatch(/revoked/);
    expect((await t.as(null).request('GET', `/api/shared/${second.token}`)).status).toBe(200);
    const live = await t.database.sql`
      select count(*)::int as n from share_links where twin_id = ${twinId} and revoked_at is null`;
    expect(live[0].n).toBe(1);
  });

  it('keeps one live link even when links are created at the same moment', async () => {
    const links = await Promise.all(Array.from({ length: 5 }, () => share()));
    const live = await t.database.sql`
      select count(*)::int as n from share_links where twin_id = ${twinId} and revoked_at is null`;
    expect(live[0].n).toBe(1);
    const working = await Promise.all(
      links.map(async (link) => (await t.as(null).request('GET', `/api/shared/${link.token}`)).status),
    );
    expect(working.filter((status) => status === 200)).toHaveLength(1);
  });

  it('keeps working whatever the visibility, until revoked', async () => {
    const link = await share();
    await t.as(owner).request('PATCH', `/api/twins/${twinId}`, { visibility: 'private' });
    expect((await t.as(null).request('GET', `/api/shared/${link.token}`)).status).toBe(200);
    expect((await t.as(null).request('GET', `/api/twins/${twinId}`)).status).toBe(404);
    expect((await t.as(owner).request('DELETE', `/api/twins/${twinId}/share`)).status).toBe(204);
    const revoked = await t.as(null).request('GET', `/api/shared/${link.token}`);
    expect(revoked.status).toBe(404);
    expect((await errorOf(revoked)).code).toBe('share_link_invalid');
    // Revoking again is harmless.
    expect((await t.as(owner).request('DELETE', `/api/twins/${twinId}/share`)).status).toBe(204);
  });

  it('answers unknown tokens with 404', async () => {
    const response = await t.as(null).request('GET', '/api/shared/not-a-real-token');
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('share_link_invalid');
  });

  it('lets only the owner or an administrator manage links, changing nothing otherwise', async () => {
    const link = await share();
    const before = await t.database.sql`select id, revoked_at from share_links order by id`;
    const count = await countRows(t.database, 'share_links');
    expect((await t.as(null).request('POST', `/api/twins/${twinId}/share`)).status).toBe(401);
    expect((await t.as(other).request('POST', `/api/twins/${twinId}/share`)).status).toBe(404);
    expect((await t.as(other).request('DELETE', `/api/twins/${twinId}/share`)).status).toBe(404);
    await t.as(owner).request('PATCH', `/api/twins/${twinId}`, { visibility: 'public' });
    const forbidden = await t.as(other).request('POST', `/api/twins/${twinId}/share`);
    expect(forbidden.status).toBe(403);
    expect((await errorOf(forbidden)).code).toBe('forbidden');
    expect((await t.as(other).request('DELETE', `/api/twins/${twinId}/share`)).status).toBe(403);
    expect(await countRows(t.database, 'share_links')).toBe(count);
    expect(await t.database.sql`select id, revoked_at from share_links order by id`).toEqual(before);
    expect((await t.as(null).request('GET', `/api/shared/${link.token}`)).status).toBe(200);

    const admin = await t.signup('admin');
    await t.database.sql`update users set role = 'admin' where id = ${admin.id}`;
    const byAdmin = await t.as(admin).request('POST', `/api/twins/${twinId}/share`);
    expect(byAdmin.status).toBe(201);
    expect((await t.as(null).request('GET', `/api/shared/${link.token}`)).status).toBe(404);
    expect((await t.as(admin).request('DELETE', `/api/twins/${twinId}/share`)).status).toBe(204);
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = (await (await t.as(null).request('GET', '/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(doc.paths['/api/twins'])).toEqual(['post', 'get']);
    expect(Object.keys(doc.paths['/api/twins/{id}']).sort()).toEqual(['delete', 'get', 'patch']);
    expect(Object.keys(doc.paths['/api/twins/{id}/share']).sort()).toEqual(['delete', 'post']);
    expect(doc.paths['/api/shared/{token}']).toHaveProperty('get');
    expect(doc.paths['/api/twins/public']).toHaveProperty('get');
  });
});
