import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ApiError } from '../http/api-error';

/** An upload written to a temporary file while it was hashed; not yet in the store. */
export interface StagedArtifact {
  sha256: string;
  bytes: number;
  /** The temporary file. */
  path: string;
}

/**
 * What a too-large upload is answered with: 413 `payload_too_large`, naming the limit.
 * @example throw tooLarge(config.maxArtifactBytes, 'The model file')
 */
export function tooLarge(maxBytes: number, what = 'The file'): ApiError {
  const mb = maxBytes / (1024 * 1024);
  const limit = mb >= 1 ? `${Number(mb.toFixed(1))} MB` : `${Math.ceil(maxBytes / 1024)} KB`;
  return new ApiError(
    413,
    'payload_too_large',
    `${what} is larger than ${limit}, the most this server accepts.`,
    { maxBytes },
  );
}

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * A content-addressed file store: each file lives at `<root>/ab/cd/<sha256>`. Uploads are streamed to a
 * temporary file under `<root>/tmp` while hashed (never held in memory whole), refused past a size limit,
 * then renamed into place, which is atomic and idempotent for the same content.
 * @example
 * const store = ArtifactStore.inDataDir(config.dataDir)
 * const staged = await store.stage(fileStream, config.maxArtifactBytes)
 * await store.promote(staged)
 */
export class ArtifactStore {
  constructor(readonly root: string) {}

  /** The store of a server's data directory (`<dataDir>/artifacts`). */
  static inDataDir(dataDir: string): ArtifactStore {
    return new ArtifactStore(join(dataDir, 'artifacts'));
  }

  /** Where the file with this digest lives (whether or not it exists). */
  pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /**
   * Streams `source` to a temporary file, hashing it on the way. Past `maxBytes` the copy stops, the temporary
   * file is removed and a 413 `payload_too_large` is thrown.
   */
  async stage(source: Readable | AsyncIterable<Uint8Array>, maxBytes: number): Promise<StagedArtifact> {
    const dir = join(this.root, 'tmp');
    await mkdir(dir, { recursive: true });
    const path = join(dir, `${randomBytes(12).toString('hex')}.part`);
    const hash = createHash('sha256');
    let bytes = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        if (bytes > maxBytes) return callback(tooLarge(maxBytes));
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(path, { flags: 'wx', mode: 0o644 }));
    } catch (error) {
      await unlink(path).catch(() => {});
      throw error;
    }
    return { sha256: hash.digest('hex'), bytes, path };
  }

  /** Moves a staged file into place under its digest; returns the final path. Same content, same place. */
  async promote(staged: StagedArtifact): Promise<string> {
    const target = this.pathOf(staged.sha256);
    await mkdir(join(target, '..'), { recursive: true });
    await rename(staged.path, target);
    return target;
  }

  /** Removes a staged file that will not be kept (no error when it is already gone). */
  async discard(staged: StagedArtifact): Promise<void> {
    await unlink(staged.path).catch(() => {});
  }

  /** The size of a stored file, or null when the store does not have it. */
  async size(sha256: string): Promise<number | null> {
    try {
      return (await stat(this.pathOf(sha256))).size;
    } catch {
      return null;
    }
  }

  /** Reads a stored file as a stream. */
  open(sha256: string): ReadStream {
    return createReadStream(this.pathOf(sha256));
  }
}
