import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClientConfig } from 'pg';
import type postgres from 'postgres';
import type { RelationMessage } from './pgoutput-decoder';
import { ReplicationStream, type ReplicatedTransaction } from './replication-stream';
import { Shape, relationSignature } from './shape';
import { defineShape, type ShapeDefinition, type ShapeParams } from './shape-definition';
import { writeSnapshot } from './shape-snapshot';
import { loadTableInfo } from './table-catalog';

export interface SyncOptions {
  /** The platform database (postgres.js), for snapshots and catalog queries. */
  sql: postgres.Sql;
  /** How to open the replication connection to the same database. */
  connection: ClientConfig;
  /** Where shape logs live (`<dataDir>/sync/<slot>/shapes/<handle>`). */
  dataDir: string;
  log?: (line: string) => void;
  /** Bytes per log chunk, i.e. per response while catching up (default 2 MiB: the client parses each response whole, and smaller ones let it start sooner and keep fewer rows alive at once). */
  chunkBytes?: number;
  /** How long a live request waits for a change (default 20 s, as Electric). */
  longPollMs?: number;
  /** How long one SSE response stays open (default 60 s) and how often it sends a keep-alive (21 s). */
  sseMs?: number;
  keepAliveMs?: number;
  /** The replication slot's name (default: derived from the database's name). */
  slot?: string;
  /**
   * The publication to stream. By default the sync owns `projecttwin_sync` and adds tables to it as shapes need
   * them; a user's connection instead names the publication the user chose tables for (`managed: false`), and
   * only tables in it are served.
   */
  publication?: { name: string; managed: boolean };
}

/**
 * The built-in shape sync of one database: shapes (each a definition and a log on disk), fed by one logical
 * replication stream, with logs fsynced before the slot is told it may release WAL.
 */
export class SyncService {
  readonly stream: ReplicationStream;
  readonly chunkBytes: number;
  readonly longPollMs: number;
  readonly sseMs: number;
  readonly keepAliveMs: number;
  private readonly shapesDir: string;
  private readonly shapes = new Map<string, Shape>();
  private readonly byKey = new Map<string, Shape>();
  private readonly byParams = new Map<string, Shape>();
  private readonly byRelation = new Map<number, Set<Shape>>();
  private readonly creating = new Map<string, Promise<Shape>>();
  private readonly dirty = new Set<Shape>();
  private flushTimer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private readonly log: (line: string) => void;
  state: 'starting' | 'active' | 'stopped' = 'starting';

  constructor(private readonly options: SyncOptions) {
    this.log = options.log ?? (() => {});
    this.chunkBytes = options.chunkBytes ?? 2 * 1024 * 1024;
    this.longPollMs = options.longPollMs ?? 20_000;
    this.sseMs = options.sseMs ?? 60_000;
    this.keepAliveMs = options.keepAliveMs ?? 21_000;
    const database = String(options.connection.database ?? 'postgres');
    const slot =
      options.slot ??
      `projecttwin_sync_${database
        .toLowerCase()
        .replace(/[^a-z0-9_]/g, '_')
        .slice(0, 30)}_${createHash('sha256').update(database).digest('hex').slice(0, 8)}`;
    const publication = options.publication ?? { name: 'projecttwin_sync', managed: true };
    this.shapesDir = join(options.dataDir, 'sync', slot, 'shapes');
    this.stream = new ReplicationStream(options.sql, options.connection, slot, publication, {
      onTransaction: (tx) => this.onTransaction(tx),
      onRelation: (relation) => this.onRelation(relation),
      log: this.log,
    });
  }

  /**
   * Reopens the stored shapes (dropping them all if the slot had to be created anew, since changes were missed)
   * and starts the replication stream.
   * @example const sync = new SyncService({ sql, connection, dataDir }); await sync.start()
   */
  async start(): Promise<void> {
    const { created } = await this.stream.ensureSlot();
    if (created) await rm(this.shapesDir, { recursive: true, force: true });
    await mkdir(this.shapesDir, { recursive: true });
    for (const handle of await readdir(this.shapesDir)) {
      const dir = join(this.shapesDir, handle);
      const meta = await Shape.readMeta(dir);
      const table = meta
        ? await loadTableInfo(this.options.sql, meta.params.schema, meta.params.table)
        : null;
      let definition: ShapeDefinition | null;
      try {
        definition = meta && meta.snapshotDone && table ? defineShape(meta.params, table) : null;
      } catch {
        definition = null;
      }
      if (
        !meta ||
        !definition ||
        relationSignature(table!.schema, table!.name, table!.columns) !== meta.signature
      ) {
        await rm(dir, { recursive: true, force: true });
        continue;
      }
      this.register(await Shape.load(dir, meta, definition, this.chunkBytes), JSON.stringify(meta.params));
    }
    await this.stream.start();
    this.state = 'active';
  }

  /**
   * The shape for these parameters, created (snapshot started) when there is none yet.
   * @example const shape = await sync.shapeFor(readShapeParams(url.searchParams))
   */
  async shapeFor(params: ShapeParams): Promise<Shape> {
    const raw = JSON.stringify(params);
    const known = this.byParams.get(raw);
    if (known && !known.invalid) return known;
    const definition = defineShape(
      params,
      await loadTableInfo(this.options.sql, params.schema, params.table),
    );
    const existing = this.byKey.get(definition.key);
    if (existing && !existing.invalid) {
      this.byParams.set(raw, existing);
      return existing;
    }
    let creating = this.creating.get(definition.key);
    if (!creating) {
      creating = this.create(definition, raw).finally(() => this.creating.delete(definition.key));
      this.creating.set(definition.key, creating);
    }
    return creating;
  }

