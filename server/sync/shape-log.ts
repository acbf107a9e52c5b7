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

const OFFSET_PREFIX = /^\{"offset":"(\d+)_(\d+)"/;

/**
 * Parses the entries of a chunk read from the file.
 * @example parseEntries(Buffer.from('{"offset":"0_1",...},\n')) // [{ offset: { tx: 0, op: 1 }, line: ... }]
 */
export function parseEntries(data: Buffer): LogEntry[] {
  const entries: LogEntry[] = [];
  let start = 0;
  while (start < data.length) {
    const end = data.indexOf(10, start);
    if (end < 0) break;
    const line = data.toString('utf8', start, end + 1);
    const match = OFFSET_PREFIX.exec(line);
    if (match) entries.push({ offset: { tx: Number(match[1]), op: Number(match[2]) }, line });
    start = end + 1;
  }
  return entries;
}

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
    this.notify();
  }

  /** Adds a snapshot chunk already written to the file. */
  addWrittenChunk(first: LogOffset, last: LogOffset, position: number, bytes: number, sealed = true): void {
    this.chunks.push({ first, last, position, bytes, sealed, entries: null });
    this.tail = last;
    this.notify();
  }

  /** Adds a chunk read back from the file (kept in memory only while it is still open for appends). */
  addLoadedChunk(entries: LogEntry[], position: number, bytes: number, sealed: boolean): void {
    const first = entries[0].offset;
    const last = entries[entries.length - 1].offset;
    this.chunks.push({ first, last, position, bytes, sealed, entries: sealed ? null : entries });
    this.tail = last;
  }

  /** Marks the snapshot complete: its last chunk is closed so that changes start a chunk of their own. */
  finishSnapshot(): void {
    const last = this.chunks[this.chunks.length - 1];
    if (last) last.sealed = true;
    this.snapshotDone = true;
    this.notify();
  }

  /** Drops in-memory copies of sealed chunks the file now holds. */
  written(position: number): void {
    for (const chunk of this.chunks)
      if (chunk.sealed && chunk.entries && chunk.position + chunk.bytes <= position) chunk.entries = null;
  }

  /**
   * The entries after `after`, up to the end of the chunk they start in; null when there is nothing yet.
   * @example const read = await log.read({ tx: 0, op: 1000 })
   */
  async read(after: LogOffset): Promise<LogRead | null> {
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
    const entries = parseEntries(data).filter((e) => compareOffsets(e.offset, after) > 0);
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
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiting) wake();
  }

  private openChunk(): LogChunk | null {
    const last = this.chunks[this.chunks.length - 1];
    return last && !last.sealed && last.entries ? last : null;
  }
}
