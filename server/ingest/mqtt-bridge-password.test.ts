import { randomBytes } from 'node:crypto';
import { connectAsync } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectionSettings } from '../connections/connection-settings';
import { decryptSecret } from '../connections/password-cipher';
import { freePort } from '../db/free-port';
import { createTestApp, type TestApp, type TestUser } from '../test-support/test-app';
import { json, waitFor } from './ingest-test-support';
import { encryptLegacyBrokerPasswords } from './mqtt-broker-password';
import { bridgeManagerFor, startMqttBridges } from './mqtt-bridges';
import { listening, MACHINE_BROKER, mosquittoPasswordsInstalled, startMosquitto } from './mqtt-test-support';

const brokerUp = await listening(MACHINE_BROKER.host, MACHINE_BROKER.port);
if (!brokerUp) console.warn('Skipping the machine-broker password test: nothing listens on 127.0.0.1:1883.');
if (!mosquittoPasswordsInstalled)
  console.warn('Skipping the broker password tests: mosquitto or mosquitto_passwd is not installed.');

const PASSWORD = 'pump-S3cret:/@%';
const ENCODED = encodeURIComponent(PASSWORD);

let t: TestApp;
let ada: TestUser;
let tableId: string;
const logged: string[] = [];
const prefix = `projecttwin-test/${Math.random().toString(36).slice(2)}`;

beforeAll(async () => {
  t = await createTestApp();
  bridgeManagerFor(t.database, { backoff: { initialMs: 100, maxMs: 800 }, log: (line) => logged.push(line) });
  ada = await t.signup('ada');
  const response = await t.as(ada).request('POST', '/api/ingest/tables', {
    title: 'Pulses',
    source: 'mqtt',
    columns: [{ name: 'n', type: 'int8' }],
    primaryKey: ['n'],
  });
  tableId = (await json(response)).id;
});
afterAll(async () => {
  vi.unstubAllEnvs();
  if (t) await bridgeManagerFor(t.database).stopAll();
  await t?.close();
});

const key = () => connectionSettings(t.config.dataDir).secretKey;
const storedRow = async (id: string) =>
  (
    await t.database.sql<{ broker_url: string; broker_password_encrypted: string | null }[]>`
      select broker_url, broker_password_encrypted from mqtt_bridges where id = ${id}`
  )[0];
const hasRow = async (n: number) =>
  (await t.database.sql`select 1 from data.pulses where n = ${n}`).length === 1;
const getBridge = async (id: string) => json(await t.as(ada).request('GET', `/api/ingest/mqtt/${id}`));
const connected = (id: string) =>
  waitFor(async () => (await getBridge(id)).status.state === 'connected', 10_000, 'the bridge to connect');