  shapeByHandle(handle: string): Shape | undefined {
    return this.shapes.get(handle);
  }

  get shapeCount(): number {
    return this.shapes.size;
  }

  /**
   * Stops streaming after storing what was received; with `dropSlot` ('always', or 'if-unused' when no shape
   * exists) also drops the replication slot and publication so that Postgres keeps no WAL for them.
   * @example await sync.stop({ dropSlot: 'if-unused' })
   */
  async stop(options: { dropSlot?: 'never' | 'if-unused' | 'always' } = {}): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    if (this.flushTimer) clearTimeout(this.flushTimer);
    await this.flush().catch(() => {});
    await this.stream.stop();
    for (const shape of this.shapes.values()) shape.log.notify();
    await Promise.all([...this.creating.values()].map((p) => p.catch(() => {})));
    for (const shape of this.shapes.values()) await shape.log.file.close().catch(() => {});
    const drop = options.dropSlot ?? 'if-unused';
    if (drop === 'always' || (drop === 'if-unused' && this.shapes.size === 0))
      await this.stream.drop().catch((error: Error) => {
        this.log(`sync: could not drop the replication slot ${this.stream.slot}: ${error.message}`);
        if (drop === 'always') throw error;
      });
  }

  /** Forgets a shape (its table changed or was truncated): clients holding its handle get 409 must-refetch. */
  invalidate(shape: Shape, reason: string): void {
    if (shape.invalid) return;
    shape.invalid = true;
    this.log(
      `sync: shape ${shape.handle} on ${shape.definition.table.schema}.${shape.definition.table.name} must be refetched (${reason})`,
    );
    this.shapes.delete(shape.handle);
    if (this.byKey.get(shape.definition.key) === shape) this.byKey.delete(shape.definition.key);
    for (const [raw, s] of this.byParams) if (s === shape) this.byParams.delete(raw);
    this.byRelation.get(shape.definition.table.oid)?.delete(shape);
    this.dirty.delete(shape);
    shape.log.notify();
    setTimeout(() => void shape.remove(), 2000).unref();
  }

  private async create(definition: ShapeDefinition, raw: string): Promise<Shape> {
    const { table } = definition;
    await this.stream.publishTable(table.schema, table.name, table.replicaIdentityFull);
    const handle = `${createHash('sha256').update(definition.key).digest('hex').slice(0, 10)}-${Date.now()}${randomBytes(3).toString('hex')}`;
    const shape = await Shape.create(join(this.shapesDir, handle), handle, definition, this.chunkBytes);
    this.register(shape, raw);
    writeSnapshot(this.options.sql, definition, shape.log, (visibility) => (shape.visibility = visibility))
      .then(async () => {
        await shape.saveMeta();
        shape.applyPending();
        this.markDirty(shape);
      })
      .catch((error: Error) => {
        shape.failure = error;
        this.invalidate(shape, `its snapshot failed: ${error.message}`);
      });
    return shape;
  }

  private register(shape: Shape, raw: string): void {
    this.shapes.set(shape.handle, shape);
    this.byKey.set(shape.definition.key, shape);
    this.byParams.set(raw, shape);
    const oid = shape.definition.table.oid;
    if (!this.byRelation.has(oid)) this.byRelation.set(oid, new Set());
    this.byRelation.get(oid)!.add(shape);
  }

  private onTransaction(tx: ReplicatedTransaction): void {
    for (const oid of tx.truncated)
      for (const shape of [...(this.byRelation.get(oid) ?? [])])
        this.invalidate(shape, 'the table was truncated');
    for (const [oid, group] of tx.changes) {
      const shapes = this.byRelation.get(oid);
      if (!shapes) continue;
      for (const shape of shapes) {
        if (shape.apply(group.changes, tx.commitLsn, tx.xid)) void shape.saveMeta().catch(() => {});
        if (!shape.pending) this.dirty.add(shape);
      }
    }
    this.scheduleFlush();
  }

  private onRelation(relation: RelationMessage): void {
    const signature = relationSignature(relation.schema, relation.name, relation.columns);
    for (const shape of [...(this.byRelation.get(relation.oid) ?? [])])
      if (shape.signature !== signature) this.invalidate(shape, 'the table changed');
  }

  private markDirty(shape: Shape): void {
    this.dirty.add(shape);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushTimer || this.state === 'stopped') return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      void this.flush().catch((error: Error) =>
        this.log(`sync: could not store shape logs: ${error.message}`),
      );
    }, 5);
  }

  /** Writes and fsyncs every changed log, then lets the slot release WAL up to what is stored. */
  private async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    let target = this.stream.processed;
    for (const shape of this.shapes.values())
      if (shape.pending && shape.pending.length > 0) target = Math.min(target, shape.pending[0].commitLsn);
    const shapes = [...this.dirty];
    this.dirty.clear();
    this.flushing = (async () => {
      await Promise.all(
        shapes.map(async (shape) => {
          if (shape.invalid) return;
          shape.log.written(await shape.log.file.flush(true));
        }),
      );
      if (target > 0) this.stream.confirm(target);
    })();
    try {
      await this.flushing;
    } finally {
      this.flushing = null;
    }
  }
}
