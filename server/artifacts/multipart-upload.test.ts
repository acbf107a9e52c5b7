import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ArtifactStore } from './artifact-store';
import { readLimitedText, readMultipartUpload } from './multipart-upload';

const dir = mkdtempSync(join(tmpdir(), 'projecttwin-multipart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const store = ArtifactStore.inDataDir(dir);
const spec = { text: ['card'], files: ['model'], maxTextBytes: 1024, maxFileBytes: 64 * 1024 };

function formRequest(parts: [string, string | Blob, string?][]): Request {
  const form = new FormData();
  for (const [name, value, filename] of parts) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, value, filename ?? 'file.bin');
  }
  return new Request('http://localhost/upload', { method: 'POST', body: form });
}

function tmpFiles(): string[] {
  try {
    return readdirSync(join(dir, 'artifacts', 'tmp'));
  } catch {
    return [];
  }
}

describe('multipart uploads', () => {
  it('collects text parts and streams file parts into the staging area', async () => {
    const bytes = new Uint8Array(40_000).map((_, i) => i % 251);
    const upload = await readMultipartUpload(
      formRequest([
        ['card', '{"name":"x"}'],
        ['model', new Blob([bytes]), 'model.onnx'],
      ]),
      spec,
      store,
    );
    expect(upload.text.get('card')).toBe('{"name":"x"}');
    const file = upload.files.get('model')!;
    expect(file).toMatchObject({ bytes: 40_000, filename: 'model.onnx' });
    expect(new Uint8Array(readFileSync(file.path))).toEqual(bytes);
    await upload.discard();
    expect(tmpFiles()).toEqual([]);
  });

  it('accepts a text part sent as a file (curl -F card=@card.json)', async () => {
    const upload = await readMultipartUpload(
      formRequest([['card', new Blob(['{"a":1}'], { type: 'application/json' }), 'card.json']]),
      spec,
      store,
    );
    expect(upload.text.get('card')).toBe('{"a":1}');
    expect(upload.files.size).toBe(0);
  });

  it.each([
    [
      'an unknown part',
      [
        ['card', '{}'],
        ['extra', 'x'],
      ],
      'unexpected_part',
      400,
    ],
    [
      'a repeated part',
      [
        ['card', '{}'],
        ['card', '{}'],
      ],
      'duplicate_part',
      400,
    ],
    ['a file sent as a text field', [['model', 'not a file']], 'missing_file', 400],
    ['a text part over its limit', [['card', 'x'.repeat(2000)]], 'payload_too_large', 413],
    [
      'a text file part over its limit',
      [['card', new Blob(['x'.repeat(2000)]), 'card.json']],
      'payload_too_large',
      413,
    ],
    [
      'a file over its limit',
      [
        ['card', '{}'],
        ['model', new Blob([new Uint8Array(70_000)])],
      ],
      'payload_too_large',
      413,
    ],
  ] as [string, [string, string | Blob, string?][], string, number][])(
    'refuses %s and leaves no staged file',
    async (_what, parts, code, status) => {
      const error = await readMultipartUpload(formRequest(parts), spec, store).catch((e: unknown) => e);
      expect(error).toMatchObject({ code, status });
      expect(tmpFiles()).toEqual([]);
    },
  );

  it('refuses a body that is not multipart, and a broken form', async () => {
    const json = new Request('http://localhost/upload', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    await expect(readMultipartUpload(json, spec, store)).rejects.toMatchObject({ status: 415 });
    const broken = new Request('http://localhost/upload', {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
      body: '--xyz\r\nContent-Disposition: form-data; name="card"\r\n\r\n{"a":',
    });
    await expect(readMultipartUpload(broken, spec, store)).rejects.toMatchObject({
      status: 400,
      code: 'malformed_multipart',
    });
  });

  it('reads a text body up to a limit and stops past it', async () => {
    const small = new Request('http://localhost/', { method: 'POST', body: 'hello' });
    expect(await readLimitedText(small, 5)).toBe('hello');
    const big = new Request('http://localhost/', { method: 'POST', body: 'hello!' });
    await expect(readLimitedText(big, 5)).rejects.toMatchObject({ status: 413, code: 'payload_too_large' });
  });
});
