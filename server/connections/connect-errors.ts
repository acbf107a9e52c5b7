import { failed, sqlName, type Finding } from './findings';

/** What the explanation needs to know about the attempt. */
export interface Attempt {
  host: string;
  port: number;
  database: string;
  username: string;
  tlsMode: 'disable' | 'require' | 'verify-full';
  /** What a TLS probe found, when one ran: whether the server accepts TLS at all. */
  serverOffersTls?: boolean;
}

interface ErrorLike {
  code?: unknown;
  message?: unknown;
}

const UNREACHABLE = new Set(['ETIMEDOUT', 'CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN']);
const NOT_FOUND = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_NODATA', 'EAI_FAIL']);
const CERTIFICATE = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const CLOSED = new Set([
  'ECONNRESET',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'EPIPE',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

const TLS_OFF_FIX = (a: Attempt) =>
  `Either turn TLS on in the server (ssl = on in postgresql.conf, with ssl_cert_file and ssl_key_file, then ` +
  `SELECT pg_reload_conf();), or, if ${a.host} is this machine or on a private network you trust, choose the ` +
  `TLS mode "disable".`;

/**
 * A failed `connect` finding that explains, in plain words, why a connection attempt failed and what to do:
 * wrong password, unknown host, nothing listening, unreachable, missing database, TLS required or not offered,
 * an untrusted certificate, access rules (pg_hba.conf).
 * @example explainConnectError(error, { host: 'db', port: 5432, database: 'plant', username: 'twin', tlsMode: 'require' })
 */
export function explainConnectError(error: unknown, a: Attempt): Finding {
  const { code, message } = (error ?? {}) as ErrorLike;
  const text = typeof message === 'string' ? message : '';
  const where = `${a.host}:${a.port}`;
  const fail = (msg: string, fix: string) => failed('connect', `Could not connect: ${msg}`, fix);
  const user = sqlName(a.username);

  switch (code) {
    case '28P01':
      return fail(
        `the server refused the user name "${a.username}" with this password (the password is wrong, or there is no such user).`,
        `Check the user name and the password. A superuser can set a new password with: ALTER ROLE ${user} WITH PASSWORD 'new password';`,
      );
    case '3D000':
      return fail(
        `there is no database called "${a.database}" on ${where}.`,
        `Check the database name (SELECT datname FROM pg_database; lists them), or create it: CREATE DATABASE ${sqlName(a.database)};`,
      );
    case '28000':
      if (/does not exist/.test(text)) {
        return fail(
          `there is no user called "${a.username}" on ${where}.`,
          `Check the user name, or create the user: CREATE ROLE ${user} WITH LOGIN PASSWORD 'a password';`,
        );
      }
      if (/not permitted to log in/.test(text)) {
        return fail(
          `the user "${a.username}" is not allowed to log in.`,
          `A superuser can allow it: ALTER ROLE ${user} WITH LOGIN;`,
        );
      }
      if (/no encryption/.test(text) && a.tlsMode === 'disable') {
        return fail(
          `${where} only accepts encrypted (TLS) connections.`,
          'Choose the TLS mode "require" (or "verify-full" if the server has a certificate from a trusted authority).',
        );
      }
      return fail(
        `the server's access rules (pg_hba.conf) do not let "${a.username}" connect to "${a.database}" from the ProjectTwin server.`,
        `Add a line for the ProjectTwin server's address to pg_hba.conf, such as: host ${a.database} ${a.username} <its address>/32 scram-sha-256 (hostssl instead of host to require TLS), then reload the configuration: SELECT pg_reload_conf();`,
      );
    case '53300':
      return fail(
        `${where} has no free connection slots right now.`,
        'Try again later, or raise max_connections on the server (it needs a restart).',
      );
    case '57P03':
      return fail(
        `${where} is starting up, shutting down or recovering.`,
        'Wait a minute and test the connection again.',
      );
    case 'ECONNREFUSED':
      return fail(
        `nothing is accepting connections at ${where}.`,
        `Check that PostgreSQL is running, that ${a.port} is its port, and that it listens on an address the ProjectTwin server can reach (listen_addresses in postgresql.conf; a firewall may also be in the way).`,
      );
    case 'SASL_SIGNATURE_MISMATCH':
    case 'AUTH_TYPE_NOT_IMPLEMENTED':
      return fail(
        `${where} asks for a kind of login ProjectTwin does not support.`,
        `Let "${a.username}" log in with a password (scram-sha-256 or md5 in pg_hba.conf).`,
      );
  }
  if (typeof code === 'string' && NOT_FOUND.has(code)) {
    return fail(
      `the host name "${a.host}" could not be found.`,
      "Check its spelling, or use the server's IP address.",
    );
  }
  if (typeof code === 'string' && UNREACHABLE.has(code)) {
    return fail(
      `${where} did not answer.`,
      'Check the address and port, and that no firewall or VPN stands between the ProjectTwin server and the database.',
    );
  }
  if (typeof code === 'string' && CERTIFICATE.has(code)) {
    const why =
      code === 'ERR_TLS_CERT_ALTNAME_INVALID'
        ? `it was issued for another name than "${a.host}"`
        : /EXPIRED|NOT_YET/.test(code)
          ? 'it has expired or is not valid yet'
          : 'it is not signed by an authority ProjectTwin trusts (it may be self-signed)';
    return fail(
      `the server's TLS certificate could not be verified: ${why}.`,
      `Give the server a valid certificate for "${a.host}" from a trusted authority (a private authority can be trusted by starting ProjectTwin with NODE_EXTRA_CA_CERTS=/path/to/ca.pem), or choose the TLS mode "require": still encrypted, but the certificate is not checked.`,
    );
  }
  if (a.serverOffersTls === false && a.tlsMode !== 'disable') {
    return fail(`${where} does not accept encrypted (TLS) connections.`, TLS_OFF_FIX(a));
  }
  if (typeof code === 'string' && CLOSED.has(code)) {
    return fail(
      `${where} closed the connection before it was ready; it may not be a PostgreSQL server.`,
      'Check the host and the port (PostgreSQL usually listens on 5432).',
    );
  }
  return fail(
    `${text || 'the server did not accept the connection'}.`.replace(/\.\.$/, '.'),
    'Check the host, port, database, user name, password and TLS mode.',
  );
}
