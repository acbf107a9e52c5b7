import { connect, type MqttClient } from 'mqtt';
import { UnreadableSecretError } from '../connections/password-cipher';
import type { Database } from '../db/database';
import type { DataTable } from './data-tables';
import {
  BROKER_PASSWORD_UNREADABLE,
  BROKER_PASSWORD_UNREADABLE_MESSAGE,
  brokerUsername,
} from './mqtt-broker-password';
import { payloadToRow, type MqttMapping } from './mqtt-mapping';
import { writeRows, type CellRow } from './row-writer';

/** What a bridge subscribes to and where its rows go. */
export interface BridgeConfig {
  id: string;
  /** The broker's address, with at most a user name (a password in it is ignored). */
  brokerUrl: string;
  /**
   * The broker password, decrypted each time the bridge connects (undefined: none); throws
   * `UnreadableSecretError` when it cannot be decrypted, and the bridge then waits for it to be entered again.
   */
  password?: () => string | undefined;
  topic: string;
  mapping: MqttMapping;
  table: DataTable;
}

/**
 * How a bridge is doing, for GET /api/ingest/mqtt. Times are ISO 8601; counts since this server started it.
 */
export interface BridgeStatus {
  /** `needs_password`: the stored broker password cannot be decrypted; the bridge does not connect. */
  state: 'connecting' | 'connected' | 'reconnecting' | 'needs_password' | 'stopped';
  connectedAt: string | null;
  lastMessageAt: string | null;
  /** Messages received. */
  received: number;
  /** Rows written. */
  written: number;
  /** Messages that were not JSON or did not map to a row. */
  rejected: number;
  /** Rows the database refused. */
  failed: number;
  /** The last problem; `code` is set for problems the owner must act on (`broker_password_unreadable`). */
  lastError: { at: string; message: string; code?: string } | null;
  lastRejection: { at: string; reason: string } | null;
  /** Failed connection attempts in a row, and when the next one is due. */
  reconnectAttempt: number;
  nextAttemptAt: string | null;
}

/** Reconnection delays: exponential from `initialMs`, doubled each attempt, capped at `maxMs`. */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

/** What a bridge needs around it. */
export interface BridgeDeps {
  database: Database;
  backoff: BackoffOptions;
  log: (line: string) => void;
}

const BATCH_ROWS = 100;
const BATCH_MS = 200;
const LOG_EVERY_MS = 60_000;

/**
 * The delay before reconnection attempt `attempt` (1, 2, …): `initialMs · 2^(attempt-1)` capped at `maxMs`,
 * with "equal jitter" (between half and all of it) so that many bridges to one broker do not reconnect in
 * step.
 * @example backoffDelay(3, { initialMs: 1000, maxMs: 30000 }, () => 1) // 4000
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random = Math.random): number {
  const capped = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(capped / 2 + (capped / 2) * random());
}

/**
 * The status of a bridge that has received nothing yet: `connecting` when starting, `stopped` when not run.
 * @example const status = initialBridgeStatus('connecting')
 */
export function initialBridgeStatus(state: BridgeStatus['state']): BridgeStatus {
  return {
    state,
    connectedAt: null,
    lastMessageAt: null,
    received: 0,
    written: 0,
    rejected: 0,
    failed: 0,
    lastError: null,
    lastRejection: null,
    reconnectAttempt: 0,
    nextAttemptAt: null,
  };
}

/**
 * Starts one MQTT bridge (mqtt.js): connects, subscribes to its topic (QoS 1, wildcards allowed), maps each
 * JSON payload to a row and writes rows in small batches (100 rows or 200 ms), each batch in one transaction;
 * a batch the database refuses is retried row by row so one bad row costs only itself. Payloads that are not
 * JSON or do not map are counted and logged (at most once a minute), never thrown. When the connection drops
 * or cannot be made, it reconnects with capped exponential backoff. `stop()` disconnects and writes what is
 * pending.
 * @example const bridge = startMqttBridge(config, { database, backoff: { initialMs: 1000, maxMs: 60000 }, log })
 */
