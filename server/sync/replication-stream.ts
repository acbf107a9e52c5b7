import type { ClientConfig } from 'pg';
import { LogicalReplicationService } from 'pg-logical-replication';
import type postgres from 'postgres';
import { formatLsn, parseLsn } from './lsn';
import { TextPgoutputPlugin, type PgoutputMessage, type RelationMessage } from './pgoutput-decoder';
import type { RowChange } from './shape-messages';
import { DISPLAY_SETTINGS } from './shape-snapshot';
import { ShapeRequestError } from './shape-request-error';
import { quoteIdent } from './where-sql';

/** A committed transaction's row changes, grouped by table (relation oid). */
export interface ReplicatedTransaction {
  xid: number;
  commitLsn: number;
  endLsn: number;
  changes: Map<number, { relation: RelationMessage; changes: RowChange[] }>;
  truncated: number[];
}

export interface ReplicationHandlers {
  onTransaction(tx: ReplicatedTransaction): void;
  onRelation(relation: RelationMessage): void;
  log(line: string): void;
}

/**
 * The platform database's change stream: one logical replication slot (pgoutput) over one publication to which
 * tables are added as shapes need them. Decoded transactions go to `onTransaction` in commit order. The slot's
 * confirmed position only moves when `confirm(lsn)` says everything before `lsn` is safely stored; when idle,
 * keepalives move it to the server's current position, so WAL is never kept for nothing. Reconnects by itself.
 */
export class ReplicationStream {
  private service: LogicalReplicationService | null = null;
  private current: ReplicatedTransaction | null = null;
  private processedEnd = 0;
  private confirmed = 0;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private statusTimer: NodeJS.Timeout | null = null;
  private retryDelay = 100;
  private readonly relations = new Map<number, RelationMessage>();
  connected = false;

  constructor(
    private readonly sql: postgres.Sql,
    private readonly connection: ClientConfig,
    readonly slot: string,
    private readonly published: { name: string; managed: boolean },
    private readonly handlers: ReplicationHandlers,
  ) {}

  /** The publication streamed. */
  get publication(): string {
    return this.published.name;
  }

  /**
   * Creates the publication and slot when missing and starts streaming (returns once the first attempt ran).
   * @example await stream.start()
   */
  async start(): Promise<void> {
    await this.ensureSlot();
    this.statusTimer = setInterval(() => this.sendStatus(), 5000);
    this.statusTimer.unref();
    await this.connect();
  }

  /** Creates the publication (empty) and the slot if they do not exist. */
  async ensureSlot(): Promise<{ created: boolean }> {
    const [publication] = await this.sql`select 1 from pg_publication where pubname = ${this.publication}`;
    if (!publication && !this.published.managed)
      throw new ShapeRequestError(
        `The publication ${this.publication} is missing from the database, so nothing can be streamed from it. Open the data connection and choose its tables again to recreate it.`,
        422,
        'publication_missing',
      );
    if (!publication)
      await this.sql.unsafe(`create publication ${quoteIdent(this.publication)}`).catch(ignoreDuplicate);
    const [slot] = await this.sql`select 1 from pg_replication_slots where slot_name = ${this.slot}`;
    if (slot) return { created: false };
    await this.sql`select pg_create_logical_replication_slot(${this.slot}, 'pgoutput')`.catch(
      ignoreDuplicate,
    );
    return { created: true };
  }

  /**
   * Adds a table to the publication and makes updates and deletes carry the whole old row (REPLICA IDENTITY
   * FULL), which the where clause and `replica=full` need.
   * @example await stream.publishTable('data', 'readings', false)
   */
  async publishTable(schema: string, name: string, replicaIdentityFull: boolean): Promise<void> {
    const table = `${quoteIdent(schema)}.${quoteIdent(name)}`;
    const [published] = await this.sql`
      select 1 from pg_publication_tables where pubname = ${this.publication} and schemaname = ${schema} and tablename = ${name}`;
    if (!published && !this.published.managed)
      throw new ShapeRequestError(
        `The table ${schema}.${name} is not among the tables chosen for streaming on this data connection. Open the connection and add it to the streamed tables.`,
        422,
        'table_not_published',
      );
    if (!replicaIdentityFull)
      await this.sql.unsafe(`alter table ${table} replica identity full`).catch((error: Error) => {
        throw new ShapeRequestError(
          `The table ${schema}.${name} must send whole rows with each change (REPLICA IDENTITY FULL), and ProjectTwin could not set that (${error.message}). Ask its owner to run: ALTER TABLE ${table} REPLICA IDENTITY FULL;`,
          422,
          'replica_identity_refused',
        );
      });
    if (!published)
      await this.sql
        .unsafe(`alter publication ${quoteIdent(this.publication)} add table ${table}`)
        .catch(ignoreDuplicate);
  }

  /** Everything that committed before `endLsn` is stored: the slot may let go of that WAL. */
  confirm(endLsn: number): void {
    if (endLsn <= this.confirmed) return;
    this.confirmed = endLsn;
    this.sendStatus();
  }

