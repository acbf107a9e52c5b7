import { describe, expect, it } from 'vitest';
import { checkConnectionEnv } from './connection-settings';
import { checkHost, normalizeHost, parseHostPolicy } from './host-allowlist';

/** A fake DNS: names to addresses; anything else is not found. Records what was looked up. */
function fakeDns(records: Record<string, string[]>) {
  const asked: string[] = [];
  const resolve = async (host: string) => {
    asked.push(host);
    if (!records[host]) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    return records[host];
  };
  return { resolve, asked };
}

const dns = fakeDns({
  localhost: ['127.0.0.1', '::1'],
  'db.example.com': ['203.0.113.10'],
  'lan.example.com': ['192.168.1.20'],
  'mixed.example.com': ['203.0.113.11', '10.0.0.5'],
  'metadata.example.com': ['169.254.169.254'],
  'reports.db.example.org': ['198.51.100.7'],
});

describe('normalizeHost', () => {
  it.each([
    ['DB.Example.com', 'db.example.com'],
    ['[::1]', '::1'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['db.example.com.', 'db.example.com'],
    [' 10.0.0.1 ', '10.0.0.1'],
  ])('%s → %s', (input, output) => expect(normalizeHost(input)).toBe(output));

  it.each(['db example', 'db/1', 'http://db', '-db', ''])('refuses %j', (input) =>
    expect(normalizeHost(input)).toBeUndefined(),
  );
});

describe('parseHostPolicy', () => {
  it('treats unset or empty as *', () => {
    expect(parseHostPolicy(undefined)).toMatchObject({ any: true, entries: ['*'] });
    expect(parseHostPolicy(' , ')).toMatchObject({ any: true, entries: ['*'] });
  });

  it.each(['10.0.0.0/33', 'fd00::/129', 'db example', '*.', '300.1.1.1/8', '10.0.0.0/x'])(
    'refuses the entry %j, naming it',
    (entry) => {
      expect(() => parseHostPolicy(`db.example.com,${entry}`)).toThrow(`"${entry}"`);
      expect(() => checkConnectionEnv({ PROJECTTWIN_CONNECTION_HOSTS: entry })).toThrow(
        /PROJECTTWIN_CONNECTION_HOSTS/,
      );
    },
  );
});

describe('checkHost', () => {
  const allowed = async (policy: string | undefined, host: string) =>
    (await checkHost(parseHostPolicy(policy), host, dns.resolve)).kind;

  it('allows any host by default, including this machine and the local network', async () => {
    expect(await allowed(undefined, 'localhost')).toBe('allowed');
    expect(await allowed(undefined, '127.0.0.1')).toBe('allowed');
    expect(await allowed(undefined, '192.168.1.20')).toBe('allowed');
    expect(await allowed(undefined, 'db.example.com')).toBe('allowed');
    expect(await allowed('*', '::1')).toBe('allowed');
  });

  it('never lets * reach link-local, unspecified or multicast addresses, directly or by a name', async () => {
    for (const host of ['169.254.169.254', 'fe80::1', '0.0.0.0', '::', '224.0.0.1', 'metadata.example.com']) {
      expect(await allowed('*', host), host).toBe('refused');
    }
    expect(await allowed('169.254.0.0/16', '169.254.169.254')).toBe('allowed');
  });

  it('pins the address it checked, IPv4 first', async () => {
    const decision = await checkHost(parseHostPolicy('127.0.0.0/8,::1'), 'localhost', dns.resolve);
    expect(decision).toEqual({ kind: 'allowed', target: { host: 'localhost', address: '127.0.0.1' } });
  });

  it('allows exactly what an explicit list names: names, *.domains, addresses and ranges', async () => {
    const policy = 'db.example.com, *.example.org, 10.0.0.0/8, 2001:db8::/32, 198.51.100.200';
    expect(await allowed(policy, 'DB.example.com')).toBe('allowed');
    expect(await allowed(policy, 'reports.db.example.org')).toBe('allowed');
    expect(await allowed(policy, '10.20.30.40')).toBe('allowed');
    expect(await allowed(policy, '2001:db8::5')).toBe('allowed');
    expect(await allowed(policy, '198.51.100.200')).toBe('allowed');
    expect(await allowed(policy, '198.51.100.201')).toBe('refused');
    expect(await allowed(policy, '127.0.0.1')).toBe('refused');
    expect(await allowed(policy, 'localhost')).toBe('refused');
    expect(await allowed(policy, 'lan.example.com')).toBe('refused');
  });

  it('refuses a name when any of its addresses is outside the list', async () => {
    expect(await allowed('203.0.113.0/24', 'db.example.com')).toBe('allowed');
    expect(await allowed('203.0.113.0/24', 'mixed.example.com')).toBe('refused');
  });

  it('refuses a name without looking it up when the list has only other names', async () => {
    dns.asked.length = 0;
    expect(await allowed('db.example.com', 'lan.example.com')).toBe('refused');
    expect(dns.asked).toEqual([]);
  });

  it('reports a name that does not resolve, rather than refusing it', async () => {
    const decision = await checkHost(parseHostPolicy(undefined), 'nowhere.invalid', dns.resolve);
    expect(decision).toEqual({ kind: 'unresolved', code: 'ENOTFOUND' });
  });

  it('explains a refusal in words', async () => {
    const decision = await checkHost(parseHostPolicy('10.0.0.0/8'), 'mixed.example.com', dns.resolve);
    expect(decision).toEqual({
      kind: 'refused',
      reason:
        '"mixed.example.com" leads to the address 203.0.113.11, which is not in the list of allowed hosts',
    });
  });
});
