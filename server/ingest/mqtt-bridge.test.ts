import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../test-support/test-app';
import { json, waitFor } from './ingest-test-support';
import { bridgeManagerFor } from './mqtt-bridges';
import { listening, MACHINE_BROKER } from './mqtt-test-support';

const brokerUp = await listening(MACHINE_BROKER.host, MACHINE_BROKER.port);
if (!brokerUp) console.warn('Skipping the MQTT bridge tests: no MQTT broker listens on 127.0.0.1:1883.');
const BROKER = `mqtt://${MACHINE_BROKER.host}:${MACHINE_BROKER.port}`;

let t: TestApp;
let ada: TestUser;
let bob: TestUser;
let tableId: string;
let publisher: MqttClient;
const prefix = `projecttwin-test/${Math.random().toString(36).slice(2)}`;

beforeAll(async () => {
  t = await createTestApp();
  ada = await t.signup('ada');
  bob = await t.signup('bob');
  const response = await t.as(ada).request('POST', '/api/ingest/tables', {
    title: 'Telemetry',
    source: 'mqtt',
    columns: [
      { name: 'topic', type: 'text' },
      { name: 'seq', type: 'int8' },
      { name: 'temperature', type: 'float8' },
      { name: 'received_at', type: 'timestamptz' },
    ],
  });
  tableId = (await json(response)).id;
  if (brokerUp) publisher = await connectAsync(BROKER);
});
afterAll(async () => {
  await publisher?.endAsync();
  if (t) await bridgeManagerFor(t.database).stopAll();
  await t?.close();
});

const rowCount = async () =>
  (await t.database.sql<{ n: number }[]>`select count(*)::int as n from data.telemetry`)[0].n;
const bridgeStatus = async (id: string) =>
  (await json(await t.as(ada).request('GET', `/api/ingest/mqtt/${id}`))).status;

describe.skipIf(!brokerUp)(
  'MQTT bridge with the machine’s Mosquitto (skipped when 127.0.0.1:1883 is unreachable)',
  () => {
    let bridgeId: string;

    it('creates a bridge that connects and subscribes', async () => {
      const response = await t.as(ada).request('POST', '/api/ingest/mqtt', {
        brokerUrl: BROKER,
        topic: `${prefix}/+/telemetry`,
        tableId,
        mapping: {
          topic: '$topic',
          seq: '/seq',
          temperature: '/reading/temperature',
          received_at: '$timestamp',
        },
      });
      expect(response.status, await response.clone().text()).toBe(201);
      bridgeId = (await json(response)).id;
      await waitFor(
        async () => (await bridgeStatus(bridgeId)).state === 'connected',
        10_000,
        'the bridge to connect',
      );
    });

    it('writes 100 published messages as 100 rows, counting malformed payloads without crashing', async () => {
      for (let i = 0; i < 100; i++) {
        const payload = JSON.stringify({ seq: i, reading: { temperature: 20 + i / 10 } });
        await publisher.publishAsync(`${prefix}/pump-${i % 5}/telemetry`, payload, { qos: 1 });
      }
      await publisher.publishAsync(`${prefix}/pump-0/telemetry`, 'not json {', { qos: 1 });
      await publisher.publishAsync(`${prefix}/pump-0/telemetry`, '{"unrelated": true}', { qos: 1 });
      await publisher.publishAsync(`${prefix}/pump-0/telemetry`, '{"seq": "abc"}', { qos: 1 });
      await publisher.publishAsync(`${prefix}/elsewhere`, '{"seq": 1000}', { qos: 1 });
      await waitFor(async () => (await bridgeStatus(bridgeId)).received === 103, 10_000, '103 messages');
      await waitFor(async () => (await rowCount()) === 100, 10_000, '100 rows');
      const status = await bridgeStatus(bridgeId);
      expect(status).toMatchObject({
        state: 'connected',
        received: 103,
        written: 100,
        rejected: 3,
        failed: 0,
      });
      expect(status.lastRejection.reason).toBe('column "seq": "abc" is not a whole number.');
      expect(status.lastMessageAt).not.toBeNull();
      const rows = await t.database.sql`select topic, seq, temperature from data.telemetry order by seq`;
      expect(rows[0]).toEqual({ topic: `${prefix}/pump-0/telemetry`, seq: '0', temperature: 20 });
      expect(rows[99]).toEqual({ topic: `${prefix}/pump-4/telemetry`, seq: '99', temperature: 29.9 });
      const table = await json(await t.as(ada).request('GET', `/api/ingest/tables/${tableId}`));
      expect(table.rowCount).toBe(100);
    });

    it('lists bridges to their owner only', async () => {
      const mine = await json(await t.as(ada).request('GET', '/api/ingest/mqtt'));
      expect(mine.bridges.map((b: { id: string }) => b.id)).toEqual([bridgeId]);
      expect((await json(await t.as(bob).request('GET', '/api/ingest/mqtt'))).bridges).toEqual([]);
      expect((await t.as(bob).request('GET', `/api/ingest/mqtt/${bridgeId}`)).status).toBe(404);
      expect((await t.as(bob).request('DELETE', `/api/ingest/mqtt/${bridgeId}`)).status).toBe(404);
      expect((await t.as(null).request('GET', '/api/ingest/mqtt')).status).toBe(401);
    });

    it('stops writing once deleted', async () => {
      expect((await t.as(ada).request('DELETE', `/api/ingest/mqtt/${bridgeId}`)).status).toBe(204);
      expect(bridgeManagerFor(t.database).status(bridgeId).state).toBe('stopped');
      await publisher.publishAsync(`${prefix}/pump-1/telemetry`, '{"seq": 500}', { qos: 1 });
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(await rowCount()).toBe(100);
      expect((await t.as(ada).request('GET', `/api/ingest/mqtt/${bridgeId}`)).status).toBe(404);
    });
  },
);

