import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { databaseSnapshot } from '../test-support/database-snapshot';
import { createTestApp, type TestApp, type TestUser } from '../test-support/test-app';
import type { Finding } from './findings';
import { decryptSecret } from './password-cipher';
import { probeTls } from './target-client';
import {
  reachable,
  scratchDatabase,
  serverOf,
  type ConnectionBody,
  type ScratchDatabase,
} from './test-target';

// The checks against real PostgreSQL servers: the suite's own (wal_level=logical, password logins) for the happy
// path and every way of failing to connect, and this machine's PostgreSQL on 5432 (wal_level=replica, no TLS)
// for the wal_level finding.

const MACHINE = serverOf('postgres://postgres:any@127.0.0.1:5432/postgres');
const machineUp = await reachable(MACHINE);
const NO_MACHINE = 'no PostgreSQL accepts the superuser "postgres" on 127.0.0.1:5432 on this machine';

interface ConnectionBodyOut {
  id: string;
  lastCheck: { ok: boolean; findings: Finding[] };
}
interface ErrorOut {
  error: { code: string; message: string; details?: { findings: Finding[] } };
}

let t: TestApp;
let ada: TestUser;
let scratch: ScratchDatabase;
let suiteWalLevel: string;

beforeAll(async () => {
  t = await createTestApp();
  ada = await t.signup('ada');
  scratch = await scratchDatabase(serverOf(inject('databaseUrl')));
  [{ wal_level: suiteWalLevel }] = await scratch.sql<{ wal_level: string }[]>`show wal_level`;
});
afterAll(async () => {
  await scratch?.drop();
  await t?.close();
});

const finding = (findings: Finding[], check: string) => findings.find((f) => f.check === check)!;

async function create(body: ConnectionBody) {
  const response = await t.as(ada).request('POST', '/api/connections', body);
  return { status: response.status, text: await response.text() };
}

/** Posts a connection that must be refused with 422 connection_failed, changing nothing; returns its finding. */
async function refusedToConnect(body: ConnectionBody): Promise<Finding> {
  const before = await databaseSnapshot(t.database);
  const { status, text } = await create(body);
  const { error } = JSON.parse(text) as ErrorOut;
  expect({ status, code: error.code }, text).toEqual({ status: 422, code: 'connection_failed' });
  expect(error.message).toMatch(/Nothing was saved\.$/);
  expect(await databaseSnapshot(t.database)).toEqual(before);
  const [connect] = error.details!.findings;
  expect(connect).toMatchObject({ check: 'connect', ok: false });
  expect(connect.fix!.length).toBeGreaterThan(20);
  return connect;
}

describe('a server that accepts the connection', () => {
  it('is saved, with its password encrypted, and every check passes for a REPLICATION role', async () => {
    const role = await scratch.createRole({ replication: true });
    const { status, text } = await create(scratch.body(role));
    expect(status, text).toBe(201);
    const { id, lastCheck } = JSON.parse(text) as ConnectionBodyOut;
    expect(finding(lastCheck.findings, 'connect')).toMatchObject({ ok: true, fix: null });
    expect(finding(lastCheck.findings, 'connect').message).toMatch(/^Connected to PostgreSQL \d+/);
    expect(finding(lastCheck.findings, 'replication')).toMatchObject({ ok: true });
    expect(finding(lastCheck.findings, 'wal_level').ok).toBe(suiteWalLevel === 'logical');
    expect(lastCheck.ok).toBe(suiteWalLevel === 'logical');

    const [row] = await t.database.sql<{ password_encrypted: string }[]>`
      select password_encrypted from connections where id = ${id}`;
    expect(row.password_encrypted).toMatch(/^v1:[\w-]+:[\w-]+:[\w-]+$/);
    const key = Buffer.from(readFileSync(join(t.config.dataDir, 'secret-key'), 'utf8').trim(), 'base64url');
    expect(decryptSecret(key, row.password_encrypted, id)).toBe(role.password);
    expect(text).not.toContain(role.password);
    expect(text).not.toContain(row.password_encrypted.split(':')[3]);
  });

  it('reports a role without the REPLICATION attribute, with the SQL that gives it', async () => {
    const role = await scratch.createRole();
    const { status, text } = await create(scratch.body(role));
    expect(status, text).toBe(201);
    const replication = finding((JSON.parse(text) as ConnectionBodyOut).lastCheck.findings, 'replication');
    expect(replication).toMatchObject({ ok: false });
    expect(replication.message).toContain(`"${role.name}" may not stream changes`);
    expect(replication.fix).toContain(`ALTER ROLE ${role.name} WITH REPLICATION;`);
  });
});