async function createBridge(brokerUrl: string, topic: string): Promise<string> {
  const response = await t.as(ada).request('POST', '/api/ingest/mqtt', {
    brokerUrl,
    topic,
    tableId,
    mapping: { n: '/n' },
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await json(response)).id;
}

async function publish(
  url: string,
  topic: string,
  n: number,
  auth: { username?: string; password?: string } = {},
) {
  const client = await connectAsync(url, auth);
  await client.publishAsync(topic, JSON.stringify({ n }), { qos: 1 });
  await client.endAsync();
}

/** What a restart of the platform does with the bridges: stop them all, then start them with the current key. */
async function reboot() {
  await bridgeManagerFor(t.database).stopAll();
  await startMqttBridges(t.database, (line) => logged.push(line), key());
}

describe.skipIf(!brokerUp)(
  // Needs the machine's broker; CI machines run it, a laptop may not.
  'a bridge with a password, on the machine’s Mosquitto (which allows anonymous; skipped when 127.0.0.1:1883 is unreachable)',
  () => {
    it('stores the URL without the password and the password encrypted, and still connects and ingests', async () => {
      const base = `mqtt://${MACHINE_BROKER.host}:${MACHINE_BROKER.port}`;
      const id = await createBridge(
        `mqtt://device:${ENCODED}@${MACHINE_BROKER.host}:${MACHINE_BROKER.port}`,
        `${prefix}/a`,
      );
      const row = await storedRow(id);
      expect(row.broker_url).toBe(`mqtt://device@${MACHINE_BROKER.host}:${MACHINE_BROKER.port}`);
      expect(row.broker_password_encrypted).toMatch(/^v1:/);
      expect(decryptSecret(key(), row.broker_password_encrypted!, `mqtt-bridge:${id}`)).toBe(PASSWORD);
      expect(() => decryptSecret(key(), row.broker_password_encrypted!, `mqtt-bridge:${tableId}`)).toThrow();

      await connected(id);
      await publish(base, `${prefix}/a`, 1);
      await waitFor(() => hasRow(1), 10_000, 'the row');

      const shown = await getBridge(id);
      expect(shown.brokerUrl).toBe(`mqtt://device:***@${MACHINE_BROKER.host}:${MACHINE_BROKER.port}`);
      expect(shown.passwordNeedsReentry).toBe(false);
      const listed = JSON.stringify(await json(await t.as(ada).request('GET', '/api/ingest/mqtt')));
      expect(listed).not.toContain('S3cret');
      expect(listed).not.toContain(row.broker_password_encrypted);
      expect(logged.join('\n')).not.toContain('S3cret');
      await t.as(ada).request('DELETE', `/api/ingest/mqtt/${id}`);
    });
  },
);

// Starts a private broker with a password file, which needs the mosquitto and mosquitto_passwd programs.
describe.skipIf(!mosquittoPasswordsInstalled)(
  'a bridge to a Mosquitto that requires a password (skipped when mosquitto_passwd is not installed)',
  () => {
    let port: number;
    let broker: Awaited<ReturnType<typeof startMosquitto>>;
    let url: string;
    const device = { username: 'device', password: PASSWORD };
    beforeAll(async () => {
      port = await freePort();
      broker = await startMosquitto(port, { users: { device: PASSWORD } });
      url = `mqtt://127.0.0.1:${port}`;
    });
    afterAll(() => broker?.stop());

    it('is refused with a wrong password, and connects once the right one is entered', async () => {
      const id = await createBridge(`mqtt://device:wrong@127.0.0.1:${port}`, 'pulses');
      await waitFor(
        async () => (await getBridge(id)).status.reconnectAttempt > 0,
        10_000,
        'the broker to refuse the wrong password',
      );
      expect((await getBridge(id)).status.lastError.message).toMatch(/not authori[sz]ed/i);

      const fixed = await t.as(ada).request('PATCH', `/api/ingest/mqtt/${id}`, { password: PASSWORD });
      expect(fixed.status, await fixed.clone().text()).toBe(200);
      expect((await json(fixed)).brokerUrl).toBe(`mqtt://device:***@127.0.0.1:${port}`);
      await connected(id);
      await publish(url, 'pulses', 2, device);
      await waitFor(() => hasRow(2), 10_000, 'the row');
      await t.as(ada).request('DELETE', `/api/ingest/mqtt/${id}`);
    });

    it('after a key change, waits for the password in plain words instead of connecting; re-entering fixes it', async () => {
      const id = await createBridge(`mqtt://device:${ENCODED}@127.0.0.1:${port}`, 'pulses');
      await connected(id);

      vi.stubEnv('PROJECTTWIN_SECRET_KEY', randomBytes(32).toString('base64'));
      await reboot();
      const waiting = await getBridge(id);
      expect(waiting.passwordNeedsReentry).toBe(true);
      expect(waiting.status).toMatchObject({
        state: 'needs_password',
        connectedAt: null,
        reconnectAttempt: 0,
      });
      expect(waiting.status.lastError.code).toBe('broker_password_unreadable');
      expect(waiting.status.lastError.message).toContain('Enter the broker password again');
      expect(logged.some((line) => line.includes('Enter the broker password again'))).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await getBridge(id)).status.state).toBe('needs_password');

      const fixed = await t.as(ada).request('PATCH', `/api/ingest/mqtt/${id}`, { password: PASSWORD });
      expect(fixed.status, await fixed.clone().text()).toBe(200);
      expect((await json(fixed)).passwordNeedsReentry).toBe(false);
      await connected(id);
      await publish(url, 'pulses', 3, device);
      await waitFor(() => hasRow(3), 10_000, 'the row');
      await t.as(ada).request('DELETE', `/api/ingest/mqtt/${id}`);
      vi.unstubAllEnvs();
    });

    it('moves a password still inside broker_url into the encrypted column at boot, once', async () => {
      const legacyUrl = `mqtt://device:${ENCODED}@127.0.0.1:${port}`;
      const [{ id }] = await t.database.sql<{ id: string }[]>`
      insert into mqtt_bridges (owner_id, broker_url, topic, data_table_id, mapping)
      values (${ada.id}, ${legacyUrl}, 'pulses', ${tableId}, ${JSON.stringify({ n: '/n' })}::json)
      returning id`;
      logged.length = 0;
      await reboot();
      expect(logged).toContain('encrypted the broker password of 1 MQTT bridge');
      const row = await storedRow(id);
      expect(row.broker_url).toBe(`mqtt://device@127.0.0.1:${port}`);
      expect(decryptSecret(key(), row.broker_password_encrypted!, `mqtt-bridge:${id}`)).toBe(PASSWORD);
      await connected(id);
      await publish(url, 'pulses', 4, device);
      await waitFor(() => hasRow(4), 10_000, 'the row');

      expect(await encryptLegacyBrokerPasswords(t.database.sql, key())).toBe(0);
      expect(await storedRow(id)).toEqual(row);
      logged.length = 0;
      await reboot();
      expect(logged.some((line) => line.startsWith('encrypted'))).toBe(false);
      expect(logged.join('\n')).not.toContain('S3cret');
    });
  },
);

