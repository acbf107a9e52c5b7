import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../runtime/compiler/builtin-registry';
import { canonicalJson, sha256Hex } from '../../runtime/compiler/digest';
import v0Draft from '../../runtime/compiler/fixtures/valid/v0-draft.json';
import type { TestApp, TestUser } from '../test-support/test-app';
import { blueprintDoc, errorOf, json, registryCounts, registryTestApp } from './test-fixtures';

let t: TestApp;
let ada: TestUser;
let bob: TestUser;
let root: TestUser;
beforeAll(async () => {
  ({ t, ada, bob, root } = await registryTestApp());
});
afterAll(() => t?.close());

function publish(user: TestUser | null, name: string, body: unknown) {
  return t.as(user).request('POST', `/api/blueprints/${name}/versions`, body);
}

describe('publishing a blueprint', () => {
  it('creates the entry, resolves the lock to exact versions and digests, and records dependencies', async () => {
    const response = await publish(ada, 'pumps', blueprintDoc('pumps', '1.0.0'));
    expect(response.status).toBe(201);
    const body = await json(response);
    const builtins = await builtinRegistry();
    const expectedLock = Object.fromEntries(
      [
        'core/chart.line',
        'core/kpi',
        'core/model.onnx',
        'core/source.table',
        'core/table',
        'core/window',
      ].map((id) => [id, { version: '1.0.0', sha256: builtins.manifest(id, '1.0.0')!.sha256 }]),
    );
    expect(body.document.lock).toEqual(expectedLock);
    expect(body.entry).toMatchObject({
      kind: 'blueprint',
      name: 'pumps',
      title: 'Pump fleet monitor',
      tags: ['pumps', 'maintenance'],
      usages: ['monitor', 'predict'],
      latestVersion: '1.0.0',
      owner: { id: ada.id, name: 'ada' },
      forkedFrom: null,
      deprecated: null,
    });
    expect(body.version.sha256).toBe(sha256Hex(canonicalJson(body.document)));
    const [row] = await t.database.sql`
      select v.document, v.sha256 from registry_versions v join registry_entries e on e.id = v.entry_id
      where e.kind = 'blueprint' and e.name = 'pumps'`;
    expect(row.document.lock).toEqual(expectedLock);
    expect(row.sha256).toBe(body.version.sha256);
    const deps = await t.database.sql`
      select d.name from registry_dependencies r
      join registry_versions v on v.id = r.version_id join registry_entries e on e.id = v.entry_id
      join registry_entries d on d.id = r.depends_on_id
      where e.name = 'pumps' order by d.name`;
    expect(deps.map((d) => d.name)).toEqual(Object.keys(expectedLock));
  });

  it('lists the blueprint among the users of each node type it uses', async () => {
    const detail = await json(await t.as(null).request('GET', '/api/components/core/chart.line'));
    expect(detail.usedBy.map((u: { name: string }) => u.name)).toEqual(['pumps']);
    const unused = await json(await t.as(null).request('GET', '/api/components/core/param'));
    expect(unused.usedBy).toEqual([]);
  });

  it('orders versions by semantic version (1.10.0 after 1.9.0, a release after its pre-release)', async () => {
    for (const version of ['1.9.0', '1.10.0-rc.1', '1.10.0']) {
      const response = await publish(ada, 'pumps', blueprintDoc('pumps', version));
      expect(response.status).toBe(201);
    }
    const { versions } = await json(await t.as(null).request('GET', '/api/blueprints/pumps/versions'));
    expect(versions.map((v: { version: string }) => v.version)).toEqual([
      '1.10.0',
      '1.10.0-rc.1',
      '1.9.0',
      '1.0.0',
    ]);
    const detail = await json(await t.as(null).request('GET', '/api/blueprints/pumps'));
    expect(detail.latestVersion).toBe('1.10.0');
    expect(detail.document.version).toBe('1.10.0');
  });

  it('refuses a version that is not newer, or that exists, and changes nothing', async () => {
    const before = await registryCounts(t);
    const lower = await publish(ada, 'pumps', blueprintDoc('pumps', '1.2.0'));
    expect(lower.status).toBe(409);
    const lowerError = await errorOf(lower);
    expect(lowerError).toMatchObject({ code: 'version_not_greater', details: { latest: '1.10.0' } });
    expect(lowerError.message).toMatch(/not newer than 1\.10\.0/);
    const again = await publish(ada, 'pumps', blueprintDoc('pumps', '1.10.0', { title: 'Changed' }));
    expect(again.status).toBe(409);
    expect(await errorOf(again)).toMatchObject({ code: 'version_exists' });
    expect(await registryCounts(t)).toEqual(before);
    const [entry] = await t.database.sql`select title from registry_entries where name = 'pumps'`;
    expect(entry.title).toBe('Pump fleet monitor');
  });

  it('keeps published versions immutable even against SQL', async () => {
    await expect(
      t.database.sql`update registry_versions set document = '{}'::jsonb where version = '1.0.0'`,
    ).rejects.toThrow(/published versions are immutable/);
  });

  it('refuses a blueprint that does not compile with 422 and the coded problems', async () => {
    const before = await registryCounts(t);
    const broken = blueprintDoc('broken', '1.0.0');
    (broken.nodes as { id: string; config: Record<string, unknown> }[])[3].config.y = ['vibration'];
    const response = await publish(ada, 'broken', broken);
    expect(response.status).toBe(422);
    const error = await errorOf(response);
    expect(error.code).toBe('blueprint_invalid');
    expect(error.message).toMatch(/does not compile.*PT130/);
    const problems = (error.details as { problems: { code: string; pointer: string; nodeId: string }[] })
      .problems;
    expect(problems).toContainEqual(
      expect.objectContaining({ code: 'PT130', nodeId: 'trend', pointer: '/nodes/3/config/y/0' }),
    );
    const unknownType = blueprintDoc('broken', '1.0.0');
    (unknownType.nodes as { type: string }[])[0].type = 'acme/nothing@^1';
    const unknown = await errorOf(await publish(ada, 'broken', unknownType));
    expect((unknown.details as { problems: { code: string }[] }).problems.map((p) => p.code)).toContain(
      'PT102',
    );
    expect(await registryCounts(t)).toEqual(before);
  });

  it('publishes an older-schema draft migrated to the current schema', async () => {
    const response = await publish(ada, 'old-draft', v0Draft);
    expect(response.status).toBe(201);
    const body = await json(response);
    expect(body.document.schemaVersion).toBe(1);
    expect(body.document).not.toHaveProperty('wires');
  });

  it.each([
    ['a missing title', (d: Record<string, unknown>) => delete d.title, 'invalid_document', /PT010/],
    ['an unknown field', (d: Record<string, unknown>) => (d.colour = 'red'), 'invalid_document', /PT012/],
    ['a wrong type', (d: Record<string, unknown>) => (d.nodes = 'all of them'), 'invalid_document', /PT011/],
    ['an invalid version', (d: Record<string, unknown>) => (d.version = '1.0'), 'invalid_document', /PT013/],
    ['another name', (d: Record<string, unknown>) => (d.name = 'other'), 'name_mismatch', /"other"/],
  ])('refuses a document with %s (400) and changes nothing', async (_what, damage, code, detail) => {
    const before = await registryCounts(t);
    const document = blueprintDoc('pumps', '2.0.0');
    damage(document);
    const response = await publish(ada, 'pumps', document);
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe(code);
    expect(JSON.stringify(error)).toMatch(detail);
    expect(await registryCounts(t)).toEqual(before);
  });

  it('refuses malformed JSON, a body that is not an object, a bad name and an oversized body', async () => {
    const before = await registryCounts(t);
    const malformed = await publish(ada, 'pumps', '{"name": "pumps",');
    expect(await errorOf(malformed)).toMatchObject({ code: 'malformed_json' });
    const list = await publish(ada, 'pumps', [1, 2]);
    expect(list.status).toBe(400);
    expect(JSON.stringify(await errorOf(list))).toMatch(/PT003/);
    const badName = await publish(ada, 'Pump_Fleet', blueprintDoc('Pump_Fleet', '1.0.0'));
    expect(badName.status).toBe(400);
    expect(await errorOf(badName)).toMatchObject({ code: 'invalid_name' });
    const huge = await publish(
      ada,
      'pumps',
      blueprintDoc('pumps', '3.0.0', { description: 'x'.repeat(300_000) }),
    );
    expect(huge.status).toBe(413);
    expect(await errorOf(huge)).toMatchObject({ code: 'payload_too_large' });
    expect(await registryCounts(t)).toEqual(before);
  });

  it('needs a login, and the owner or an administrator for a new version', async () => {
    const before = await registryCounts(t);
    const anonymous = await publish(null, 'pumps', blueprintDoc('pumps', '2.0.0'));
    expect(anonymous.status).toBe(401);
    const other = await publish(bob, 'pumps', blueprintDoc('pumps', '2.0.0'));
    expect(other.status).toBe(403);
    expect(await errorOf(other)).toMatchObject({ code: 'forbidden' });
    expect(await registryCounts(t)).toEqual(before);
    const admin = await publish(root, 'pumps', blueprintDoc('pumps', '2.0.0'));
    expect(admin.status).toBe(201);
    expect((await json(admin)).entry.owner.id).toBe(ada.id);
  });
});