describe('a server that refuses or cannot be reached: explained, and nothing saved', () => {
  it('a wrong password (skipped when the suite PostgreSQL trusts every password, so none is wrong)', async (context) => {
    const role = await scratch.createRole();
    if (await reachable({ ...scratch.server, user: role.name, password: 'wrong' }, scratch.name)) {
      context.skip('the suite PostgreSQL does not check passwords (trust authentication)');
    }
    const connect = await refusedToConnect(scratch.body({ ...role, password: 'not-the-password' }));
    expect(connect.message).toMatch(/password is wrong/);
  });

  it('a database that does not exist', async () => {
    const connect = await refusedToConnect(scratch.body(undefined, { database: 'no_such_database' }));
    expect(connect.message).toContain('there is no database called "no_such_database"');
    expect(connect.fix).toContain('CREATE DATABASE no_such_database;');
  });

  it('a port where nothing listens', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const connect = await refusedToConnect(scratch.body(undefined, { port }));
    expect(connect.message).toContain(`nothing is accepting connections at ${scratch.server.host}:${port}`);
  });

  it('a host name that does not exist', async () => {
    const connect = await refusedToConnect(scratch.body(undefined, { host: 'no-such-host.invalid' }));
    expect(connect.message).toContain('the host name "no-such-host.invalid" could not be found');
  });

  it('TLS required of a server that does not offer it (skipped when the suite PostgreSQL offers TLS)', async (context) => {
    if (await probeTls({ address: scratch.server.host, port: scratch.server.port })) {
      context.skip('the suite PostgreSQL offers TLS');
    }
    const connect = await refusedToConnect(scratch.body(undefined, { tlsMode: 'require' }));
    expect(connect.message).toContain('does not accept encrypted (TLS) connections');
    expect(connect.fix).toContain('TLS mode "disable"');
  });
});

describe.skipIf(!machineUp)(`this machine's PostgreSQL on 5432 (skipped when ${NO_MACHINE})`, () => {
  const machine = (extra: Partial<ConnectionBody> = {}): ConnectionBody => ({
    name: 'Machine PostgreSQL',
    host: MACHINE.host,
    port: MACHINE.port,
    database: 'postgres',
    username: MACHINE.user,
    password: 'unused-with-trust-auth',
    tlsMode: 'disable',
    ...extra,
  });

  it('reports wal_level "replica" with the command that fixes it (skipped when it already has wal_level = logical)', async (context) => {
    const { status, text } = await create(machine());
    expect(status, text).toBe(201);
    const { id, lastCheck } = JSON.parse(text) as ConnectionBodyOut;
    await t.as(ada).request('DELETE', `/api/connections/${id}`);
    const walLevel = finding(lastCheck.findings, 'wal_level');
    if (walLevel.ok) context.skip('the machine PostgreSQL already has wal_level = logical');
    expect(walLevel.message).toMatch(
      /^wal_level is "(replica|minimal)", so the server cannot stream its changes/,
    );
    expect(walLevel.fix).toContain('ALTER SYSTEM SET wal_level = logical;');
    expect(walLevel.fix).toContain('restart PostgreSQL');
    expect(lastCheck.ok).toBe(false);
    expect(finding(lastCheck.findings, 'replication')).toMatchObject({ ok: true });
  });

  it('explains that it does not offer TLS when TLS is required (skipped when it offers TLS)', async (context) => {
    if (await probeTls({ address: MACHINE.host, port: MACHINE.port })) context.skip('it offers TLS');
    const connect = await refusedToConnect(machine({ tlsMode: 'verify-full' }));
    expect(connect.message).toBe(
      `Could not connect: ${MACHINE.host}:5432 does not accept encrypted (TLS) connections.`,
    );
  });
});