  /** The end of the last transaction handed to `onTransaction`. */
  get processed(): number {
    return this.processedEnd;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.statusTimer) clearInterval(this.statusTimer);
    this.sendStatus();
    await this.service?.destroy().catch(() => {});
    this.service = null;
    this.connected = false;
  }

  /** Drops the slot and the publication (when no shape needs them any more). */
  async drop(): Promise<void> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const [slot] = await this.sql<{ pid: number | null }[]>`
        select active_pid as pid from pg_replication_slots where slot_name = ${this.slot}`;
      if (!slot) break;
      if (slot.pid === null) {
        await this.sql`select pg_drop_replication_slot(${this.slot})`.catch(() => {});
        continue;
      }
      // Our own walsender, still winding down after stop(): end it rather than wait for it.
      await this.sql`select pg_terminate_backend(${slot.pid})`.catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // A user's connection keeps its publication: the connection owns it, and drops it when deleted.
    if (this.published.managed)
      await this.sql.unsafe(`drop publication if exists ${quoteIdent(this.publication)}`);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const options = Object.entries(DISPLAY_SETTINGS)
      .map(([k, v]) => `-c ${k}=${v.replace(/ /g, '\\ ')}`)
      .join(' ');
    const service = new LogicalReplicationService(
      { ...this.connection, options, application_name: 'projecttwin_sync' },
      { acknowledge: { auto: false, timeoutSeconds: 0 } },
    );
    this.service = service;
    const plugin = new TextPgoutputPlugin({ publicationNames: [this.publication] });
    service.on('data', (_lsn: string, message: PgoutputMessage) => this.onMessage(message));
    service.on('heartbeat', (lsn: string, _time: number, shouldRespond: boolean) => {
      const walEnd = parseLsn(lsn);
      // Idle and everything handed on is stored: nothing before the server's position is needed any more.
      if (!this.current && this.confirmed >= this.processedEnd && walEnd > this.confirmed)
        this.confirmed = walEnd;
      if (shouldRespond) this.sendStatus();
    });
    service.on('start', () => {
      this.connected = true;
      this.retryDelay = 100;
      this.sendStatus();
    });
    service.on('error', (error: Error) => this.reconnect(service, error));
    service.subscribe(plugin, this.slot).then(
      () => this.reconnect(service, new Error('the replication stream ended')),
      (error: Error) => this.reconnect(service, error),
    );
  }

  private reconnect(service: LogicalReplicationService, error: Error): void {
    if (this.stopped || this.service !== service) return;
    this.service = null;
    this.connected = false;
    this.current = null;
    service.destroy().catch(() => {});
    this.scheduleConnect(error.message);
  }

  private scheduleConnect(reason: string): void {
    if (this.stopped) return;
    this.handlers.log(
      `sync: replication stream interrupted (${reason}); reconnecting in ${this.retryDelay} ms`,
    );
    this.retryTimer = setTimeout(() => {
      this.ensureSlot()
        .then(() => this.connect())
        .catch((error: Error) => this.scheduleConnect(error.message));
    }, this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, 2000);
  }

  private onMessage(message: PgoutputMessage): void {
    switch (message.tag) {
      case 'begin':
        this.current = {
          xid: message.xid,
          commitLsn: message.commitLsn,
          endLsn: 0,
          changes: new Map(),
          truncated: [],
        };
        return;
      case 'relation':
        this.relations.set(message.oid, message);
        this.handlers.onRelation(message);
        return;
      case 'insert':
      case 'update':
      case 'delete': {
        const tx = this.current;
        const relation = this.relations.get(message.relationOid);
        if (!tx || !relation) return;
        let group = tx.changes.get(relation.oid);
        if (!group) tx.changes.set(relation.oid, (group = { relation, changes: [] }));
        if (message.tag === 'insert') group.changes.push({ kind: 'insert', row: message.row });
        else if (message.tag === 'delete') group.changes.push({ kind: 'delete', old: message.old });
        else
          group.changes.push({
            kind: 'update',
            old: message.old,
            oldIsFull: message.oldIsFull,
            row: message.row,
          });
        return;
      }
      case 'truncate':
        this.current?.truncated.push(...message.relationOids);
        return;
      case 'commit': {
        const tx = this.current;
        this.current = null;
        if (!tx) return;
        tx.endLsn = message.endLsn;
        this.processedEnd = message.endLsn;
        this.handlers.onTransaction(tx);
        return;
      }
    }
  }

  private sendStatus(): void {
    if (!this.service || !this.connected || this.confirmed === 0) return;
    // pg-logical-replication reports lsn + 1 as written/flushed; ask for confirmed - 1 to report exactly it.
    this.service.acknowledge(formatLsn(this.confirmed - 1)).catch(() => {});
  }
}

function ignoreDuplicate(error: { code?: string }): void {
  if (error.code !== '42710' && error.code !== '42P07') throw error;
}
