import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { databaseSnapshot } from '../test-support/database-snapshot';
import { createTestApp, type TestApp, type TestUser } from '../test-support/test-app';
import { scratchDatabase, serverOf, type ConnectionBody, type ScratchDatabase } from './test-target';

// Connections through the API: ownership, what is returned (never a password), changes, the encryption key
// changing, and the allowlist of hosts. Every response body is kept to check that no password leaked.

interface ConnectionOut {
  id: string;
  name: string;
  host: string;
  port: number;
  tlsMode: string;
  passwordNeedsReentry: boolean;
  owner: { id: string };
  lastCheck: { ok: boolean; checkedAt: string; findings: { check: string; ok: boolean }[] } | null;
}
interface ErrorOut {
  error: { code: string; message: string; details?: unknown };
}

let t: TestApp;
let ada: TestUser;
let bob: TestUser;
let admin: TestUser;
let scratch: ScratchDatabase;
let role: { name: string; password: string };
const responses: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  ada = await t.signup('ada');
  bob = await t.signup('bob');
  admin = await t.signup('admin');
  await t.database.sql`update users set role = 'admin' where id = ${admin.id}`;
  scratch = await scratchDatabase(serverOf(inject('databaseUrl')));
  role = await scratch.createRole({ replication: true });
});
afterEach(() => {
  vi.unstubAllEnvs();
});
afterAll(async () => {
  await scratch?.drop();
  await t?.close();
});

async function call(user: TestUser | null, method: string, path: string, body?: unknown) {
  const response = await t.as(user).request(method, path, body);
  const text = await response.text();
  responses.push(text);
  return { status: response.status, body: (text ? JSON.parse(text) : null) as unknown, text };
}

async function created(user: TestUser, body: ConnectionBody): Promise<ConnectionOut> {
  const { status, body: out, text } = await call(user, 'POST', '/api/connections', body);
  expect(status, text).toBe(201);
  return out as ConnectionOut;
}

/** A call that must be refused with `status` and `code`, leaving the platform's database as it was. */
async function refused(
  user: TestUser | null,
  method: string,
  path: string,
  body: unknown,
  status: number,
  code: string,
) {
  const before = await databaseSnapshot(t.database);
  const result = await call(user, method, path, body);
  expect({ status: result.status, code: (result.body as ErrorOut).error.code }, result.text).toEqual({
    status,
    code,
  });
  expect(await databaseSnapshot(t.database)).toEqual(before);
  return (result.body as ErrorOut).error;
}

describe('who may see and change a connection', () => {
  let id: string;
  beforeAll(async () => {
    id = (await created(ada, scratch.body(role, { name: "Ada's plant" }))).id;
  });

  it('lists only my own connections, even for an administrator', async () => {
    const names = async (user: TestUser) =>
      (
        (await call(user, 'GET', '/api/connections')).body as { connections: ConnectionOut[] }
      ).connections.map((c) => c.id);
    expect(await names(ada)).toContain(id);
    expect(await names(bob)).toEqual([]);
    expect(await names(admin)).toEqual([]);
    expect((await call(null, 'GET', '/api/connections')).status).toBe(401);
  });

  it.each([
    ['ada', 200],
    ['admin', 200],
    ['bob', 404],
    ['anonymous', 401],
  ] as const)('GET one as %s: %i', async (who, status) => {
    const user = { ada, admin, bob, anonymous: null }[who];
    const result = await call(user, 'GET', `/api/connections/${id}`);
    expect(result.status).toBe(status);
    if (status === 404) expect((result.body as ErrorOut).error.code).toBe('connection_not_found');
  });

  it.each([
    ['POST', 'test', undefined],
    ['GET', 'tables', undefined],
    ['POST', 'publication', { tables: ['public.readings'] }],
    ['PATCH', '', { name: 'Mine now' }],
    ['DELETE', '', undefined],
  ] as const)('refuses %s %s to someone else with 404, changing nothing', async (method, action, body) => {
    const path = `/api/connections/${id}${action ? `/${action}` : ''}`;
    await refused(bob, method, path, body, 404, 'connection_not_found');
  });

  it('renames without testing, and refuses an empty change', async () => {
    const renamed = (await call(ada, 'PATCH', `/api/connections/${id}`, { name: 'Plant floor' }))
      .body as ConnectionOut;
    expect(renamed.name).toBe('Plant floor');
    await refused(ada, 'PATCH', `/api/connections/${id}`, {}, 400, 'invalid_request');
  });

  it('lets an administrator test it', async () => {
    const result = await call(admin, 'POST', `/api/connections/${id}/test`);
    expect(result.status).toBe(200);
    expect((result.body as ConnectionOut['lastCheck'])!.findings[0]).toMatchObject({
      check: 'connect',
      ok: true,
    });
  });
});

