import { readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, MATCHING_MODEL, modelCard, registryCounts, uploadForm } from '../registry/test-fixtures';
import { createTestApp, type TestApp, type TestUser } from '../test-support/test-app';

let t: TestApp;
let ada: TestUser;
let server: ServerType;
let base: string;

beforeAll(async () => {
  t = await createTestApp({ maxArtifactBytes: 2 * 1024 * 1024 });
  ada = await t.signup('ada');
  await new Promise<void>((resolve) => {
    server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await t?.close();
});

function post(path: string, form: FormData) {
  return fetch(`${base}${path}`, {
    method: 'POST',
    body: form,
    headers: { cookie: ada.cookie, 'x-csrf-token': ada.csrfToken, origin: base },
  });
}

describe('uploads through a real HTTP server', () => {
  it('streams a model upload and the download back', async () => {
    const response = await post(
      '/api/models/pump-rul/versions',
      uploadForm({ card: modelCard('pump-rul', '1.0.0') }, { model: MATCHING_MODEL }),
    );
    expect(response.status).toBe(201);
    const { version } = await json(response);
    const download = await fetch(`${base}${version.artifact.url}`);
    expect(download.headers.get('etag')).toBe(`"${version.artifact.sha256}"`);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(MATCHING_MODEL);
  });

  it('answers 413 for a file past the limit and keeps nothing', async () => {
    const before = await registryCounts(t);
    const big = new Uint8Array(3 * 1024 * 1024);
    const response = await post(
      '/api/models/pump-rul/versions',
      uploadForm({ card: modelCard('pump-rul', '2.0.0', { format: 'keras' }) }, { model: big }),
    );
    expect(response.status).toBe(413);
    expect((await json(response)).error.code).toBe('payload_too_large');
    expect(await registryCounts(t)).toEqual(before);
    expect(readdirSync(join(t.config.dataDir, 'artifacts', 'tmp'))).toEqual([]);
  });
});