describe('entering a broker password', () => {
  it('refuses an empty password, unknown fields and a password without a user name; hides other users’ bridges', async () => {
    const id = await createBridge('mqtt://device@127.0.0.1:1', 'nowhere');
    const empty = await t.as(ada).request('PATCH', `/api/ingest/mqtt/${id}`, { password: '' });
    expect(empty.status).toBe(400);
    const extra = await t.as(ada).request('PATCH', `/api/ingest/mqtt/${id}`, { password: 'x', url: 'y' });
    expect(extra.status).toBe(400);
    const noUser = await t.as(ada).request('POST', '/api/ingest/mqtt', {
      brokerUrl: 'mqtt://:pw@127.0.0.1:1',
      topic: 'nowhere',
      tableId,
      mapping: { n: '/n' },
    });
    expect(noUser.status).toBe(400);
    expect((await json(noUser)).error.message).toContain('A broker password needs a user name');
    const anonymous = await createBridge('mqtt://127.0.0.1:1', 'nowhere');
    const refused = await t.as(ada).request('PATCH', `/api/ingest/mqtt/${anonymous}`, { password: 'x' });
    expect(refused.status).toBe(400);
    expect((await storedRow(anonymous)).broker_password_encrypted).toBeNull();
    await t.as(ada).request('DELETE', `/api/ingest/mqtt/${anonymous}`);
    const bob = await t.signup('bob');
    expect((await t.as(bob).request('PATCH', `/api/ingest/mqtt/${id}`, { password: 'x' })).status).toBe(404);
    expect((await storedRow(id)).broker_password_encrypted).toBeNull();
    const set = await t.as(ada).request('PATCH', `/api/ingest/mqtt/${id}`, { password: 'x' });
    expect((await json(set)).brokerUrl).toBe('mqtt://device:***@127.0.0.1:1');
    await t.as(ada).request('DELETE', `/api/ingest/mqtt/${id}`);
  });
});
