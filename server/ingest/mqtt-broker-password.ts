import type postgres from 'postgres';
import { decryptSecret, encryptSecret, UnreadableSecretError } from '../connections/password-cipher';
import { ApiError } from '../http/api-error';

// A bridge's broker password is kept apart from its address: broker_url holds the address with at most the
// user name, and broker_password_encrypted the password, encrypted like data-connection passwords (AES-256-GCM
// with the server's secret key) and bound to the bridge's id, so a value copied into another row does not
// decrypt.

/** The stable code of a bridge whose stored broker password cannot be decrypted (the secret key changed). */
export const BROKER_PASSWORD_UNREADABLE = 'broker_password_unreadable';

/** What a bridge's status says when its broker password cannot be decrypted. */
export const BROKER_PASSWORD_UNREADABLE_MESSAGE =
  "The saved broker password of this MQTT bridge can no longer be read, because the server's secret key has " +
  'changed, so the bridge does not connect. Enter the broker password again (PATCH /api/ingest/mqtt/{id} ' +
  'with {"password": "…"}); nothing else is lost.';

/**
 * The context a bridge's password is encrypted under: a value copied to another bridge does not decrypt.
 * @example encryptSecret(key, password, brokerPasswordContext(bridge.id))
 */
export function brokerPasswordContext(bridgeId: string): string {
  return `mqtt-bridge:${bridgeId}`;
}

/**
 * Encrypts a broker password for the bridge `bridgeId`.
 * @example const stored = encryptBrokerPassword(key, id, 's3cret') // 'v1:…:…:…'
 */
export function encryptBrokerPassword(key: Buffer, bridgeId: string, password: string): string {
  return encryptSecret(key, password, brokerPasswordContext(bridgeId));
}

/**
 * A bridge's broker password in clear (undefined when it has none); throws `UnreadableSecretError` when the
 * stored value cannot be decrypted with `key`.
 * @example const password = brokerPassword(key, { id, brokerPasswordEncrypted })
 */
export function brokerPassword(
  key: Buffer,
  bridge: { id: string; brokerPasswordEncrypted: string | null },
): string | undefined {
  if (bridge.brokerPasswordEncrypted === null) return undefined;
  return decryptSecret(key, bridge.brokerPasswordEncrypted, brokerPasswordContext(bridge.id));
}

/**
 * Whether a bridge has a stored password that `key` cannot decrypt (so the owner must enter it again).
 * @example const passwordNeedsReentry = brokerPasswordUnreadable(key, bridge)
 */
export function brokerPasswordUnreadable(
  key: Buffer,
  bridge: { id: string; brokerPasswordEncrypted: string | null },
): boolean {
  try {
    brokerPassword(key, bridge);
    return false;
  } catch (error) {
    if (error instanceof UnreadableSecretError) return true;
    throw error;
  }
}

const decoded = (part: string) => {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
};

/**
 * Splits a broker URL into the address without the password (the user name stays) and the password
 * (percent-decoded; null when the URL has none). A URL that does not parse is returned as it is.
 * @example splitBrokerUrl('mqtt://ada:s3cret@host:1883') // { url: 'mqtt://ada@host:1883', password: 's3cret' }
 */
export function splitBrokerUrl(url: string): { url: string; password: string | null } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { url, password: null };
  }
  if (!parsed.password) return { url, password: null };
  const password = decoded(parsed.password);
  parsed.password = '';
  return { url: parsed.toString(), password };
}

/**
 * The user name in a broker URL, percent-decoded (undefined when there is none).
 * @example brokerUsername('mqtt://dev%40ice@host') // 'dev@ice'
 */
export function brokerUsername(url: string): string | undefined {
  try {
    const { username } = new URL(url);
    return username ? decoded(username) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Refuses (400) a broker password for an address without a user name: MQTT sends a password only with one.
 * @example assertUserForPassword('mqtt://device@host:1883')
 */
export function assertUserForPassword(url: string): void {
  if (brokerUsername(url) === undefined) {
    throw new ApiError(
      400,
      'invalid_request',
      'A broker password needs a user name: write the address as mqtt://user:password@host:port.',
    );
  }
}

/**
 * A broker URL for showing: `***` in place of the password when the bridge has one.
 * @example maskedBrokerUrl('mqtt://ada@host:1883', true) // 'mqtt://ada:***@host:1883'
 */
export function maskedBrokerUrl(url: string, hasPassword: boolean): string {
  const { url: bare } = splitBrokerUrl(url);
  if (!hasPassword) return bare;
  try {
    const parsed = new URL(bare);
    parsed.password = '***';
    return parsed.toString();
  } catch {
    return bare;
  }
}

/**
 * Moves passwords still written inside broker_url (bridges saved before passwords were encrypted) into
 * broker_password_encrypted and rewrites the URL without them. Idempotent: a row is rewritten only while its
 * URL still holds a password, and only if nobody changed it meanwhile. Returns how many rows it rewrote.
 * @example const moved = await encryptLegacyBrokerPasswords(database.sql, secretKey)
 */
export async function encryptLegacyBrokerPasswords(sql: postgres.ISql, key: Buffer): Promise<number> {
  const rows = await sql<{ id: string; broker_url: string }[]>`
    select id, broker_url from mqtt_bridges where broker_url like '%@%'`;
  let moved = 0;
  for (const row of rows) {
    const { url, password } = splitBrokerUrl(row.broker_url);
    if (password === null) continue;
    const updated = await sql`
      update mqtt_bridges
      set broker_url = ${url}, broker_password_encrypted = ${encryptBrokerPassword(key, row.id, password)}
      where id = ${row.id} and broker_url = ${row.broker_url}`;
    moved += updated.count;
  }
  return moved;
}
