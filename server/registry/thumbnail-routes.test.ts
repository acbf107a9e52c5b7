import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBuiltins } from '../seed/seed-builtins';
import { databaseSnapshot } from '../test-support/database-snapshot';
import { createTestApp, type TestApp, type TestUser } from '../test-support/test-app';
import { blueprintDoc, errorOf, json } from './test-fixtures';

// A real 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

let t: TestApp;
let ada: TestUser;
let bob: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  await seedBuiltins(t.database);
  ada = await t.signup('ada');
  bob = await t.signup('bob');
  const published = await t
    .as(ada)
    .request('POST', '/api/blueprints/pumps/versions', blueprintDoc('pumps', '1.0.0'));
  expect(published.status).toBe(201);
});
afterAll(() => t?.close());

function put(user: TestUser | null, bytes: Uint8Array, type = 'image/png') {
  return t.as(user).request('PUT', '/api/blueprints/pumps/thumbnail', undefined, {
    body: bytes as BodyInit,
    headers: { 'content-type': type },
  });
}

describe('entry thumbnails', () => {
  it('sets a PNG picture, shown in the summary and served immutable as image/png', async () => {
    const response = await put(ada, PNG);
    expect(response.status).toBe(200);
    const summary = await json(response);
    expect(summary.thumbnail).toMatch(/^\/api\/artifacts\/[0-9a-f]{64}$/);
    const detail = await json(await t.as(null).request('GET', '/api/blueprints/pumps'));
    expect(JSON.stringify(detail)).toContain(summary.thumbnail);
    const image = await t.as(null).request('GET', summary.thumbnail);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer())).toEqual(PNG);
  });

  it('refuses a file that is not a picture, whatever its declared type, changing nothing', async () => {
    const before = await databaseSnapshot(t.database);
    const response = await put(ada, new TextEncoder().encode('<svg onload="alert(1)"></svg>'), 'image/png');
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ code: 'invalid_image' });
    expect(await databaseSnapshot(t.database)).toEqual(before);
  });

  it('refuses a picture over 2 MB with 413, changing nothing', async () => {
    const before = await databaseSnapshot(t.database);
    const big = new Uint8Array(2 * 1024 * 1024 + 1);
    big.set(PNG);
    const response = await put(ada, big);
    expect(response.status).toBe(413);
    expect(await errorOf(response)).toMatchObject({ code: 'payload_too_large' });
    expect(await databaseSnapshot(t.database)).toEqual(before);
  });

  it('lets only the owner change it, and removes it', async () => {
    const before = await databaseSnapshot(t.database);
    expect((await put(null, PNG)).status).toBe(401);
    expect((await put(bob, PNG)).status).toBe(403);
    expect((await t.as(bob).request('DELETE', '/api/blueprints/pumps/thumbnail')).status).toBe(403);
    expect(await databaseSnapshot(t.database)).toEqual(before);
    const removed = await t.as(ada).request('DELETE', '/api/blueprints/pumps/thumbnail');
    expect(removed.status).toBe(200);
    expect((await json(removed)).thumbnail).toBeNull();
  });
});
