import { describe, expect, it } from 'vitest';
import { explainConnectError, type Attempt } from './connect-errors';

// Real servers produce most of these in connection-checks.test.ts; the ones a test machine cannot easily produce
// (a server that requires TLS, certificates, pg_hba rules, timeouts) are checked here from the errors Node and
// PostgreSQL raise.

const attempt: Attempt = {
  host: 'db.example.com',
  port: 5432,
  database: 'plant',
  username: 'twin',
  tlsMode: 'require',
};
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('explainConnectError', () => {
  it.each([
    [
      'wrong password',
      pgError('28P01', 'password authentication failed for user "twin"'),
      attempt,
      /password is wrong/,
      /ALTER ROLE twin WITH PASSWORD/,
    ],
    [
      'missing database',
      pgError('3D000', 'database "plant" does not exist'),
      attempt,
      /no database called "plant"/,
      /CREATE DATABASE plant;/,
    ],
    [
      'missing role',
      pgError('28000', 'role "twin" does not exist'),
      attempt,
      /no user called "twin"/,
      /CREATE ROLE twin WITH LOGIN/,
    ],
    [
      'TLS required by the server',
      pgError(
        '28000',
        'no pg_hba.conf entry for host "10.0.0.9", user "twin", database "plant", no encryption',
      ),
      { ...attempt, tlsMode: 'disable' as const },
      /only accepts encrypted \(TLS\) connections/,
      /TLS mode "require"/,
    ],
    [
      'access rules',
      pgError(
        '28000',
        'no pg_hba.conf entry for host "10.0.0.9", user "twin", database "plant", SSL encryption',
      ),
      attempt,
      /access rules \(pg_hba\.conf\)/,
      /host plant twin <its address>\/32 scram-sha-256/,
    ],
    [
      'nothing listening',
      pgError('ECONNREFUSED', 'connect ECONNREFUSED'),
      attempt,
      /nothing is accepting connections at db\.example\.com:5432/,
      /listen_addresses/,
    ],
    [
      'unknown host',
      pgError('ENOTFOUND', 'getaddrinfo ENOTFOUND'),
      attempt,
      /host name "db\.example\.com" could not be found/,
      /IP address/,
    ],
    ['timeout', pgError('CONNECT_TIMEOUT', 'write CONNECT_TIMEOUT'), attempt, /did not answer/, /firewall/],
    ['unreachable', pgError('EHOSTUNREACH', 'connect EHOSTUNREACH'), attempt, /did not answer/, /firewall/],
    [
      'self-signed certificate',
      pgError('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'),
      { ...attempt, tlsMode: 'verify-full' as const },
      /not signed by an authority ProjectTwin trusts/,
      /NODE_EXTRA_CA_CERTS.*"require"/,
    ],
    [
      'certificate for another name',
      pgError('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames"),
      { ...attempt, tlsMode: 'verify-full' as const },
      /issued for another name than "db\.example\.com"/,
      /valid certificate/,
    ],
    [
      'TLS not offered',
      pgError(
        'ECONNRESET',
        'Client network socket disconnected before secure TLS connection was established',
      ),
      { ...attempt, serverOffersTls: false },
      /does not accept encrypted \(TLS\) connections/,
      /ssl = on.*TLS mode "disable"/,
    ],
    [
      'not PostgreSQL',
      pgError('ECONNRESET', 'socket hang up'),
      attempt,
      /closed the connection before it was ready/,
      /port/,
    ],
    [
      'too many connections',
      pgError('53300', 'sorry, too many clients already'),
      attempt,
      /no free connection slots/,
      /max_connections/,
    ],
  ])('%s', (_what, error, a, message, fix) => {
    const finding = explainConnectError(error, a);
    expect(finding).toMatchObject({ check: 'connect', ok: false });
    expect(finding.message).toMatch(/^Could not connect: /);
    expect(finding.message).toMatch(message);
    expect(finding.fix).toMatch(fix);
  });

  it('quotes names that need it in the SQL it suggests', () => {
    const finding = explainConnectError(pgError('28P01', 'x'), { ...attempt, username: 'Plant User' });
    expect(finding.fix).toContain('ALTER ROLE "Plant User" WITH PASSWORD');
  });

  it('falls back to the error text for anything else', () => {
    const finding = explainConnectError(pgError('XX000', 'something odd happened'), attempt);
    expect(finding.message).toBe('Could not connect: something odd happened.');
  });
});
