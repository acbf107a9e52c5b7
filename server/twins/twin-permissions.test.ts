import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient, type TestUser } from '../test-support/test-app';
import { pumpFleetBindings, pumpFleetTwin, seedTestRegistry } from './twin-test-fixtures';

type Visibility = 'private' | 'unlisted' | 'public';
interface TwinBody {
  id: string;
  title: string;
  visibility: Visibility;
  canEdit: boolean;
  document: Record<string, unknown>;
}

let t: TestApp;
let owner: TestUser;
let other: TestUser;
let admin: TestUser;
const ids = {} as Record<Visibility, string>;

beforeAll(async () => {
  t = await createTestApp();
  await seedTestRegistry(t.database);
  owner = await t.signup('owner');
  other = await t.signup('other');
  admin = await t.signup('admin');
  await t.database.sql`update users set role = 'admin' where id = ${admin.id}`;
  for (const visibility of ['private', 'unlisted', 'public'] as const) {
    const response = await t
      .as(owner)
      .request('POST', '/api/twins', pumpFleetTwin({ title: `${visibility} twin`, visibility }));
    expect(response.status).toBe(201);
    ids[visibility] = ((await response.json()) as TwinBody).id;
  }
});
afterAll(() => t?.close());

const who = (name: string): TestClient =>
  t.as({ owner, other, admin, anonymous: null }[name as 'owner'] ?? null);

async function snapshot(id: string) {
  const rows = await t.database
    .sql`select title, document, visibility, updated_at from twins where id = ${id}`;
  return rows[0];
}

