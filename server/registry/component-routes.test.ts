import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, TestUser } from '../test-support/test-app';
import {
  blueprintDoc,
  componentManifest,
  errorOf,
  json,
  registryCounts,
  upload,
  uploadForm,
  registryTestApp,
} from './test-fixtures';

let t: TestApp;
let ada: TestUser;
let bob: TestUser;
let root: TestUser;
const BUNDLE = 'export function create(ctx) { return { receive() {} }; }\n';

beforeAll(async () => {
  ({ t, ada, bob, root } = await registryTestApp());
});
afterAll(() => t?.close());

function publishJson(user: TestUser | null, id: string, manifest: unknown) {
  return t.as(user).request('POST', `/api/components/${id}/versions`, manifest);
}

/** The pump-fleet blueprint with its line chart replaced by `type`. */
function blueprintUsing(name: string, type: string) {
  const document = blueprintDoc(name, '1.0.0');
  (document.nodes as { id: string; type: string }[]).find((n) => n.id === 'trend')!.type = type;
  return document;
}

describe('publishing a component', () => {
  it('takes a manifest as JSON, named by its node-type id', async () => {
    const response = await publishJson(
      ada,
      'acme/gauge',
      componentManifest('acme/gauge', '1.0.0', { title: 'Gauge' }),
    );
    expect(response.status).toBe(201);
    const body = await json(response);
    expect(body.entry).toMatchObject({
      kind: 'component',
      name: 'acme/gauge',
      title: 'Gauge',
      category: 'component',
    });
    expect(body.version.artifact).toBeNull();
  });

  it('takes a manifest and an ES-module bundle as multipart, and serves the bundle as JavaScript', async () => {
    const form = uploadForm(
      { manifest: componentManifest('acme/gauge', '1.1.0', { title: 'Gauge' }) },
      { bundle: BUNDLE },
    );
    const response = await upload(t, ada, '/api/components/acme/gauge/versions', form);
    expect(response.status).toBe(201);
    const { version } = await json(response);
    expect(version.artifact).toMatchObject({ mediaType: 'text/javascript', bytes: BUNDLE.length });
    const file = await t.as(null).request('GET', version.artifact.url);
    expect(file.headers.get('content-type')).toBe('text/javascript');
    expect(await file.text()).toBe(BUNDLE);
    const detail = await json(await t.as(null).request('GET', '/api/components/acme/gauge'));
    expect(detail.downloadCount).toBe(0);
    expect(detail.artifact.sha256).toBe(version.artifact.sha256);
  });

  it('lists versions newest first under the two-segment path', async () => {
    const pre = await publishJson(ada, 'acme/gauge', componentManifest('acme/gauge', '2.0.0-beta.1'));
    expect(pre.status).toBe(201);
    const { versions } = await json(await t.as(null).request('GET', '/api/components/acme/gauge/versions'));
    expect(versions.map((v: { version: string }) => v.version)).toEqual(['2.0.0-beta.1', '1.1.0', '1.0.0']);
    const one = await json(await t.as(null).request('GET', '/api/components/acme/gauge/versions/1.0.0'));
    expect(one.document).toMatchObject({ id: 'acme/gauge', version: '1.0.0' });
    expect((await t.as(null).request('GET', '/api/components/acme/nothing')).status).toBe(404);
  });

  it.each([
    [
      'another id',
      () => publishJson(ada, 'acme/gauge', componentManifest('acme/dial', '3.0.0')),
      400,
      'name_mismatch',
    ],
    [
      'a missing category',
      () => {
        const manifest: Record<string, unknown> = componentManifest('acme/gauge', '3.0.0');
        delete manifest.category;
        return publishJson(ada, 'acme/gauge', manifest);
      },
      400,
      'invalid_document',
    ],
    [
      'a broken config schema',
      () =>
        publishJson(
          ada,
          'acme/gauge',
          componentManifest('acme/gauge', '3.0.0', { config: { type: 'nonsense' } }),
        ),
      400,
      'invalid_document',
    ],
    ['malformed JSON', () => publishJson(ada, 'acme/gauge', '{"id": "acme/gauge"'), 400, 'malformed_json'],
    [
      'an oversized JSON body',
      () =>
        publishJson(
          ada,
          'acme/gauge',
          componentManifest('acme/gauge', '3.0.0', { description: 'x'.repeat(300_000) }),
        ),
      413,
      'payload_too_large',
    ],
    [
      'a plain-text body',
      () =>
        t.as(ada).request('POST', '/api/components/acme/gauge/versions', undefined, {
          body: 'manifest',
          headers: { 'content-type': 'text/plain', origin: 'http://localhost' },
        }),
      415,
      'unsupported_media_type',
    ],
    [
      'a form without a manifest',
      () => upload(t, ada, '/api/components/acme/gauge/versions', uploadForm({}, { bundle: BUNDLE })),
      400,
      'missing_part',
    ],
    [
      'a name that is not a node-type id',
      () => publishJson(ada, 'acme/Gauge', componentManifest('acme/Gauge', '1.0.0')),
      400,
      'invalid_name',
    ],
    [
      'the reserved core scope',
      () => publishJson(ada, 'core/evil', componentManifest('core/evil', '1.0.0')),
      403,
      'reserved_scope',
    ],
    [
      'the reserved model scope',
      () => publishJson(ada, 'model/evil', componentManifest('model/evil', '1.0.0')),
      403,
      'reserved_scope',
    ],
    [
      'a new version by another user',
      () => publishJson(bob, 'acme/gauge', componentManifest('acme/gauge', '3.0.0')),
      403,
      'forbidden',
    ],
    [
      'an anonymous caller',
      () => publishJson(null, 'acme/gauge', componentManifest('acme/gauge', '3.0.0')),
      401,
      'unauthorized',
    ],
  ])('refuses %s and changes nothing', async (_what, send, status, code) => {
    const before = await registryCounts(t);
    const response = await send();
    expect(response.status).toBe(status);
    const error = await errorOf(response);
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(20);
    expect(await registryCounts(t)).toEqual(before);
  });

  it('lets an administrator publish in a reserved scope', async () => {
    const response = await publishJson(root, 'core/extra', componentManifest('core/extra', '1.0.0'));
    expect(response.status).toBe(201);
  });
});

