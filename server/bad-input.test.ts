import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseSnapshot } from './test-support/database-snapshot';
import { routeCaseList, startRouteCaseApp, type routeCases } from './test-support/route-cases';
import type { TestApp, TestUser } from './test-support/test-app';

/**
 * Bad input on every state-changing route that takes JSON: malformed JSON, a body of the wrong type, an unknown
 * field and an oversized body each get a 4xx with a plain message and a stable code, and change nothing.
 */

let t: TestApp;
let owner: TestUser;
let routes: ReturnType<typeof routeCases>;
const jsonCases = routeCaseList()
  .map((c, i) => ({ c, i }))
  .filter(({ c }) => c.json)
  .map(({ c, i }) => [`${c.route} (${c.title})`, i] as const);

beforeAll(async () => {
  ({ t, routes, owner } = await startRouteCaseApp());
});
afterAll(() => t?.close());

const BAD_BODIES = [
  ['malformed JSON', () => '{"name": "x",', 400, /^malformed_json$/],
  ['a list instead of an object', () => '[1, 2, 3]', 400, /^invalid_(request|document)$/],
  ['a number instead of an object', () => '42', 400, /^invalid_(request|document)$/],
] as const;

describe.each(jsonCases)('%s', (_name, index) => {
  async function prepared() {
    const c = routes.cases[index];
    const request = await c.prepare(owner);
    return { method: c.route.split(' ')[0], request };
  }

  it.each(BAD_BODIES)('refuses %s, changing nothing', async (_what, body, status, code) => {
    const { method, request } = await prepared();
    const before = await databaseSnapshot(t.database);
    const response = await t.as(owner).request(method, request.path, body());
    expect(response.status).toBe(status);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toMatch(code);
    expect(error.message).toMatch(/^[A-Z"]/);
    expect(error.message).not.toMatch(/\bat \w+ \(|node_modules|TypeError/);
    expect(await databaseSnapshot(t.database)).toEqual(before);
  });

  it('refuses an unknown field, changing nothing', async () => {
    const { method, request } = await prepared();
    const before = await databaseSnapshot(t.database);
    const response = await t
      .as(owner)
      .request(method, request.path, { ...(request.body as object), surprise: true });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.message).toContain('surprise');
    expect(await databaseSnapshot(t.database)).toEqual(before);
  });

  it('refuses an oversized body with 413, changing nothing', async () => {
    const { method, request } = await prepared();
    const before = await databaseSnapshot(t.database);
    const huge = { ...(request.body as object), description: 'x'.repeat(t.config.maxBodyBytes + 10) };
    const response = await t.as(owner).request(method, request.path, huge);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    expect(await databaseSnapshot(t.database)).toEqual(before);
  });
});
