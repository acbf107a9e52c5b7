import { open, type FileHandle } from 'node:fs/promises';

/**
 * A shape log's file: appended to in order, read at any position. Appends are queued in memory and written by
 * `flush()` (the sync flushes every shape's file together, then fsyncs, then acknowledges WAL up to that point).
 */
export class LogFile {
  private pending: string[] = [];
  private pendingBytes = 0;
  /** Writes run one after another (concurrent appends could land out of order). */
  private chain: Promise<unknown> = Promise.resolve();
  /** Bytes in the file, written. */
  written: number;
  /** Bytes in the file once everything queued is written. */
  size: number;

  private constructor(
    private readonly handle: FileHandle,
    size: number,
  ) {
    this.written = size;
    this.size = size;
  }

  /**
   * Opens (creating) the file for appending and reading.
   * @example const file = await LogFile.open('/data/sync/shapes/abc/log')
   */
  static async open(path: string): Promise<LogFile> {
    const handle = await open(path, 'a+');
    const { size } = await handle.stat();
    return new LogFile(handle, size);
  }

  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** Queues text to append; returns the position it will start at. */
  enqueue(text: string, bytes = Buffer.byteLength(text)): number {
    const at = this.size;
    this.pending.push(text);
    this.pendingBytes += bytes;
    this.size += bytes;
    return at;
  }

  /**
   * Appends bytes after everything queued so far (the snapshot writes its chunks this way); the returned
   * promise resolves once they are written, with the position they start at.
   */
  appendNow(data: Buffer): Promise<number> {
    const at = this.size;
    this.size += data.length;
    const pending = this.takePending();
    return this.serialize(async () => {
      if (pending) await this.write(pending);
      await this.write(data);
      return at;
    });
  }

  /** Writes what is queued; with `sync`, also forces it to disk. Returns the bytes now written. */
  flush(sync = true): Promise<number> {
    const pending = this.takePending();
    return this.serialize(async () => {
      if (pending) await this.write(pending);
      if (sync) await this.handle.datasync();
      return this.written;
    });
  }

  private takePending(): Buffer | null {
    if (this.pending.length === 0) return null;
    const data = Buffer.from(this.pending.join(''));
    this.pending = [];
    this.pendingBytes = 0;
    return data;
  }

  private async write(data: Buffer): Promise<void> {
    let done = 0;
    while (done < data.length) {
      const { bytesWritten } = await this.handle.write(data, done, data.length - done, null);
      done += bytesWritten;
    }
    this.written += data.length;
  }

  private serialize<T>(task: () => Promise<T>): Promise<T> {
    const result = this.chain.then(task);
    this.chain = result.catch(() => {});
    return result;
  }

  async read(position: number, length: number): Promise<Buffer> {
    const buffer = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await this.handle.read(buffer, done, length - done, position + done);
      if (bytesRead === 0)
        throw new Error(`shape log file ended at ${position + done}, before ${position + length}`);
      done += bytesRead;
    }
    return buffer;
  }

  async truncate(length: number): Promise<void> {
    await this.chain;
    await this.handle.truncate(length);
    this.written = length;
    this.size = length;
  }

  async close(): Promise<void> {
    await this.chain;
    await this.handle.close();
  }
}