describe('components as node types of blueprints', () => {
  it('resolves ranges against the registry: highest release that satisfies, exact digest in the lock', async () => {
    const response = await t
      .as(bob)
      .request('POST', '/api/blueprints/gauges/versions', blueprintUsing('gauges', 'acme/gauge@^1'));
    expect(response.status).toBe(201);
    const { document } = await json(response);
    const [stored] = await t.database.sql`
      select v.sha256 from registry_versions v join registry_entries e on e.id = v.entry_id
      where e.name = 'acme/gauge' and v.version = '1.1.0'`;
    expect(document.lock['acme/gauge']).toEqual({ version: '1.1.0', sha256: stored.sha256 });
    const tilde = await t
      .as(bob)
      .request(
        'POST',
        '/api/blueprints/gauges-old/versions',
        blueprintUsing('gauges-old', 'acme/gauge@~1.0'),
      );
    expect((await json(tilde)).document.lock['acme/gauge'].version).toBe('1.0.0');
  });

  it('refuses a range no published version satisfies, with the compiler code', async () => {
    const response = await t
      .as(bob)
      .request('POST', '/api/blueprints/gauges-new/versions', blueprintUsing('gauges-new', 'acme/gauge@^3'));
    expect(response.status).toBe(422);
    const error = await errorOf(response);
    expect((error.details as { problems: { code: string }[] }).problems.map((p) => p.code)).toContain(
      'PT103',
    );
  });

  it('still resolves a deprecated node type, and refuses to delete one a blueprint uses', async () => {
    const deprecated = await t
      .as(ada)
      .request('POST', '/api/components/acme/gauge/deprecate', { message: 'Use acme/dial.' });
    expect(deprecated.status).toBe(200);
    // Deprecated entries leave search results (the built-in core/gauge still matches).
    const found = (await json(await t.as(null).request('GET', '/api/components?q=gauge'))).items;
    expect(found.map((item: { name: string }) => item.name)).toEqual(['core/gauge']);
    const next = blueprintUsing('gauges', 'acme/gauge@^1');
    next.version = '1.1.0';
    const published = await t.as(bob).request('POST', '/api/blueprints/gauges/versions', next);
    expect(published.status).toBe(201);
    expect((await json(published)).document.lock['acme/gauge'].version).toBe('1.1.0');
    const detail = await json(await t.as(null).request('GET', '/api/components/acme/gauge'));
    expect(detail.usedBy.map((u: { name: string }) => u.name)).toEqual(['gauges', 'gauges-old']);
    const before = await registryCounts(t);
    const refused = await t.as(ada).request('DELETE', '/api/components/acme/gauge');
    expect(refused.status).toBe(409);
    expect((await errorOf(refused)).message).toMatch(/used by blueprint "gauges", blueprint "gauges-old"/);
    expect(await registryCounts(t)).toEqual(before);
  });

  it('forks a component under a scope of the caller, with its bundle', async () => {
    const response = await t
      .as(bob)
      .request('POST', '/api/components/acme/gauge/fork', { name: 'bob/gauge' });
    expect(response.status).toBe(201);
    const body = await json(response);
    expect(body.document).toMatchObject({ id: 'bob/gauge', version: '2.0.0-beta.1' });
    expect(body.entry).toMatchObject({
      name: 'bob/gauge',
      forkedFrom: { name: 'acme/gauge', version: '2.0.0-beta.1' },
    });
    const reserved = await t
      .as(bob)
      .request('POST', '/api/components/acme/gauge/fork', { name: 'core/dial' });
    expect(reserved.status).toBe(403);
    const slug = await t.as(bob).request('POST', '/api/components/acme/gauge/fork', { name: 'gauge' });
    expect(slug.status).toBe(400);
    expect((await errorOf(slug)).message).toMatch(/"name"/);
  });

  it('deletes an unused component for its owner or an administrator', async () => {
    expect((await t.as(ada).request('DELETE', '/api/components/bob/gauge')).status).toBe(403);
    expect((await t.as(bob).request('DELETE', '/api/components/bob/gauge')).status).toBe(204);
    expect((await t.as(root).request('DELETE', '/api/components/core/extra')).status).toBe(204);
    expect((await t.as(null).request('GET', '/api/components/bob/gauge')).status).toBe(404);
  });
});
