import type { LogFile } from './log-file';
import { compareOffsets, type LogOffset } from './log-offset';

/** One message of a shape log: its offset and its JSON text followed by `,\n` (so chunks are JSON arrays). */
export interface LogEntry {
  offset: LogOffset;
  line: string;
}

/** A run of log entries served as one response; entries stay in memory until the file holds them. */
export interface LogChunk {
  first: LogOffset;
  last: LogOffset;
  position: number;
  bytes: number;
  sealed: boolean;
  entries: LogEntry[] | null;
}

/** What a read returns: a JSON array's inside (entries joined, each ending `,\n`) and the offset it ends at. */
export interface LogRead {
  data: Buffer;
  last: LogOffset;
  upToDate: boolean;
}

/**
 * How lines of the log file start (log format 2, see `LOG_FORMAT_VERSION` in shape.ts). Messages carry no offset
 * (the client needs none): a change's offset is `(lsn-1)_op_position`, read from its headers; snapshot rows
 * (`0_1`, `0_2`, ...) come first, in order, so theirs is their position.
 */
const CHANGE_PREFIX = /^\{"headers":\{"operation":"[a-z]+","lsn":"(\d+)","op_position":(\d+)[,}]/;
const SNAPSHOT_PREFIX = '{"headers":{"operation":"insert"},"key":';

/**
 * Parses the entries of a chunk read from the file; `snapshotFrom` numbers its snapshot rows (the op of the
 * first snapshot row in `data`). Lines of no known form (a line cut short by a crash) are skipped.
 * @example parseEntries(Buffer.from('{"headers":{"operation":"insert"},"key":"k","value":{}},\n')) // [{ offset: { tx: 0, op: 1 }, line: ... }]
 */
export function parseEntries(data: Buffer, snapshotFrom = 1): LogEntry[] {
  const entries: LogEntry[] = [];
  let snapshotOp = snapshotFrom;
  let start = 0;
  while (start < data.length) {
    const end = data.indexOf(10, start);
    if (end < 0) break;
    const line = data.toString('utf8', start, end + 1);
    if (line.startsWith(SNAPSHOT_PREFIX)) entries.push({ offset: { tx: 0, op: snapshotOp++ }, line });
    else {
      const match = CHANGE_PREFIX.exec(line);
      if (match) entries.push({ offset: { tx: Number(match[1]) - 1, op: Number(match[2]) }, line });
    }
    start = end + 1;
  }
  return entries;
}

/** How many reads, of at most how many bytes each, a log keeps for readers asking for the same offset. */
const MAX_SHARED_READS = 32;
const MAX_SHARED_READ_BYTES = 256 * 1024;

/**
 * The log of one shape: the snapshot followed by changes, cut into chunks of about `chunkBytes` (the snapshot's
 * last chunk always ends where changes begin, so chunking is the same when the file is read back). Readers wait
 * with `waitForChange`.
 */
export class ShapeLog {
  readonly chunks: LogChunk[] = [];
  tail: LogOffset = { tx: 0, op: 0 };
  snapshotDone = false;
  private waiters = new Set<() => void>();
  /**
   * Recent small reads by the offset they start after, while the log is unchanged: when a commit wakes many
   * live readers waiting at the same offset, the entries are gathered once and the same bytes answer them all.
   */
  private reads = new Map<string, Promise<LogRead | null>>();

  constructor(
    readonly file: LogFile,
    readonly chunkBytes: number,
  ) {}

  /** Appends change entries (in offset order, after the snapshot). */
  append(entries: LogEntry[]): void {
    if (entries.length === 0) return;
    let open = this.openChunk();
    let text = '';
    let textBytes = 0;
    for (const entry of entries) {
      const bytes = Buffer.byteLength(entry.line);
      if (!open) {
        const position = this.file.size + textBytes;
        open = { first: entry.offset, last: entry.offset, position, bytes: 0, sealed: false, entries: [] };
        this.chunks.push(open);
      }
      open.entries!.push(entry);
      open.bytes += bytes;
      open.last = entry.offset;
      text += entry.line;
      textBytes += bytes;
      if (open.bytes >= this.chunkBytes) {
        open.sealed = true;
        open = null;
      }
    }
    this.file.enqueue(text, textBytes);
    this.tail = entries[entries.length - 1].offset;
    this.reads.clear();
    this.notify();
  }

  /** Adds a snapshot chunk already written to the file. */
  addWrittenChunk(first: LogOffset, last: LogOffset, position: number, bytes: number, sealed = true): void {
    this.chunks.push({ first, last, position, bytes, sealed, entries: null });
    this.tail = last;
    this.reads.clear();
    this.notify();
  }

  /** Adds a chunk read back from the file (kept in memory only while it is still open for appends). */
  addLoadedChunk(entries: LogEntry[], position: number, bytes: number, sealed: boolean): void {
    const first = entries[0].offset;
    const last = entries[entries.length - 1].offset;
    this.chunks.push({ first, last, position, bytes, sealed, entries: sealed ? null : entries });
    this.tail = last;
    this.reads.clear();
  }

  /** Marks the snapshot complete: its last chunk is closed so that changes start a chunk of their own. */
  finishSnapshot(): void {
    const last = this.chunks[this.chunks.length - 1];
    if (last) last.sealed = true;
    this.snapshotDone = true;
    this.reads.clear();
    this.notify();
  }

  /** Drops in-memory copies of sealed chunks the file now holds. */
  written(position: number): void {
    for (const chunk of this.chunks)
      if (chunk.sealed && chunk.entries && chunk.position + chunk.bytes <= position) chunk.entries = null;
  }

  /**
   * The entries after `after`, up to the end of the chunk they start in; null when there is nothing yet.
   * Readers asking for the same offset before the log changes share one result (treat its data as read-only).
   * @example const read = await log.read({ tx: 0, op: 1000 })
   */
  read(after: LogOffset): Promise<LogRead | null> {
    if (compareOffsets(after, this.tail) >= 0) return Promise.resolve(null);
    const key = `${after.tx}_${after.op}`;
    const known = this.reads.get(key);
    if (known) return known;
    const read = this.readEntries(after);
    if (this.reads.size >= MAX_SHARED_READS) this.reads.clear();
    this.reads.set(key, read);
    // Only small reads (live changes) are kept: a catch-up chunk is too large to hold on to.
    read.then(
      (result) => {
        if (result && result.data.length > MAX_SHARED_READ_BYTES && this.reads.get(key) === read)
          this.reads.delete(key);
      },
      () => this.reads.delete(key),
    );
    return read;
  }

  private async readEntries(after: LogOffset): Promise<LogRead | null> {
    if (compareOffsets(after, this.tail) >= 0) return null;
    let low = 0;
    let high = this.chunks.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (compareOffsets(this.chunks[mid].last, after) > 0) high = mid;
      else low = mid + 1;
    }
    const chunk = this.chunks[low];
    if (!chunk || compareOffsets(chunk.last, after) <= 0) return null;
    const last = chunk.last;
    const upToDate = this.snapshotDone && compareOffsets(last, this.tail) === 0;
    const whole = compareOffsets(after, chunk.first) < 0;
    if (chunk.entries) {
      const entries = whole
        ? chunk.entries
        : chunk.entries.filter((e) => compareOffsets(e.offset, after) > 0);
      return { data: Buffer.from(entries.map((e) => e.line).join('')), last, upToDate };
    }
    const data = await this.file.read(chunk.position, chunk.bytes);
    if (whole) return { data, last, upToDate };
    const entries = parseEntries(data, chunk.first.op).filter((e) => compareOffsets(e.offset, after) > 0);
    return { data: Buffer.from(entries.map((e) => e.line).join('')), last, upToDate };
  }

  /** Resolves on the next append (or snapshot progress), or after `ms`, or when `signal` aborts. */
  waitForChange(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  /** Wakes every waiting reader (also used when the shape is invalidated). */
  notify(): void {
    this.reads.clear();
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiting) wake();
  }

  private openChunk(): LogChunk | null {
    const last = this.chunks[this.chunks.length - 1];
    return last && !last.sealed && last.entries ? last : null;
  }
}
