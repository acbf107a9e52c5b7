import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiError } from '../http/api-error';
import { ArtifactStore } from './artifact-store';

const dir = mkdtempSync(join(tmpdir(), 'projecttwin-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const store = ArtifactStore.inDataDir(dir);

function chunks(count: number, size: number) {
  return Readable.from(
    (function* () {
      for (let i = 0; i < count; i++) yield Buffer.alloc(size, i % 256);
    })(),
  );
}

function expected(count: number, size: number) {
  const hash = createHash('sha256');
  for (let i = 0; i < count; i++) hash.update(Buffer.alloc(size, i % 256));
  return hash.digest('hex');
}

describe('artifact store', () => {
  it('streams a file to a temporary file while hashing it, then moves it under ab/cd/<sha256>', async () => {
    const staged = await store.stage(chunks(64, 16 * 1024), 10 * 1024 * 1024);
    expect(staged).toMatchObject({ sha256: expected(64, 16 * 1024), bytes: 64 * 16 * 1024 });
    expect(staged.path).toMatch(/artifacts\/tmp\/[0-9a-f]+\.part$/);
    const target = await store.promote(staged);
    const sha = staged.sha256;
    expect(target).toBe(join(dir, 'artifacts', sha.slice(0, 2), sha.slice(2, 4), sha));
    expect(await store.size(sha)).toBe(64 * 16 * 1024);
    expect(readdirSync(join(dir, 'artifacts', 'tmp'))).toEqual([]);
  });

  it('is idempotent for the same content', async () => {
    const first = await store.stage(Readable.from([Buffer.from('same bytes')]), 1000);
    const second = await store.stage(Readable.from([Buffer.from('same bytes')]), 1000);
    expect(second.sha256).toBe(first.sha256);
    expect(second.path).not.toBe(first.path);
    await store.promote(first);
    await store.promote(second);
    expect(readFileSync(store.pathOf(first.sha256), 'utf8')).toBe('same bytes');
    expect(readdirSync(join(dir, 'artifacts', 'tmp'))).toEqual([]);
  });

  it('refuses a file past the limit with a 413 and removes the temporary file', async () => {
    const error = await store.stage(chunks(10, 1024), 5 * 1024).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 413, code: 'payload_too_large' });
    expect((error as ApiError).message).toMatch(/larger than 5 KB/);
    expect(readdirSync(join(dir, 'artifacts', 'tmp'))).toEqual([]);
  });

  it('accepts a file of exactly the limit', async () => {
    const staged = await store.stage(chunks(5, 1024), 5 * 1024);
    expect(staged.bytes).toBe(5 * 1024);
    await store.discard(staged);
    await store.discard(staged);
  });

  it('knows what it does not have, and refuses a path for something that is not a digest', async () => {
    expect(await store.size('0'.repeat(64))).toBeNull();
    expect(() => store.pathOf('../../etc/passwd')).toThrow(/not a sha256/);
  });
});
