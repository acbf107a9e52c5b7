import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LogFile } from './log-file';
import { compareOffsets } from './log-offset';
import type { ShapeDefinition, ShapeParams } from './shape-definition';
import { ShapeLog, parseEntries, type LogEntry } from './shape-log';
import { ShapeMessages, type RowChange } from './shape-messages';
import { isVisible, type SnapshotVisibility } from './shape-snapshot';
import { schemaHeader, tableSignature } from './table-catalog';

/**
 * The format of a shape's log file, stored in its meta. 2: messages without `"offset"` and `relation` (offsets are
 * recovered from each change's `lsn` and `op_position`, and from snapshot rows' order). A shape stored in another
 * format is discarded when the sync starts (its clients get 409 must-refetch), never read.
 */
export const LOG_FORMAT_VERSION = 2;

/** What is kept beside a shape's log so that it survives a restart. */
export interface ShapeMeta {
  version: typeof LOG_FORMAT_VERSION;
  handle: string;
  params: ShapeParams;
  signature: string;
  visibility: SnapshotVisibility | null;
  filterDone: boolean;
  snapshotDone: boolean;
}

/** Changes that arrived while the snapshot was running, applied once it is written. */
interface PendingTransaction {
  changes: RowChange[];
  commitLsn: number;
  xid: number;
}

/**
 * One shape: its definition, its log (in `dir`) and the state that decides which changes it takes: the snapshot's
 * visibility (changes the snapshot already holds are skipped) and the last transaction applied (a transaction
 * decoded again after a restart is skipped).
 */
export class Shape {
  readonly messages: ShapeMessages;
  readonly schema: string;
  readonly signature: string;
  visibility: SnapshotVisibility | null = null;
  filterDone = false;
  lastCommitLsn = 0;
  pending: PendingTransaction[] | null = [];
  failure: Error | null = null;
  invalid = false;

  constructor(
    readonly handle: string,
    readonly definition: ShapeDefinition,
    readonly log: ShapeLog,
    readonly dir: string,
  ) {
    this.messages = new ShapeMessages(definition);
    this.schema = schemaHeader(
      definition.table,
      definition.columns.map((c) => c.name),
    );
    this.signature = relationSignature(
      definition.table.schema,
      definition.table.name,
      definition.table.columns,
    );
  }

  /**
   * Creates the directory and empty log of a new shape.
   * @example const shape = await Shape.create(join(dir, handle), handle, definition, 8 << 20)
   */
  static async create(
    dir: string,
    handle: string,
    definition: ShapeDefinition,
    chunkBytes: number,
  ): Promise<Shape> {
    await mkdir(dir, { recursive: true });
    const file = await LogFile.open(join(dir, 'log'));
    return new Shape(handle, definition, new ShapeLog(file, chunkBytes), dir);
  }

  /**
   * Reopens a stored shape: rebuilds its chunks from the file, dropping a transaction cut short by a crash.
   * @example const shape = await Shape.load(dir, meta, definition, 8 << 20)
   */
  static async load(
    dir: string,
    meta: ShapeMeta,
    definition: ShapeDefinition,
    chunkBytes: number,
  ): Promise<Shape> {
    const file = await LogFile.open(join(dir, 'log'));
    const log = new ShapeLog(file, chunkBytes);
    const shape = new Shape(meta.handle, definition, log, dir);
    shape.visibility = meta.visibility;
    shape.filterDone = meta.filterDone;
    shape.pending = null;
    const data = file.size > 0 ? await file.read(0, file.size) : Buffer.alloc(0);
    const entries = parseEntries(data);
    // A transaction is complete when its last entry (marked "last") is there.
    while (entries.length > 0) {
      const tail = entries[entries.length - 1];
      if (tail.offset.tx === 0 || tail.line.includes('"last":true')) break;
      const tx = tail.offset.tx;
      while (entries.length > 0 && entries[entries.length - 1].offset.tx === tx) entries.pop();
    }
    const keptBytes = entries.reduce((n, e) => n + Buffer.byteLength(e.line), 0);
    if (keptBytes !== file.size) await file.truncate(keptBytes);
    rebuildChunks(log, entries);
    log.snapshotDone = true;
    const last = entries[entries.length - 1];
    if (last && last.offset.tx > 0) shape.lastCommitLsn = last.offset.tx + 1;
    return shape;
  }

  meta(): ShapeMeta {
    return {
      version: LOG_FORMAT_VERSION,
      handle: this.handle,
      params: this.definition.params,
      signature: this.signature,
      visibility: this.visibility,
      filterDone: this.filterDone,
      snapshotDone: this.log.snapshotDone,
    };
  }

  async saveMeta(): Promise<void> {
    const path = join(this.dir, 'meta.json');
    await writeFile(`${path}.tmp`, JSON.stringify(this.meta()));
    await rename(`${path}.tmp`, path);
  }

  /** Applies one committed transaction's changes to this shape's table (buffered while snapshotting). */
  apply(changes: RowChange[], commitLsn: number, xid: number): boolean {
    if (this.invalid || commitLsn <= this.lastCommitLsn) return false;
    if (this.pending) {
      this.pending.push({ changes, commitLsn, xid });
      return false;
    }
    let metaChanged = false;
    if (this.visibility && !this.filterDone) {
      if (isVisible(xid, this.visibility)) return false;
      if (((xid - this.visibility.xmax) | 0) >= 0) {
        this.filterDone = true;
        metaChanged = true;
      }
    }
    this.lastCommitLsn = commitLsn;
    const entries = this.messages.forTransaction(changes, commitLsn, xid);
    this.log.append(entries);
    return metaChanged;
  }

  /** After the snapshot: applies what arrived meanwhile. */
  applyPending(): void {
    const pending = this.pending ?? [];
    this.pending = null;
    for (const tx of pending) this.apply(tx.changes, tx.commitLsn, tx.xid);
  }

  async remove(): Promise<void> {
    await this.log.file.close().catch(() => {});
    await rm(this.dir, { recursive: true, force: true });
  }

  /** Reads a stored shape's meta, or null when it is missing, unreadable or of another log format. */
  static async readMeta(dir: string): Promise<ShapeMeta | null> {
    try {
      const meta = JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8')) as ShapeMeta;
      return meta.version === LOG_FORMAT_VERSION ? meta : null;
    } catch {
      return null;
    }
  }
}

/**
 * A table's identity and columns as both the catalog and pgoutput's Relation messages describe them.
 * @example relationSignature('public', 'pumps', table.columns)
 */
export function relationSignature(
  schema: string,
  name: string,
  columns: { name: string; typeOid: number; typeMod: number }[],
): string {
  return `${schema}.${name}|${tableSignature(columns)}`;
}

function rebuildChunks(log: ShapeLog, entries: LogEntry[]): void {
  let position = 0;
  let start = 0;
  let bytes = 0;
  const flush = (end: number, sealed: boolean) => {
    if (end <= start) return;
    const slice = entries.slice(start, end);
    log.addLoadedChunk(slice, position, bytes, sealed);
    position += bytes;
    start = end;
    bytes = 0;
  };
  for (let i = 0; i < entries.length; i++) {
    bytes += Buffer.byteLength(entries[i].line);
    const next = entries[i + 1];
    const snapshotEnds = entries[i].offset.tx === 0 && (!next || next.offset.tx > 0);
    if (bytes >= log.chunkBytes || snapshotEnds) flush(i + 1, true);
  }
  flush(entries.length, false);
  if (entries.length > 0 && compareOffsets(log.tail, entries[entries.length - 1].offset) !== 0)
    log.tail = entries[entries.length - 1].offset;
}
