import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseSnapshot } from './test-support/database-snapshot';
import {
  PUBLIC_ACTIONS,
  routeCaseList,
  startRouteCaseApp,
  type Role,
  type routeCases,
  type Rule,
} from './test-support/route-cases';
import type { TestApp, TestUser } from './test-support/test-app';

/**
 * The permission matrix: every state-changing route × anonymous, another user, the owner and an admin.
 * Refused calls must leave every table exactly as it was. The route list comes from /api/openapi.json, so a new
 * route without a case fails the coverage test.
 */

let t: TestApp;
let owner: TestUser;
let other: TestUser;
let admin: TestUser;
let routes: ReturnType<typeof routeCases>;
const placeholder = routeCaseList();

beforeAll(async () => {
  ({ t, routes, owner } = await startRouteCaseApp());
  other = await t.signup('other');
  admin = await t.signup('admin');
  await t.database.sql`update users set role = 'admin' where id = ${admin.id}`;
});
afterAll(() => t?.close());

function expected(rule: Rule, role: Role): 'allowed' | number[] {
  if (role === 'anonymous') return [401];
  if (rule === 'open') return 'allowed';
  if (rule === 'self') return role === 'owner' ? 'allowed' : [403, 404];
  return role === 'other' ? [403, 404] : 'allowed';
}

describe('the permission matrix covers every state-changing route', () => {
  it('has a case for each one in the OpenAPI document', async () => {
    const doc = (await (await t.as(null).request('GET', '/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const changing = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => m !== 'get')
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    const covered = new Set([...routes.cases.map((c) => c.route), ...PUBLIC_ACTIONS]);
    expect(changing.filter((r) => !covered.has(r))).toEqual([]);
  });
});

describe.each(placeholder.map((c, i) => [`${c.route} (${c.title})`, i] as const))('%s', (_name, index) => {
  it.each(['anonymous', 'other', 'owner', 'admin'] as const)('as %s', async (role) => {
    const c = routes.cases[index];
    const method = c.route.split(' ')[0];
    const request = await c.prepare(owner);
    const user = { anonymous: null, other, owner, admin }[role];
    const before = await databaseSnapshot(t.database);
    const response = await routes.call(user, method, request);
    const expectation = expected(c.rule, role);
    if (expectation === 'allowed') {
      expect(response.status, await response.clone().text()).toBeLessThan(300);
      return;
    }
    expect(expectation).toContain(response.status);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.message.length).toBeGreaterThan(10);
    expect(await databaseSnapshot(t.database)).toEqual(before);
  });
});
