import type postgres from 'postgres';
import type { Database } from '../db/database';
import { findDataTable } from './data-tables';
import { brokerPassword, encryptLegacyBrokerPasswords } from './mqtt-broker-password';
import {
  initialBridgeStatus,
  startMqttBridge,
  type BackoffOptions,
  type BridgeStatus,
  type RunningBridge,
} from './mqtt-bridge';
import type { MqttMapping } from './mqtt-mapping';
import { isUuid } from '../http/uuid';

/** An MQTT bridge as stored in mqtt_bridges. */
export interface BridgeRecord {
  id: string;
  ownerId: string;
  /** The broker's address with at most the user name. */
  brokerUrl: string;
  /** The encrypted broker password (see mqtt-broker-password.ts), null when the broker takes none. */
  brokerPasswordEncrypted: string | null;
  topic: string;
  dataTableId: string;
  mapping: MqttMapping;
  enabled: boolean;
  createdAt: Date;
}

type BridgeRow = {
  id: string;
  owner_id: string;
  broker_url: string;
  broker_password_encrypted: string | null;
  topic: string;
  data_table_id: string;
  mapping: MqttMapping;
  enabled: number;
  // A string: drizzle makes the shared postgres.js client return timestamps as written.
  created_at: string | Date;
};

/**
 * Converts a mqtt_bridges row (snake case) to a BridgeRecord.
 * @example const bridges = rows.map(bridgeFromRow)
 */
export function bridgeFromRow(row: BridgeRow): BridgeRecord {
  return {
    id: row.id,
    ownerId: row.owner_id,
    brokerUrl: row.broker_url,
    brokerPasswordEncrypted: row.broker_password_encrypted,
    topic: row.topic,
    dataTableId: row.data_table_id,
    mapping: row.mapping,
    enabled: row.enabled === 1,
    createdAt: new Date(row.created_at),
  };
}

/**
 * Bridges by owner (all bridges when `ownerId` is null), or one by id.
 * @example const mine = await readBridges(database.sql, { ownerId: user.id })
 */
export async function readBridges(
  sql: postgres.ISql,
  by: { ownerId?: string; id?: string },
): Promise<BridgeRecord[]> {
  if (by.id !== undefined && !isUuid(by.id)) return [];
  const rows = await sql<BridgeRow[]>`
    select * from mqtt_bridges
    where ${by.id !== undefined ? sql`id = ${by.id}` : by.ownerId !== undefined ? sql`owner_id = ${by.ownerId}` : sql`true`}
    order by created_at, id`;
  return rows.map(bridgeFromRow);
}

/** How bridges reconnect and where they log. */
export interface BridgeManagerOptions {
  backoff: BackoffOptions;
  log: (line: string) => void;
}

/**
 * The MQTT bridges this server runs for one database: started all at once when the platform starts, one by
 * one as they are created, stopped as they are deleted (or their table is) and all at once when the platform
 * stops.
 * @example const bridges = bridgeManagerFor(database); await bridges.startAll(); ...; await bridges.stopAll()
 */
export class MqttBridgeManager {
  private readonly running = new Map<string, { bridge: RunningBridge; tableId: string }>();

  constructor(
    private readonly database: Database,
    private readonly options: BridgeManagerOptions,
  ) {}

  /**
   * Starts every enabled bridge whose table exists, their broker passwords decrypted with `secretKey`;
   * returns how many started.
   */
  async startAll(secretKey: Buffer): Promise<number> {
    const records = await readBridges(this.database.sql, {});
    let started = 0;
    for (const record of records.filter((r) => r.enabled)) {
      if (await this.start(record, secretKey)) started++;
    }
    return started;
  }

  /**
   * Starts one bridge (no-op when it runs already); false when its table is gone. Its broker password is
   * decrypted with `secretKey` at each connection; when it cannot be, the bridge waits in `needs_password`.
   */
  async start(record: BridgeRecord, secretKey: Buffer): Promise<boolean> {
    if (this.running.has(record.id)) return true;
    const table = await findDataTable(this.database.sql, record.dataTableId);
    if (!table || this.running.has(record.id)) return !!table;
    const bridge = startMqttBridge(
      {
        id: record.id,
        brokerUrl: record.brokerUrl,
        password: () => brokerPassword(secretKey, record),
        topic: record.topic,
        mapping: record.mapping,
        table,
      },
      { database: this.database, ...this.options },
    );
    this.running.set(record.id, { bridge, tableId: table.id });
    return true;
  }

  /** Stops one bridge. */
  async stop(id: string): Promise<void> {
    const entry = this.running.get(id);
    this.running.delete(id);
    await entry?.bridge.stop();
  }

  /** Stops the bridges that write to a table. */
  async stopForTable(tableId: string): Promise<void> {
    const ids = [...this.running].filter(([, entry]) => entry.tableId === tableId).map(([id]) => id);
    await Promise.all(ids.map((id) => this.stop(id)));
  }

  /** Stops every bridge. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((id) => this.stop(id)));
  }

  /** A bridge's status (`stopped` when this server does not run it). */
  status(id: string): BridgeStatus {
    return this.running.get(id)?.bridge.status() ?? initialBridgeStatus('stopped');
  }
}

const managers = new WeakMap<Database, MqttBridgeManager>();
const DEFAULT_OPTIONS: BridgeManagerOptions = {
  backoff: { initialMs: 1000, maxMs: 60_000 },
  log: (line) => console.warn(line),
};

/**
 * The bridge manager of a database, created on first use (`options` apply only then): the routes and the
 * platform reach the same one without threading it through the app's dependencies.
 * @example const bridges = bridgeManagerFor(c.var.deps.database)
 */
export function bridgeManagerFor(
  database: Database,
  options: Partial<BridgeManagerOptions> = {},
): MqttBridgeManager {
  let manager = managers.get(database);
  if (!manager) {
    manager = new MqttBridgeManager(database, { ...DEFAULT_OPTIONS, ...options });
    managers.set(database, manager);
  }
  return manager;
}

/**
 * Starts the platform's MQTT bridges (for server/platform.ts), after encrypting the passwords that bridges
 * saved before this was done still hold in their broker URL; the returned manager's `stopAll()` stops them.
 * @example const bridges = await startMqttBridges(database, log, connectionSettings(dataDir).secretKey)
 */
export async function startMqttBridges(
  database: Database,
  log: (line: string) => void,
  secretKey: Buffer,
): Promise<MqttBridgeManager> {
  const manager = bridgeManagerFor(database, { log });
  const moved = await encryptLegacyBrokerPasswords(database.sql, secretKey);
  if (moved > 0) {
    log(
      `encrypted the broker password${moved === 1 ? '' : 's'} of ${moved} MQTT bridge${moved === 1 ? '' : 's'}`,
    );
  }
  const started = await manager.startAll(secretKey);
  if (started > 0) log(`${started} MQTT bridge${started === 1 ? '' : 's'} started`);
  return manager;
}
