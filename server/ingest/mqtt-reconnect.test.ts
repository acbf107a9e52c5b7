import { connectAsync } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../db/free-port';
import { createTestApp, type TestApp, type TestUser } from '../test-support/test-app';
import { json, waitFor } from './ingest-test-support';
import { backoffDelay } from './mqtt-bridge';
import { bridgeManagerFor } from './mqtt-bridges';
import { mosquittoInstalled, startMosquitto } from './mqtt-test-support';

describe('backoffDelay', () => {
  it('doubles from the initial delay up to the cap, with equal jitter', () => {
    const options = { initialMs: 1000, maxMs: 30_000 };
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => backoffDelay(n, options, () => 1))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
    ]);
    expect(backoffDelay(3, options, () => 0)).toBe(2000);
  });
});

// Reconnection needs a broker that can be made to appear, vanish and come back: the test runs a private
// Mosquitto (the same program as the machine's broker) on a free port, so the shared broker is left alone.
if (!mosquittoInstalled)
  console.warn('Skipping the MQTT reconnection test: the mosquitto program is not installed.');

let t: TestApp;
let ada: TestUser;
let tableId: string;

beforeAll(async () => {
  t = await createTestApp();
  // Short delays so the test sees several attempts; configured before the first bridge starts.
  bridgeManagerFor(t.database, { backoff: { initialMs: 100, maxMs: 800 }, log: () => {} });
  ada = await t.signup('ada');
  const response = await t.as(ada).request('POST', '/api/ingest/tables', {
    title: 'Beats',
    source: 'mqtt',
    columns: [{ name: 'n', type: 'int8' }],
    primaryKey: ['n'],
  });
  tableId = (await json(response)).id;
});
afterAll(async () => {
  if (t) await bridgeManagerFor(t.database).stopAll();
  await t?.close();
});

const rows = async () =>
  (await t.database.sql<{ n: number }[]>`select count(*)::int as n from data.beats`)[0].n;

async function publish(port: number, from: number, count: number) {
  const client = await connectAsync(`mqtt://127.0.0.1:${port}`);
  for (let n = from; n < from + count; n++)
    await client.publishAsync('beats', JSON.stringify({ n }), { qos: 1 });
  await client.endAsync();
}

// Stops and starts a broker of its own, which needs the mosquitto program.
describe.skipIf(!mosquittoInstalled)(
  'a bridge whose broker is down, comes up, restarts (skipped when mosquitto is not installed)',
  () => {
    it(
      'retries with backoff while nothing listens, connects when the broker appears, and again after a restart',
      { timeout: 60_000 },
      async () => {
        const port = await freePort();
        const created = await t.as(ada).request('POST', '/api/ingest/mqtt', {
          brokerUrl: `mqtt://127.0.0.1:${port}`,
          topic: 'beats',
          tableId,
          mapping: { n: '/n' },
        });
        expect(created.status, await created.clone().text()).toBe(201);
        const { id } = await json(created);
        const status = () => bridgeManagerFor(t.database).status(id);

        // Nothing listens: refused, retried with backoff, never thrown.
        await waitFor(() => status().reconnectAttempt >= 3, 10_000, 'three failed attempts');
        expect(status().state).toBe('reconnecting');
        expect(status().lastError?.message).toMatch(/ECONNREFUSED/);
        expect(status().nextAttemptAt).not.toBeNull();

        // The broker appears: the next attempt connects.
        let broker = await startMosquitto(port);
        try {
          await waitFor(() => status().state === 'connected', 10_000, 'the bridge to connect');
          expect(status().reconnectAttempt).toBe(0);
          await publish(port, 0, 10);
          await waitFor(async () => (await rows()) === 10, 10_000, '10 rows');

          // The broker restarts: the bridge notices, reconnects and goes on.
          await broker.stop();
          await waitFor(() => status().state === 'reconnecting', 10_000, 'the bridge to notice');
          expect(status().lastError?.message).toBeTruthy();
          broker = await startMosquitto(port);
          await waitFor(() => status().state === 'connected', 10_000, 'the bridge to reconnect');
          await publish(port, 10, 10);
          await waitFor(async () => (await rows()) === 20, 10_000, '20 rows');
          expect(status()).toMatchObject({ written: 20, rejected: 0, failed: 0 });
        } finally {
          await bridgeManagerFor(t.database).stop(id);
          await broker.stop();
        }
      },
    );
  },
);