describe('creating a bridge checks what it is given', () => {
  const valid = () => ({
    brokerUrl: 'mqtt://127.0.0.1:1',
    topic: 'a/+/b/#',
    tableId,
    mapping: { seq: '/seq' },
  });

  it.each([
    ['a broker URL of another scheme', { brokerUrl: 'http://example.com' }, /is not a broker address/],
    ['# not last', { topic: 'a/#/b' }, /is not an MQTT topic filter/],
    ['+ inside a level', { topic: 'a/b+' }, /is not an MQTT topic filter/],
    ['an unknown column', { mapping: { colour: '/c' } }, /"colour", which is not a column/],
    ['a source that is not a pointer', { mapping: { seq: 'seq' } }, /use a JSON pointer/],
    ['an empty mapping', { mapping: {} }, /The mapping is empty/],
  ])('refuses %s', async (_what, change, message) => {
    const response = await t.as(ada).request('POST', '/api/ingest/mqtt', { ...valid(), ...change });
    expect(response.status).toBe(400);
    expect((await json(response)).error.message).toMatch(message);
  });

  it("refuses another user's table with 404", async () => {
    const response = await t.as(bob).request('POST', '/api/ingest/mqtt', valid());
    expect(response.status).toBe(404);
  });

  it('never shows the broker password', async () => {
    const response = await t.as(ada).request('POST', '/api/ingest/mqtt', {
      ...valid(),
      brokerUrl: 'mqtt://device:s3cret@127.0.0.1:1',
    });
    expect(response.status).toBe(201);
    const bridge = await json(response);
    expect(bridge.brokerUrl).toBe('mqtt://device:***@127.0.0.1:1');
    expect(JSON.stringify(await json(await t.as(ada).request('GET', '/api/ingest/mqtt')))).not.toContain(
      's3cret',
    );
    await t.as(ada).request('DELETE', `/api/ingest/mqtt/${bridge.id}`);
  });
});
