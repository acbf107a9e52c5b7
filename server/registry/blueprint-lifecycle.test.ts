import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, TestUser } from '../test-support/test-app';
import { blueprintDoc, errorOf, json, registryCounts, registryTestApp } from './test-fixtures';

let t: TestApp;
let ada: TestUser;
let bob: TestUser;
let root: TestUser;
beforeAll(async () => {
  ({ t, ada, bob, root } = await registryTestApp());
  for (const [name, version] of [
    ['pumps', '1.0.0'],
    ['pumps', '2.0.0'],
    ['old-draft', '1.0.0'],
  ]) {
    const response = await publish(ada, name, blueprintDoc(name, version));
    expect(response.status).toBe(201);
  }
});
afterAll(() => t?.close());

function publish(user: TestUser | null, name: string, body: unknown) {
  return t.as(user).request('POST', `/api/blueprints/${name}/versions`, body);
}

describe('forking a blueprint', () => {
  it('copies the latest version under a new name owned by the caller and records where it came from', async () => {
    const response = await t.as(bob).request('POST', '/api/blueprints/pumps/fork', { name: 'bobs-pumps' });
    expect(response.status).toBe(201);
    const body = await json(response);
    expect(body.entry).toMatchObject({
      name: 'bobs-pumps',
      owner: { id: bob.id },
      latestVersion: '2.0.0',
      forkedFrom: { name: 'pumps', version: '2.0.0' },
    });
    expect(body.document).toMatchObject({ name: 'bobs-pumps', version: '2.0.0', forkedFrom: 'pumps@2.0.0' });
    const [row] = await t.database.sql`
      select f.forked_from_version, o.name as origin from registry_entries f
      join registry_entries o on o.id = f.forked_from_id where f.name = 'bobs-pumps'`;
    expect(row).toMatchObject({ forked_from_version: '2.0.0', origin: 'pumps' });
    const next = await publish(bob, 'bobs-pumps', blueprintDoc('bobs-pumps', '2.1.0'));
    expect(next.status).toBe(201);
  });

  it('refuses a taken name, a bad body, anonymous callers and unknown sources', async () => {
    const before = await registryCounts(t);
    const taken = await t.as(bob).request('POST', '/api/blueprints/pumps/fork', { name: 'old-draft' });
    expect(taken.status).toBe(409);
    expect(await errorOf(taken)).toMatchObject({ code: 'name_taken' });
    const extra = await t
      .as(bob)
      .request('POST', '/api/blueprints/pumps/fork', { name: 'x-pumps', owner: 'me' });
    expect(extra.status).toBe(400);
    expect((await errorOf(extra)).message).toMatch(/not expected: "owner"/);
    const badName = await t.as(bob).request('POST', '/api/blueprints/pumps/fork', { name: 'Bad Name' });
    expect(await errorOf(badName)).toMatchObject({ code: 'invalid_request' });
    const wrongType = await t.as(bob).request('POST', '/api/blueprints/pumps/fork', { name: 7 });
    expect((await errorOf(wrongType)).message).toMatch(/"name" should be text/);
    expect((await t.as(null).request('POST', '/api/blueprints/pumps/fork', { name: 'x-pumps' })).status).toBe(
      401,
    );
    expect((await t.as(bob).request('POST', '/api/blueprints/nope/fork', { name: 'x-pumps' })).status).toBe(
      404,
    );
    expect(await registryCounts(t)).toEqual(before);
  });
});