describe('changes that point somewhere else are tested first', () => {
  let id: string;
  beforeAll(async () => {
    id = (await created(ada, scratch.body(role))).id;
  });

  it('keeps the connection as it was when the new settings cannot connect', async () => {
    const path = `/api/connections/${id}`;
    const error = await refused(ada, 'PATCH', path, { database: 'nowhere' }, 422, 'connection_failed');
    expect(error.message).toMatch(/no database called "nowhere".*Nothing was saved\.$/);
    await refused(ada, 'PATCH', path, { username: 'no_such_role', password: 'x' }, 422, 'connection_failed');
  });

  it('saves new settings that connect, with the findings of the test', async () => {
    const before = (await call(ada, 'GET', `/api/connections/${id}`)).body as ConnectionOut;
    const changed = (
      await call(ada, 'PATCH', `/api/connections/${id}`, { host: 'LOCALHOST', name: 'Via localhost' })
    ).body as ConnectionOut;
    expect(changed).toMatchObject({ host: 'localhost', name: 'Via localhost' });
    expect(changed.lastCheck!.checkedAt > before.lastCheck!.checkedAt).toBe(true);
  });

  it('refuses a host that is not a host name', async () => {
    await refused(ada, 'PATCH', `/api/connections/${id}`, { host: 'db example' }, 400, 'invalid_request');
  });
});

describe('when the secret key changes', () => {
  it('asks for the password again with a clear 409, then works with the new key', async () => {
    const { id } = await created(ada, scratch.body(role));
    vi.stubEnv('PROJECTTWIN_SECRET_KEY', randomBytes(32).toString('base64'));
    const error = await refused(
      ada,
      'POST',
      `/api/connections/${id}/test`,
      undefined,
      409,
      'password_unreadable',
    );
    expect(error.message).toContain('Enter the password again');
    await refused(ada, 'GET', `/api/connections/${id}/tables`, undefined, 409, 'password_unreadable');
    await refused(
      ada,
      'PATCH',
      `/api/connections/${id}`,
      { port: scratch.server.port },
      409,
      'password_unreadable',
    );
    const shown = (await call(ada, 'GET', `/api/connections/${id}`)).body as ConnectionOut;
    expect(shown.passwordNeedsReentry).toBe(true);

    const fixed = await call(ada, 'PATCH', `/api/connections/${id}`, { password: role.password });
    expect(fixed.status, fixed.text).toBe(200);
    expect((fixed.body as ConnectionOut).passwordNeedsReentry).toBe(false);
    expect((await call(ada, 'POST', `/api/connections/${id}/test`)).status).toBe(200);
  });
});

