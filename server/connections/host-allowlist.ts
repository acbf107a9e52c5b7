import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Which database hosts the server may open connections to, from PROJECTTWIN_CONNECTION_HOSTS: comma-separated
 * entries, each `*` (any host), a host name (`db.example.com`), a domain and its subdomains (`*.example.com`), an
 * IP address or a CIDR range (`10.0.0.0/8`, `fd00::/8`). Unset means `*`: on one machine or an office network
 * people connect to localhost and LAN servers. `*` never covers link-local, unspecified or multicast addresses
 * (169.254.169.254 is a cloud's metadata service, never a database); an explicit IP or range can.
 */
export interface HostPolicy {
  /** The entries as written, for messages. */
  entries: string[];
  any: boolean;
  names: Set<string>;
  suffixes: string[];
  ranges: BlockList;
  hasRanges: boolean;
}

/** Where a connection will really go: the host as the user wrote it and the address checked against the policy. */
export interface AllowedHost {
  host: string;
  /** The resolved address the connection must use (resolved once, so DNS cannot change it after the check). */
  address: string;
}

/** The outcome of checking a host: allowed (with its pinned address), refused, or not resolvable. */
export type HostDecision =
  | { kind: 'allowed'; target: AllowedHost }
  | { kind: 'refused'; reason: string }
  | { kind: 'unresolved'; code: string };

const NEVER_BY_WILDCARD = new BlockList();
NEVER_BY_WILDCARD.addSubnet('169.254.0.0', 16, 'ipv4');
NEVER_BY_WILDCARD.addSubnet('0.0.0.0', 8, 'ipv4');
NEVER_BY_WILDCARD.addSubnet('224.0.0.0', 4, 'ipv4');
NEVER_BY_WILDCARD.addAddress('255.255.255.255', 'ipv4');
NEVER_BY_WILDCARD.addSubnet('fe80::', 10, 'ipv6');
NEVER_BY_WILDCARD.addAddress('::', 'ipv6');
NEVER_BY_WILDCARD.addSubnet('ff00::', 8, 'ipv6');

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,62})(\.[a-z0-9_]([a-z0-9_-]{0,62}))*\.?$/;

/**
 * A host as typed, normalised: lower case, IPv6 brackets removed, IPv4-mapped IPv6 written as IPv4. Returns
 * undefined when it is neither a host name nor an IP address.
 * @example normalizeHost('[::1]') // '::1'
 */
export function normalizeHost(input: string): string | undefined {
  let host = input.trim().toLowerCase();
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
  if (mapped) host = mapped[1];
  if (isIP(host)) return host;
  return HOST_NAME.test(host) ? host.replace(/\.$/, '') : undefined;
}

const family = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

/**
 * Parses PROJECTTWIN_CONNECTION_HOSTS; throws an Error naming the first entry it cannot read.
 * @example parseHostPolicy('db.example.com, 10.0.0.0/8')
 */
export function parseHostPolicy(value: string | undefined): HostPolicy {
  const entries = (value ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const policy: HostPolicy = {
    entries: entries.length ? entries : ['*'],
    any: entries.length === 0,
    names: new Set(),
    suffixes: [],
    ranges: new BlockList(),
    hasRanges: false,
  };
  for (const entry of entries) {
    const bad = (why: string) =>
      new Error(
        `PROJECTTWIN_CONNECTION_HOSTS: "${entry}" is not ${why}. Write host names, IP addresses or CIDR ranges, separated by commas, or * for any host.`,
      );
    if (entry === '*') {
      policy.any = true;
    } else if (entry.includes('/')) {
      const [net, bits] = entry.split('/');
      const address = normalizeHost(net);
      const prefix = Number(bits);
      const max = address && isIP(address) === 6 ? 128 : 32;
      if (!address || !isIP(address) || !/^\d+$/.test(bits) || prefix > max) throw bad('a valid CIDR range');
      policy.ranges.addSubnet(address, prefix, family(address));
      policy.hasRanges = true;
    } else if (entry.startsWith('*.')) {
      const domain = normalizeHost(entry.slice(2));
      if (!domain || isIP(domain)) throw bad('a valid domain wildcard');
      policy.suffixes.push(`.${domain}`);
    } else {
      const host = normalizeHost(entry);
      if (!host) throw bad('a valid host name or IP address');
      if (isIP(host)) {
        policy.ranges.addAddress(host, family(host));
        policy.hasRanges = true;
      } else {
        policy.names.add(host);
      }
    }
  }
  return policy;
}

function addressAllowed(policy: HostPolicy, address: string): boolean {
  if (policy.hasRanges && policy.ranges.check(address, family(address))) return true;
  return policy.any && !NEVER_BY_WILDCARD.check(address, family(address));
}

type Lookup = (host: string) => Promise<string[]>;

const systemLookup: Lookup = async (host) =>
  (await lookup(host, { all: true, order: 'ipv4first' })).map((a) => a.address);

/**
 * Decides whether the server may connect to `host`, before any connection is opened. A host named in the policy
 * (exactly, or under a `*.domain`) is allowed whatever it resolves to; otherwise every address it resolves to must
 * be allowed. A name the policy could never allow is refused without even a DNS lookup.
 * @example const decision = await checkHost(parseHostPolicy('10.0.0.0/8'), 'db.internal')
 */
export async function checkHost(
  policy: HostPolicy,
  input: string,
  resolve: Lookup = systemLookup,
): Promise<HostDecision> {
  const host = normalizeHost(input);
  if (!host) return { kind: 'refused', reason: `"${input}" is not a host name or an IP address` };
  const named = policy.names.has(host) || policy.suffixes.some((s) => host.endsWith(s));
  if (isIP(host)) {
    return addressAllowed(policy, host)
      ? { kind: 'allowed', target: { host, address: host } }
      : { kind: 'refused', reason: `the address ${host} is not in the list of allowed hosts` };
  }
  if (!named && !policy.any && !policy.hasRanges) {
    return { kind: 'refused', reason: `the host "${host}" is not in the list of allowed hosts` };
  }
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch (error) {
    return { kind: 'unresolved', code: String((error as { code?: unknown }).code ?? 'ENOTFOUND') };
  }
  if (addresses.length === 0) return { kind: 'unresolved', code: 'ENOTFOUND' };
  const refusedAddress = named ? undefined : addresses.find((a) => !addressAllowed(policy, a));
  if (refusedAddress) {
    return {
      kind: 'refused',
      reason: `"${host}" leads to the address ${refusedAddress}, which is not in the list of allowed hosts`,
    };
  }
  return { kind: 'allowed', target: { host, address: addresses[0] } };
}
