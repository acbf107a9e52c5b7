import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../test-support/test-app';
import { errorOf, json, layoutDoc, registryCounts } from './test-fixtures';

let t: TestApp;
let ada: TestUser;
let bob: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  ada = await t.signup('ada');
  bob = await t.signup('bob');
});
afterAll(() => t?.close());

function publish(user: TestUser | null, name: string, body: unknown) {
  return t.as(user).request('POST', `/api/layouts/${name}/versions`, body);
}

describe('layouts', () => {
  it('publishes a stand-alone layout and serves it', async () => {
    const response = await publish(
      ada,
      'ops-wall',
      layoutDoc('ops-wall', '1.0.0', { description: 'Big screens.' }),
    );
    expect(response.status).toBe(201);
    expect((await json(response)).entry).toMatchObject({
      kind: 'layout',
      name: 'ops-wall',
      title: 'Operations wall',
      description: 'Big screens.',
      category: null,
    });
    const version = await json(await t.as(null).request('GET', '/api/layouts/ops-wall/versions/1.0.0'));
    expect(version.document).toEqual(layoutDoc('ops-wall', '1.0.0', { description: 'Big screens.' }));
    const detail = await json(await t.as(null).request('GET', '/api/layouts/ops-wall'));
    expect(detail).toMatchObject({ downloadCount: 1, usedBy: [], versions: [{ version: '1.0.0' }] });
  });

  it('requires the name, version and title a registry needs, reporting each', async () => {
    const before = await registryCounts(t);
    const document = layoutDoc('ops-wall', '2.0.0');
    delete document.title;
    delete document.version;
    const response = await publish(ada, 'ops-wall', document);
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('invalid_document');
    expect(error.message).toMatch(/needs a "version".*\(and 1 more problem\)/);
    const problems = (error.details as { problems: { code: string; pointer: string }[] }).problems;
    expect(problems.map((p) => `${p.code} ${p.pointer}`)).toEqual(['PT010 /version', 'PT010 /title']);
    const unknown = await publish(ada, 'ops-wall', layoutDoc('ops-wall', '2.0.0', { colour: 'red' }));
    expect(JSON.stringify(await errorOf(unknown))).toMatch(/PT012/);
    const badTree = await publish(
      ada,
      'ops-wall',
      layoutDoc('ops-wall', '2.0.0', { root: { direction: 'diagonal' } }),
    );
    expect(badTree.status).toBe(400);
    expect(await registryCounts(t)).toEqual(before);
  });

  it('forks, deprecates, counts uses and deletes', async () => {
    const fork = await t.as(bob).request('POST', '/api/layouts/ops-wall/fork', { name: 'bobs-wall' });
    expect(fork.status).toBe(201);
    expect((await json(fork)).entry).toMatchObject({
      name: 'bobs-wall',
      latestVersion: '1.0.0',
      owner: { id: bob.id },
      forkedFrom: { name: 'ops-wall', version: '1.0.0' },
    });
    const taken = await t.as(ada).request('POST', '/api/layouts/bobs-wall/fork', { name: 'ops-wall' });
    expect(await errorOf(taken)).toMatchObject({ code: 'name_taken' });
    const deprecated = await t
      .as(bob)
      .request('POST', '/api/layouts/bobs-wall/deprecate', { message: 'Old.' });
    expect((await json(deprecated)).deprecated.message).toBe('Old.');
    expect((await json(await t.as(null).request('GET', '/api/layouts'))).total).toBe(1);
    expect(await json(await t.as(ada).request('POST', '/api/layouts/bobs-wall/use'))).toEqual({
      useCount: 1,
    });
    expect((await t.as(ada).request('DELETE', '/api/layouts/bobs-wall')).status).toBe(403);
    expect((await t.as(null).request('DELETE', '/api/layouts/bobs-wall')).status).toBe(401);
    expect((await t.as(bob).request('DELETE', '/api/layouts/bobs-wall')).status).toBe(204);
    expect((await t.as(bob).request('DELETE', '/api/layouts/bobs-wall')).status).toBe(404);
  });
});