describe('the allowlist of hosts', () => {
  let listener: Server;
  let port: number;
  let accepted = 0;
  beforeAll(async () => {
    listener = createServer((socket) => {
      accepted++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    port = (listener.address() as { port: number }).port;
  });
  afterAll(() => new Promise((resolve) => listener.close(resolve)));

  const toListener = (host = '127.0.0.1') => scratch.body(role, { host, port });

  it('refuses a host outside the list with 403 before opening any connection', async () => {
    vi.stubEnv('PROJECTTWIN_CONNECTION_HOSTS', 'db.example.com, 10.0.0.0/8');
    accepted = 0;
    const error = await refused(ada, 'POST', '/api/connections', toListener(), 403, 'host_not_allowed');
    expect(error.message).toContain('ProjectTwin is not allowed to connect to "127.0.0.1"');
    expect(error.message).toContain('PROJECTTWIN_CONNECTION_HOSTS');
    await refused(ada, 'POST', '/api/connections', toListener('localhost'), 403, 'host_not_allowed');
    expect(accepted).toBe(0);
  });

  it('connects to a host in the list (here a listener that is not PostgreSQL)', async () => {
    vi.stubEnv('PROJECTTWIN_CONNECTION_HOSTS', 'db.example.com, 127.0.0.0/8');
    accepted = 0;
    const error = await refused(ada, 'POST', '/api/connections', toListener(), 422, 'connection_failed');
    expect(error.message).toContain(`127.0.0.1:${port} closed the connection before it was ready`);
    expect(accepted).toBeGreaterThan(0);
  });

  it('refuses the cloud metadata address by default', async () => {
    await refused(ada, 'POST', '/api/connections', toListener('169.254.169.254'), 403, 'host_not_allowed');
  });

  it('applies to stored connections too, and to changes of host', async () => {
    const { id } = await created(ada, scratch.body(role));
    vi.stubEnv('PROJECTTWIN_CONNECTION_HOSTS', 'db.example.com');
    await refused(ada, 'POST', `/api/connections/${id}/test`, undefined, 403, 'host_not_allowed');
    await refused(ada, 'GET', `/api/connections/${id}/tables`, undefined, 403, 'host_not_allowed');
    vi.stubEnv('PROJECTTWIN_CONNECTION_HOSTS', '127.0.0.1');
    await refused(ada, 'PATCH', `/api/connections/${id}`, { host: '127.0.0.2' }, 403, 'host_not_allowed');
    expect((await call(ada, 'POST', `/api/connections/${id}/test`)).status).toBe(200);
  });
});

describe('deleting a connection whose server cannot be reached', () => {
  it('deletes it and says how to remove its publication by hand', async () => {
    const { id } = await created(ada, scratch.body(role));
    await t.database.sql`update connections set publication = 'projecttwin_0123456789ab' where id = ${id}`;
    vi.stubEnv('PROJECTTWIN_CONNECTION_HOSTS', 'db.example.com');
    const result = await call(ada, 'DELETE', `/api/connections/${id}`);
    expect(result.status).toBe(200);
    const { publication } = result.body as { publication: { dropped: boolean; message: string } };
    expect(publication.dropped).toBe(false);
    expect(publication.message).toContain('ProjectTwin is not allowed to connect');
    expect(publication.message).toMatch(
      /Remove it yourself when convenient: DROP PUBLICATION projecttwin_0123456789ab;$/,
    );
    expect((await call(ada, 'GET', `/api/connections/${id}`)).status).toBe(404);
  });
});

describe('passwords never leave the server', () => {
  it('no response so far contains a password or a stored ciphertext', async () => {
    const rows = await t.database.sql<
      { password_encrypted: string }[]
    >`select password_encrypted from connections`;
    expect(rows.length).toBeGreaterThan(3);
    const secrets = [
      role.password,
      scratch.server.password,
      ...rows.map((r) => r.password_encrypted.split(':')[3]),
    ].filter(Boolean);
    expect(responses.length).toBeGreaterThan(20);
    for (const text of responses) {
      for (const secret of secrets) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/password_?encrypted|v1:[\w-]{16}:/i);
    }
  });

  it('the OpenAPI document has no password in any response', async () => {
    const doc = JSON.stringify(
      (
        (await call(null, 'GET', '/api/openapi.json')).body as {
          components: { schemas: Record<string, unknown> };
        }
      ).components.schemas.Connection,
    );
    expect(doc).not.toMatch(/"password"/);
  });
});