describe('deprecating, using and deleting a blueprint', () => {
  async function listed(query = '') {
    const body = await json(await t.as(null).request('GET', `/api/blueprints${query}`));
    return body.items.map((i: { name: string }) => i.name).sort();
  }

  it('lets only the owner or an administrator deprecate; deprecated entries leave the default list', async () => {
    expect(
      (await t.as(bob).request('POST', '/api/blueprints/pumps/deprecate', { message: 'no' })).status,
    ).toBe(403);
    expect(
      (await t.as(null).request('POST', '/api/blueprints/pumps/deprecate', { message: 'no' })).status,
    ).toBe(401);
    const bad = await t.as(ada).request('POST', '/api/blueprints/pumps/deprecate', { message: '' });
    expect(bad.status).toBe(400);
    const extra = await t
      .as(ada)
      .request('POST', '/api/blueprints/pumps/deprecate', { message: 'x', why: 1 });
    expect(extra.status).toBe(400);
    const response = await t
      .as(ada)
      .request('POST', '/api/blueprints/pumps/deprecate', { message: 'Use bobs-pumps instead.' });
    expect(response.status).toBe(200);
    expect((await json(response)).deprecated).toMatchObject({ message: 'Use bobs-pumps instead.' });
    expect(await listed()).toEqual(['bobs-pumps', 'old-draft']);
    expect(await listed('?deprecated=true')).toEqual(['bobs-pumps', 'old-draft', 'pumps']);
    expect(await listed('?deprecated=only')).toEqual(['pumps']);
    expect((await t.as(bob).request('DELETE', '/api/blueprints/pumps/deprecate')).status).toBe(403);
    const undo = await t.as(root).request('DELETE', '/api/blueprints/pumps/deprecate');
    expect(undo.status).toBe(200);
    expect((await json(undo)).deprecated).toBeNull();
    expect(await listed()).toEqual(['bobs-pumps', 'old-draft', 'pumps']);
  });

  it('counts uses reported by logged-in callers', async () => {
    const first = await t.as(bob).request('POST', '/api/blueprints/pumps/use');
    expect(await json(first)).toEqual({ useCount: 1 });
    expect(await json(await t.as(ada).request('POST', '/api/blueprints/pumps/use'))).toEqual({ useCount: 2 });
    expect((await t.as(null).request('POST', '/api/blueprints/pumps/use')).status).toBe(401);
    expect((await t.as(ada).request('POST', '/api/blueprints/nope/use')).status).toBe(404);
  });

  it('refuses to delete a blueprint a twin runs, and lets only the owner or an administrator delete', async () => {
    await t.database.sql`
      insert into twins (owner_id, title, blueprint_name, blueprint_version, document)
      values (${bob.id}, 'Bob''s twin', 'pumps', '2.0.0', '{}'::jsonb)`;
    const before = await registryCounts(t);
    expect((await t.as(bob).request('DELETE', '/api/blueprints/pumps')).status).toBe(403);
    const inUse = await t.as(ada).request('DELETE', '/api/blueprints/pumps');
    expect(inUse.status).toBe(409);
    const error = await errorOf(inUse);
    expect(error).toMatchObject({ code: 'in_use', details: { twins: 1 } });
    expect(error.message).toMatch(/1 twin runs it; deprecate it instead/);
    expect(await registryCounts(t)).toEqual(before);
    await t.database.sql`delete from twins where blueprint_name = 'pumps'`;
    expect((await t.as(root).request('DELETE', '/api/blueprints/pumps')).status).toBe(204);
    expect((await t.as(null).request('GET', '/api/blueprints/pumps')).status).toBe(404);
    const [left] = await t.database.sql`
      select count(*)::int as n from registry_versions v
      where not exists (select 1 from registry_entries e where e.id = v.entry_id)`;
    expect(left.n).toBe(0);
    const fork = await json(await t.as(null).request('GET', '/api/blueprints/bobs-pumps'));
    expect(fork.forkedFrom).toBeNull();
  });

  it('documents the registry routes in OpenAPI', async () => {
    const doc = await json(await t.as(null).request('GET', '/api/openapi.json'));
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/blueprints',
        '/api/blueprints/{name}',
        '/api/blueprints/{name}/versions',
        '/api/blueprints/{name}/versions/{version}',
        '/api/models/{name}/versions',
        '/api/components/{scope}/{name}',
        '/api/components/{scope}/{name}/fork',
        '/api/layouts/{name}/deprecate',
        '/api/artifacts/{sha256}',
      ]),
    );
    expect(doc.paths['/api/models/{name}/versions'].post.requestBody.content).toHaveProperty(
      'multipart/form-data',
    );
  });
});
