import { connect as tcpConnect, isIP, type Socket } from 'node:net';
import postgres from 'postgres';
import { explainConnectError } from './connect-errors';
import { passed, type Finding } from './findings';
import type { AllowedHost } from './host-allowlist';

export type TlsMode = 'disable' | 'require' | 'verify-full';

/** A user's PostgreSQL, with the address the allowlist approved and the decrypted password. */
export interface Target extends AllowedHost {
  port: number;
  database: string;
  username: string;
  password: string;
  tlsMode: TlsMode;
}

/** What the server says about itself and the connected user. */
export interface ServerInfo {
  version: string;
  versionNum: number;
  walLevel: string;
  username: string;
  database: string;
  superuser: boolean;
  replication: boolean;
  /** CREATE on the database, which creating a publication needs. */
  canCreate: boolean;
}

/** An open connection to a user's PostgreSQL; `close()` it when done. */
export interface TargetSession {
  sql: postgres.Sql;
  server: ServerInfo;
  /** The passed `connect` finding. */
  connected: Finding;
  close(): Promise<void>;
}

/** How long to wait for a user's server, in seconds. */
const CONNECT_TIMEOUT_SECONDS = 10;

function tlsOption(target: Target): postgres.Options<Record<string, never>>['ssl'] {
  if (target.tlsMode === 'disable') return false;
  if (target.tlsMode === 'require') return 'require';
  // Connect to the approved address but check the certificate against the name the user gave.
  return { rejectUnauthorized: true, ...(isIP(target.host) ? {} : { servername: target.host }) };
}

/** A client opens at most this many sockets: postgres.js would otherwise retry at once, forever, when a server
 * closes the connection while it is being set up (a port that is not PostgreSQL). */
const MAX_SOCKETS = 3;

/** Opens the TCP socket to the approved address, with a time limit; the client runs TLS and the protocol on it. */
function socketFactory(target: Target, connectTimeout: number) {
  let opened = 0;
  return () =>
    new Promise<Socket>((resolve, reject) => {
      if (++opened > MAX_SOCKETS) {
        const where = `${target.address}:${target.port}`;
        reject(Object.assign(new Error(`${where} closed the connection`), { code: 'CONNECTION_CLOSED' }));
        return;
      }
      const socket = tcpConnect({ host: target.address, port: target.port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(Object.assign(new Error('connect timeout'), { code: 'CONNECT_TIMEOUT' }));
      }, connectTimeout * 1000);
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(socket);
      });
    });
}

/**
 * A postgres.js client (one connection, opened lazily) to the user's server at the approved address. Every
 * option is given, so no PG* environment variable of the ProjectTwin server leaks into it.
 * @example const sql = openTarget(target); await sql`select 1`; await sql.end()
 */
export function openTarget(
  target: Target,
  connectTimeout = CONNECT_TIMEOUT_SECONDS,
  pool: { max: number; statementTimeoutMs: number } = { max: 1, statementTimeoutMs: 20_000 },
): postgres.Sql {
  // `socket` is a documented option that the type definitions leave out, hence a variable rather than a literal.
  const options: postgres.Options<Record<string, never>> & { socket: () => Promise<Socket> } = {
    socket: socketFactory(target, connectTimeout),
    host: target.address,
    port: target.port,
    database: target.database,
    username: target.username,
    password: target.password,
    ssl: tlsOption(target),
    max: pool.max,
    idle_timeout: 5,
    max_lifetime: 120,
    connect_timeout: connectTimeout,
    prepare: false,
    fetch_types: false,
    debug: false,
    onnotice: () => {},
    connection: { application_name: 'projecttwin', statement_timeout: pool.statementTimeoutMs },
  };
  return postgres(options);
}

/**
 * Asks the server whether it accepts TLS (PostgreSQL's SSLRequest): true for yes, false for no, undefined when
 * it cannot tell (no answer, not PostgreSQL).
 * @example if ((await probeTls(target)) === false) ...
 */
export function probeTls(
  target: Pick<Target, 'address' | 'port'>,
  timeoutMs = 5_000,
): Promise<boolean | undefined> {
  return new Promise((resolve) => {
    const socket = tcpConnect({ host: target.address, port: target.port });
    const done = (answer: boolean | undefined) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(undefined));
    socket.once('error', () => done(undefined));
    socket.once('connect', () => {
      const request = Buffer.alloc(8);
      request.writeInt32BE(8, 0);
      request.writeInt32BE(80877103, 4);
      socket.write(request);
    });
    socket.once('data', (data) => done(data[0] === 0x53 ? true : data[0] === 0x4e ? false : undefined));
  });
}

/**
 * Connects to the user's server and reads what the checks need about it. Returns the open session, or the failed
 * `connect` finding that explains why it could not connect.
 * @example const attempt = await connectToTarget(target); if ('failure' in attempt) return [attempt.failure]
 */
export async function connectToTarget(
  target: Target,
): Promise<{ session: TargetSession } | { failure: Finding }> {
  const sql = openTarget(target);
  const close = () => sql.end({ timeout: 2 });
  try {
    const [row] = await sql<
      {
        version: string;
        version_num: number;
        wal_level: string;
        username: string;
        database: string;
        superuser: boolean;
        replication: boolean;
        can_create: boolean;
      }[]
    >`select current_setting('server_version') as version,
        current_setting('server_version_num')::int as version_num,
        current_setting('wal_level') as wal_level,
        current_user as username, current_database() as database,
        r.rolsuper as superuser, r.rolreplication as replication,
        has_database_privilege(current_database(), 'CREATE') as can_create
      from pg_roles r where r.rolname = current_user`;
    const server: ServerInfo = {
      version: row.version,
      versionNum: row.version_num,
      walLevel: row.wal_level,
      username: row.username,
      database: row.database,
      superuser: row.superuser,
      replication: row.replication,
      canCreate: row.can_create,
    };
    const tls = target.tlsMode === 'disable' ? 'without TLS' : 'over TLS';
    const connected = passed(
      'connect',
      `Connected to PostgreSQL ${server.version.split(' ')[0]} at ${target.host}:${target.port}, database "${server.database}", as "${server.username}", ${tls}.`,
    );
    return { session: { sql, server, connected, close } };
  } catch (error) {
    await close().catch(() => {});
    const code = (error as { code?: unknown }).code;
    const fromServer = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
    const serverOffersTls = target.tlsMode !== 'disable' && !fromServer ? await probeTls(target) : undefined;
    return { failure: explainConnectError(error, { ...target, serverOffersTls }) };
  }
}