describe('reading blueprints', () => {
  it('serves one exact version and counts each download', async () => {
    const first = await t.as(null).request('GET', '/api/blueprints/pumps/versions/1.9.0');
    expect(first.status).toBe(200);
    const body = await json(first);
    expect(body).toMatchObject({ kind: 'blueprint', name: 'pumps', version: '1.9.0', artifact: null });
    expect(body.document.version).toBe('1.9.0');
    expect(body.sha256).toBe(sha256Hex(canonicalJson(body.document)));
    await t.as(null).request('GET', '/api/blueprints/pumps/versions/1.0.0');
    const detail = await json(await t.as(null).request('GET', '/api/blueprints/pumps'));
    expect(detail.downloadCount).toBe(2);
  });

  it('answers an unknown version or blueprint with 404', async () => {
    const version = await t.as(null).request('GET', '/api/blueprints/pumps/versions/9.9.9');
    expect(version.status).toBe(404);
    expect((await errorOf(version)).message).toMatch(/no version 9\.9\.9; its latest is 2\.0\.0/);
    const missing = await t.as(null).request('GET', '/api/blueprints/nothing-here');
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).message).toMatch(/no blueprint "nothing-here"/);
    expect((await t.as(null).request('GET', '/api/blueprints/nothing-here/versions')).status).toBe(404);
  });
});

describe('stored documents', () => {
  it("keep the author's key order, so inputs' columns come back in the order they were declared", async () => {
    const doc = blueprintDoc('ordered', '1.0.0') as {
      inputs: { telemetry: { columns: Record<string, unknown> } };
    };
    const declared = Object.keys(doc.inputs.telemetry.columns);
    expect(await publish(ada, 'ordered', doc).then((r) => r.status)).toBe(201);
    const stored = await json(await t.as(null).request('GET', '/api/blueprints/ordered/versions/1.0.0'));
    const document = stored.document as { inputs: { telemetry: { columns: Record<string, unknown> } } };
    expect(Object.keys(document.inputs.telemetry.columns)).toEqual(declared);
  });
});