export function startMqttBridge(config: BridgeConfig, deps: BridgeDeps) {
  const now = () => new Date().toISOString();
  const status = initialBridgeStatus('connecting');
  let client: MqttClient | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let flushTimer: NodeJS.Timeout | undefined;
  let stopped = false;
  let pending: CellRow[] = [];
  let writing: Promise<void> = Promise.resolve();
  let lastLogAt = 0;
  const name = `MQTT bridge ${config.id.slice(0, 8)} (${config.topic})`;

  const noteError = (message: string) => {
    status.lastError = { at: now(), message };
    if (Date.now() - lastLogAt > LOG_EVERY_MS) {
      lastLogAt = Date.now();
      deps.log(`${name}: ${message}`);
    }
  };

  async function write(rows: CellRow[]): Promise<void> {
    try {
      await deps.database.sql.begin((tx) => writeRows(tx, config.table, rows));
      status.written += rows.length;
    } catch (error) {
      if (rows.length > 1) {
        for (const row of rows) await write([row]);
        return;
      }
      status.failed++;
      noteError(`a row could not be written: ${(error as Error).message}`);
    }
  }

  function flush(): Promise<void> {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    const rows = pending;
    pending = [];
    if (rows.length > 0) writing = writing.then(() => write(rows));
    return writing;
  }

  function receive(topic: string, payload: Buffer) {
    status.received++;
    status.lastMessageAt = now();
    const row = payloadToRow(config.table, config.mapping, topic, payload, new Date());
    if (!Array.isArray(row)) {
      status.rejected++;
      status.lastRejection = { at: now(), reason: row.reason };
      if (Date.now() - lastLogAt > LOG_EVERY_MS) {
        lastLogAt = Date.now();
        deps.log(`${name}: a message on ${topic} was skipped: ${row.reason}`);
      }
      return;
    }
    pending.push(row);
    if (pending.length >= BATCH_ROWS) void flush();
    else flushTimer ??= setTimeout(() => void flush(), BATCH_MS);
  }

  function scheduleReconnect() {
    status.reconnectAttempt++;
    const delay = backoffDelay(status.reconnectAttempt, deps.backoff);
    status.state = 'reconnecting';
    status.nextAttemptAt = new Date(Date.now() + delay).toISOString();
    retryTimer = setTimeout(open, delay);
    retryTimer.unref();
  }

  function open() {
    if (stopped) return;
    status.nextAttemptAt = null;
    let password: string | undefined;
    try {
      password = config.password?.();
    } catch (error) {
      if (!(error instanceof UnreadableSecretError)) throw error;
      status.state = 'needs_password';
      status.lastError = {
        at: now(),
        code: BROKER_PASSWORD_UNREADABLE,
        message: BROKER_PASSWORD_UNREADABLE_MESSAGE,
      };
      deps.log(`${name}: ${BROKER_PASSWORD_UNREADABLE_MESSAGE}`);
      return;
    }
    let c: MqttClient;
    try {
      c = connect(config.brokerUrl, {
        // The credentials are given apart: the URL's user name (decoded), and the password, never in the URL.
        auth: undefined,
        username: brokerUsername(config.brokerUrl),
        password,
        clientId: `projecttwin-${config.id}`,
        clean: true,
        reconnectPeriod: 0,
        connectTimeout: 10_000,
        keepalive: 30,
      });
    } catch (error) {
      // mqtt.js throws at once for some bad addresses; a bridge never throws from its timers.
      noteError((error as Error).message);
      scheduleReconnect();
      return;
    }
    client = c;
    const lost = () => {
      if (client !== c) return;
      client = undefined;
      c.end(true);
      if (status.state === 'connected') noteError('the connection to the broker was lost');
      if (!stopped) scheduleReconnect();
    };
    c.on('error', (error) => noteError(error.message || String(error)));
    c.on('connect', () => {
      c.subscribe(config.topic, { qos: 1 }, (error, granted) => {
        if (error || granted?.some((g) => g.qos === 128)) {
          noteError(
            `the broker refused the subscription to ${config.topic}${error ? `: ${error.message}` : ''}`,
          );
          lost();
          return;
        }
        status.state = 'connected';
        status.connectedAt = now();
        status.reconnectAttempt = 0;
      });
    });
    c.on('message', receive);
    c.on('close', lost);
  }

  open();
  return {
    /** A copy of the bridge's status. */
    status: (): BridgeStatus => ({ ...status }),
    /** Disconnects, stops reconnecting and writes the rows still pending. */
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(retryTimer);
      const c = client;
      client = undefined;
      if (c) await c.endAsync(true).catch(() => {});
      await flush();
      status.state = 'stopped';
      status.nextAttemptAt = null;
    },
  };
}

/** A running bridge. */
export type RunningBridge = ReturnType<typeof startMqttBridge>;
