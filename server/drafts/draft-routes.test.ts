import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseSnapshot } from '../test-support/database-snapshot';
import { createTestApp, type TestApp, type TestUser } from '../test-support/test-app';
import { MAX_DRAFT_BYTES } from './draft-schemas';

// Drafts through the API: saved as they are (problems and all), listed latest first, private to their owner.

interface DraftOut {
  id: string;
  title: string;
  updatedAt: string;
  document?: Record<string, unknown>;
}

let t: TestApp;
let ada: TestUser;
let bob: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  ada = await t.signup('ada');
  bob = await t.signup('bob');
});
afterAll(async () => {
  await t?.close();
});

const incomplete = { schemaVersion: 1, name: 'pumps', nodes: [{ id: 'a', type: 'core/nope@^1' }], edges: [] };

async function json<T>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text) as T;
}

describe('draft blueprints', () => {
  it('saves a draft that does not compile yet, exactly as sent, and lists it latest change first', async () => {
    const first = await json<DraftOut>(
      await t.as(ada).request('POST', '/api/drafts', { title: 'Pumps, first try', document: incomplete }),
      201,
    );
    expect(first.document).toEqual(incomplete);
    const second = await json<DraftOut>(
      await t.as(ada).request('POST', '/api/drafts', { title: 'Second', document: { nodes: [] } }),
      201,
    );
    const changed = { ...incomplete, nodes: [...incomplete.nodes, { id: 'b', type: 'core/filter@^1' }] };
    const saved = await json<DraftOut>(
      await t.as(ada).request('PUT', `/api/drafts/${first.id}`, { title: 'Pumps, saved', document: changed }),
      200,
    );
    expect(saved).toMatchObject({ title: 'Pumps, saved', document: changed });
    expect(Date.parse(saved.updatedAt)).toBeGreaterThanOrEqual(Date.parse(first.updatedAt));
    const { drafts } = await json<{ drafts: DraftOut[] }>(await t.as(ada).request('GET', '/api/drafts'), 200);
    expect(drafts.map((d) => d.title)).toEqual(['Pumps, saved', 'Second']);
    expect(drafts[0]).not.toHaveProperty('document');
    expect(
      await json<DraftOut>(await t.as(ada).request('GET', `/api/drafts/${second.id}`), 200),
    ).toMatchObject({ title: 'Second', document: { nodes: [] } });
  });

  it("keeps each user's drafts to them: another user gets 404 and changes nothing", async () => {
    const draft = await json<DraftOut>(
      await t.as(ada).request('POST', '/api/drafts', { title: 'Private', document: { nodes: [] } }),
      201,
    );
    const before = await databaseSnapshot(t.database);
    for (const [method, body] of [
      ['GET', undefined],
      ['PUT', { title: 'Taken', document: {} }],
      ['DELETE', undefined],
    ] as const) {
      const response = await t.as(bob).request(method, `/api/drafts/${draft.id}`, body);
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('draft_not_found');
    }
    expect(await databaseSnapshot(t.database)).toEqual(before);
    const { drafts } = await json<{ drafts: DraftOut[] }>(await t.as(bob).request('GET', '/api/drafts'), 200);
    expect(drafts).toEqual([]);
    expect((await t.as(null).request('GET', '/api/drafts')).status).toBe(401);
    expect((await t.as(ada).request('DELETE', `/api/drafts/${draft.id}`)).status).toBe(204);
    expect((await t.as(ada).request('GET', `/api/drafts/${draft.id}`)).status).toBe(404);
  });

  it('refuses a blank title, a document that is not an object, and one over the size limit, in plain words', async () => {
    const before = await databaseSnapshot(t.database);
    for (const body of [
      { title: '  ', document: {} },
      { title: 'List', document: [1, 2] },
      { title: 'Huge', document: { text: 'x'.repeat(MAX_DRAFT_BYTES) } },
    ]) {
      const response = await t.as(ada).request('POST', '/api/drafts', body);
      expect([400, 413]).toContain(response.status);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.message.length).toBeGreaterThan(10);
    }
    expect(await databaseSnapshot(t.database)).toEqual(before);
  });
});