async function errorCode(response: Response) {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

describe('who sees a twin', () => {
  it.each([
    ['owner', 'private', 200],
    ['owner', 'unlisted', 200],
    ['owner', 'public', 200],
    ['admin', 'private', 200],
    ['admin', 'unlisted', 200],
    ['admin', 'public', 200],
    ['other', 'private', 404],
    ['other', 'unlisted', 404],
    ['other', 'public', 200],
    ['anonymous', 'private', 404],
    ['anonymous', 'unlisted', 404],
    ['anonymous', 'public', 200],
  ] as const)('GET as %s a %s twin: %i', async (caller, visibility, status) => {
    const response = await who(caller).request('GET', `/api/twins/${ids[visibility]}`);
    expect(response.status).toBe(status);
    if (status === 404) {
      expect(await errorCode(response)).toBe('twin_not_found');
      return;
    }
    const twin = (await response.json()) as TwinBody;
    expect(twin).toMatchObject({ id: ids[visibility], visibility });
    expect(twin.canEdit).toBe(caller === 'owner' || caller === 'admin');
  });

  it('answers an unknown id like a hidden one', async () => {
    const response = await t.as(other).request('GET', '/api/twins/00000000-0000-4000-8000-000000000000');
    expect(response.status).toBe(404);
    expect(await errorCode(response)).toBe('twin_not_found');
  });

  it('lists my own twins only, and needs a login for that', async () => {
    const mine = (await (await t.as(owner).request('GET', '/api/twins')).json()) as { twins: TwinBody[] };
    expect(mine.twins.map((tw) => tw.title).sort()).toEqual(['private twin', 'public twin', 'unlisted twin']);
    const theirs = (await (await t.as(other).request('GET', '/api/twins')).json()) as { twins: TwinBody[] };
    expect(theirs.twins).toEqual([]);
    expect((await t.as(null).request('GET', '/api/twins')).status).toBe(401);
  });

  it('lists public twins for anyone, never private or unlisted ones', async () => {
    for (const caller of ['anonymous', 'other', 'owner']) {
      const response = await who(caller).request('GET', '/api/twins/public');
      expect(response.status).toBe(200);
      const { twins } = (await response.json()) as { twins: TwinBody[] };
      expect(twins.map((tw) => tw.id)).toEqual([ids.public]);
      expect(twins[0].canEdit).toBe(caller === 'owner');
    }
    const page = await t.as(null).request('GET', '/api/twins/public?limit=1&offset=1');
    expect(((await page.json()) as { twins: TwinBody[] }).twins).toEqual([]);
    expect((await t.as(null).request('GET', '/api/twins/public?limit=0')).status).toBe(400);
  });
});

describe('who changes or deletes a twin', () => {
  it.each([
    ['anonymous', 'private', 401],
    ['anonymous', 'public', 401],
    ['other', 'private', 404],
    ['other', 'unlisted', 404],
    ['other', 'public', 403],
  ] as const)(
    'PATCH and DELETE as %s on a %s twin: %i, nothing changes',
    async (caller, visibility, status) => {
      const id = ids[visibility];
      const before = await snapshot(id);
      const patch = await who(caller).request('PATCH', `/api/twins/${id}`, { title: 'Mine now' });
      expect(patch.status).toBe(status);
      const remove = await who(caller).request('DELETE', `/api/twins/${id}`);
      expect(remove.status).toBe(status);
      expect(await errorCode(remove)).toBe(
        { 401: 'unauthorized', 403: 'forbidden', 404: 'twin_not_found' }[status],
      );
      expect(await snapshot(id)).toEqual(before);
    },
  );

  it('lets the owner change title, overrides, layout and visibility, keeping columns and document in step', async () => {
    const response = await t.as(owner).request('PATCH', `/api/twins/${ids.private}`, {
      title: 'Renamed',
      overrides: { trend: { maxPoints: 2000 } },
      layout: { kind: 'mosaic', root: 'trend' },
      visibility: 'unlisted',
    });
    expect(response.status).toBe(200);
    const twin = (await response.json()) as TwinBody;
    expect(twin).toMatchObject({
      title: 'Renamed',
      visibility: 'unlisted',
      document: { title: 'Renamed', visibility: 'unlisted', overrides: { trend: { maxPoints: 2000 } } },
    });
    const row = await snapshot(ids.private);
    expect(row.title).toBe('Renamed');
    expect(row.visibility).toBe('unlisted');
    expect(row.document).toEqual(twin.document);
    // null removes the twin's own layout.
    const cleared = await t
      .as(owner)
      .request('PATCH', `/api/twins/${ids.private}`, { layout: null, visibility: 'private' });
    expect(((await cleared.json()) as TwinBody).document).not.toHaveProperty('layout');
  });

  it('applies the same checks as creation, all or nothing', async () => {
    const before = await snapshot(ids.private);
    const response = await t.as(owner).request('PATCH', `/api/twins/${ids.private}`, {
      title: 'Should not stick',
      bindings: { telemetry: { ...pumpFleetBindings().telemetry, columns: {} } },
    });
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe('column_unmapped');
    const broken = await t.as(owner).request('PATCH', `/api/twins/${ids.private}`, {
      title: 'Should not stick',
      overrides: { trend: { y: ['pressure'] } },
    });
    expect(broken.status).toBe(422);
    const unknownField = await t.as(owner).request('PATCH', `/api/twins/${ids.private}`, {
      blueprint: { name: 'pump-fleet-monitor', version: '1.1.0' },
    });
    expect(unknownField.status).toBe(400);
    expect(await errorCode(unknownField)).toBe('invalid_request');
    const empty = await t.as(owner).request('PATCH', `/api/twins/${ids.private}`, {});
    expect(empty.status).toBe(400);
    expect(await snapshot(ids.private)).toEqual(before);
  });

  it("lets an administrator change and delete anyone's twin", async () => {
    const response = await t.as(admin).request('PATCH', `/api/twins/${ids.unlisted}`, { title: 'Moderated' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      title: 'Moderated',
      canEdit: true,
      owner: { id: owner.id },
    });
    expect((await t.as(admin).request('DELETE', `/api/twins/${ids.unlisted}`)).status).toBe(204);
    expect((await t.as(owner).request('GET', `/api/twins/${ids.unlisted}`)).status).toBe(404);
  });

  it('lets the owner delete a twin, with its share links', async () => {
    const share = await t.as(owner).request('POST', `/api/twins/${ids.public}/share`);
    expect(share.status).toBe(201);
    expect((await t.as(owner).request('DELETE', `/api/twins/${ids.public}`)).status).toBe(204);
    const rows = await t.database
      .sql`select count(*)::int as n from share_links where twin_id = ${ids.public}`;
    expect(rows[0].n).toBe(0);
    expect((await t.as(owner).request('DELETE', `/api/twins/${ids.public}`)).status).toBe(404);
  });
});
