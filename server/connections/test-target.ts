import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

// Test support: real PostgreSQL servers standing in for a user's own database. A scratch database with roles and
// tables made for one test file, dropped afterwards.

/** A server reachable as a superuser, from a postgres:// URL. */
export interface ServerAddress {
  host: string;
  port: number;
  user: string;
  password: string;
}

/**
 * The address of the server a postgres:// URL points to.
 * @example const server = serverOf(inject('databaseUrl'))
 */
export function serverOf(url: string): ServerAddress {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
  };
}

/** The body of `POST /api/connections` for a database on that server. */
export interface ConnectionBody {
  name: string;
  host: string;
  port: number;
  database: string;
  username: string;
  password: string;
  tlsMode: 'disable' | 'require' | 'verify-full';
}

export interface ScratchDatabase {
  name: string;
  server: ServerAddress;
  /** A superuser client on the scratch database. */
  sql: postgres.Sql;
  /** A login role of its own (`replication` for the REPLICATION attribute); dropped with the database. */
  createRole(options?: { replication?: boolean }): Promise<{ name: string; password: string }>;
  /** A connection body for this database, as the superuser unless a role is given. */
  body(role?: { name: string; password: string }, extra?: Partial<ConnectionBody>): ConnectionBody;
  drop(): Promise<void>;
}

const client = (server: ServerAddress, database: string, connectTimeout = 5) =>
  postgres({
    host: server.host,
    port: server.port,
    username: server.user,
    password: server.password,
    database,
    max: 1,
    onnotice: () => {},
    connect_timeout: connectTimeout,
  });

/**
 * True when a superuser can connect to that server within a few seconds.
 * @example const up = await reachable(serverOf('postgres://postgres@127.0.0.1:5432/postgres'))
 */
export async function reachable(server: ServerAddress, database = 'postgres'): Promise<boolean> {
  const sql = client(server, database, 2);
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/**
 * Creates a scratch database (and, on demand, roles) on a real server.
 * @example const scratch = await scratchDatabase(serverOf(inject('databaseUrl'))); afterAll(() => scratch.drop())
 */
export async function scratchDatabase(server: ServerAddress): Promise<ScratchDatabase> {
  const name = `pt_src_${randomBytes(5).toString('hex')}`;
  const admin = client(server, 'postgres');
  await admin.unsafe(`create database ${name}`);
  const sql = client(server, name);
  const roles: string[] = [];
  return {
    name,
    server,
    sql,
    async createRole(options = {}) {
      const role = {
        name: `pt_role_${randomBytes(5).toString('hex')}`,
        password: randomBytes(12).toString('hex'),
      };
      await admin.unsafe(
        `create role ${role.name} login ${options.replication ? 'replication' : ''} password '${role.password}'`,
      );
      roles.push(role.name);
      return role;
    },
    body(role, extra = {}) {
      return {
        name: `Scratch ${name}`,
        host: server.host,
        port: server.port,
        database: name,
        username: role?.name ?? server.user,
        password: role?.password ?? server.password,
        tlsMode: 'disable',
        ...extra,
      };
    },
    async drop() {
      await sql.end({ timeout: 2 });
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      for (const role of roles) await admin.unsafe(`drop role if exists ${role}`);
      await admin.end({ timeout: 2 });
    },
  };
}
