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
  preview?: { samples: Record<string, string> };
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

  it("keeps the editor's preview settings with the draft: saved, returned, kept when a save leaves them out", async () => {
    const created = await json<DraftOut>(
      await t.as(ada).request('POST', '/api/drafts', { title: 'With samples', document: { nodes: [] } }),
      201,
    );
    expect(created.preview).toEqual({ samples: {} });
    const samples = { telemetry: 'pump_telemetry', weather: 'site_weather' };
    const saved = await json<DraftOut>(
      await t.as(ada).request('PUT', `/api/drafts/${created.id}`, {
        title: 'With samples',
        document: { nodes: [] },
        preview: { samples },
      }),
      200,
    );
    expect(saved.preview).toEqual({ samples });
    expect(
      (await json<DraftOut>(await t.as(ada).request('GET', `/api/drafts/${created.id}`), 200)).preview,
    ).toEqual({ samples });
    await json<DraftOut>(
      await t
        .as(ada)
        .request('PUT', `/api/drafts/${created.id}`, { title: 'Renamed', document: { nodes: [] } }),
      200,
    );
    const reopened = await json<DraftOut>(await t.as(ada).request('GET', `/api/drafts/${created.id}`), 200);
    expect(reopened).toMatchObject({ title: 'Renamed', preview: { samples } });
    const cleared = await json<DraftOut>(
      await t.as(ada).request('PUT', `/api/drafts/${created.id}`, {
        title: 'Renamed',
        document: { nodes: [] },
        preview: { samples: {} },
      }),
      200,
    );
    expect(cleared.preview).toEqual({ samples: {} });
  });

  it('refuses preview settings that are not a map of input names to demo table names, changing nothing', async () => {
    const draft = await json<DraftOut>(
      await t.as(ada).request('POST', '/api/drafts', {
        title: 'Checked',
        document: { nodes: [] },
        preview: { samples: { telemetry: 'pump_telemetry' } },
      }),
      201,
    );
    const before = await databaseSnapshot(t.database);
    const tooMany = Object.fromEntries(
      Array.from({ length: 201 }, (_, i) => [`input${i}`, 'pump_telemetry']),
    );
    for (const preview of [
      { samples: { telemetry: 'drop table; --' } },
      { samples: { telemetry: 7 } },
      { samples: { '': 'pump_telemetry' } },
      { samples: tooMany },
      { samples: {}, colour: 'red' },
      'pump_telemetry',
    ]) {
      const response = await t.as(ada).request('PUT', `/api/drafts/${draft.id}`, {
        title: 'Checked',
        document: { nodes: [] },
        preview,
      });
      expect(response.status, JSON.stringify(preview)).toBe(400);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.message.length).toBeGreaterThan(10);
    }
    expect(await databaseSnapshot(t.database)).toEqual(before);
  });
});
