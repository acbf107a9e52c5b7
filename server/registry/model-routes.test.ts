import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArtifactStore } from '../artifacts/artifact-store';
import type { TestApp, TestUser } from '../test-support/test-app';
import {
  blueprintDoc,
  errorOf,
  json,
  MATCHING_MODEL,
  modelCard,
  onnxModel,
  registryCounts,
  upload,
  uploadForm,
  registryTestApp,
} from './test-fixtures';

let t: TestApp;
let ada: TestUser;
let bob: TestUser;
let root: TestUser;
let store: ArtifactStore;
let modelSha: string;

beforeAll(async () => {
  ({ t, ada, bob, root } = await registryTestApp());
  store = ArtifactStore.inDataDir(t.config.dataDir);
});
afterAll(() => t?.close());

function publishModel(
  user: TestUser | null,
  name: string,
  card: unknown,
  model?: Uint8Array | string,
  extra: Record<string, unknown> = {},
) {
  const form = uploadForm({ card, ...extra }, model === undefined ? {} : { model });
  return upload(t, user, `/api/models/${name}/versions`, form);
}

function stagedFiles(): string[] {
  const dir = join(t.config.dataDir, 'artifacts', 'tmp');
  return existsSync(dir) ? readdirSync(dir) : [];
}

describe('publishing a model', () => {
  it('streams the ONNX file into the store, checks it against the card and records it in the card', async () => {
    const response = await publishModel(ada, 'pump-rul', modelCard('pump-rul', '1.0.0'), MATCHING_MODEL);
    expect(response.status).toBe(201);
    const body = await json(response);
    modelSha = body.version.artifact.sha256;
    expect(body.status).toMatchObject({ code: 'ready' });
    expect(body.entry).toMatchObject({ kind: 'model', name: 'pump-rul', category: 'regression' });
    expect(body.version.artifact).toEqual({
      sha256: modelSha,
      bytes: MATCHING_MODEL.byteLength,
      mediaType: 'application/octet-stream',
      url: `/api/artifacts/${modelSha}`,
    });
    expect(body.document.artifact).toEqual({ sha256: modelSha, bytes: MATCHING_MODEL.byteLength });
    expect(new Uint8Array(readFileSync(store.pathOf(modelSha)))).toEqual(MATCHING_MODEL);
    const [row] = await t.database
      .sql`select bytes::int, media_type, uploaded_by from artifacts where sha256 = ${modelSha}`;
    expect(row).toMatchObject({ bytes: MATCHING_MODEL.byteLength, uploaded_by: ada.id });
    expect(stagedFiles()).toEqual([]);
  });

  it('keeps one copy of a file shared by two versions', async () => {
    const before = await registryCounts(t);
    const response = await publishModel(ada, 'pump-rul', modelCard('pump-rul', '1.1.0'), MATCHING_MODEL);
    expect(response.status).toBe(201);
    const after = await registryCounts(t);
    expect(after.artifacts).toBe(before.artifacts);
    expect(after.versions).toBe(before.versions + 1);
  });

  it('refuses a file that is not ONNX, and keeps neither the file nor a row', async () => {
    const before = await registryCounts(t);
    const response = await publishModel(
      ada,
      'pump-rul',
      modelCard('pump-rul', '2.0.0'),
      'just some text, not a model',
    );
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('invalid_onnx');
    expect(error.message).toMatch(/^This file is not an ONNX model/);
    expect(await registryCounts(t)).toEqual(before);
    expect(stagedFiles()).toEqual([]);
  });

  it('refuses a card whose tensors are not in the model, naming each difference', async () => {
    const before = await registryCounts(t);
    const renamed = onnxModel({ inputs: [['input', 'float32']], outputs: [['y', 'int64']] });
    const response = await publishModel(ada, 'pump-rul', modelCard('pump-rul', '2.0.0'), renamed);
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('signature_mismatch');
    const details = error.details as { problems: string[]; modelInputs: { name: string }[] };
    expect(details.problems).toEqual([
      'The card names the input tensor "x", but the model has no such input; its inputs are "input".',
      'The card says the output "y" holds float32, but the model\'s holds int64.',
    ]);
    expect(details.modelInputs).toEqual([{ name: 'input', dtype: 'float32' }]);
    expect(await registryCounts(t)).toEqual(before);
    expect(stagedFiles()).toEqual([]);
  });

  it('accepts other formats as stored files with a status saying they cannot run yet', async () => {
    const card = modelCard('pump-rul-keras', '1.0.0', { format: 'keras' });
    const response = await publishModel(ada, 'pump-rul-keras', card, 'HDF5 bytes of a keras model');
    expect(response.status).toBe(201);
    const body = await json(response);
    expect(body.status.code).toBe('needs_conversion');
    expect(body.status.message).toMatch(/no converter from keras to ONNX yet/);
    expect(existsSync(store.pathOf(body.version.artifact.sha256))).toBe(true);
    const detail = await json(await t.as(null).request('GET', '/api/models/pump-rul-keras'));
    expect(detail.status.code).toBe('needs_conversion');
  });

  it('refuses a file over the size limit with 413 and keeps nothing', async () => {
    const before = await registryCounts(t);
    const big = new Uint8Array(t.config.maxArtifactBytes + 1);
    const response = await publishModel(ada, 'pump-rul', modelCard('pump-rul', '2.0.0'), big);
    expect(response.status).toBe(413);
    const error = await errorOf(response);
    expect(error.code).toBe('payload_too_large');
    expect(error.message).toMatch(/larger than 5 MB/);
    expect(await registryCounts(t)).toEqual(before);
    expect(stagedFiles()).toEqual([]);
  });

  it.each([
    [
      'no model file',
      () => publishModel(ada, 'pump-rul', modelCard('pump-rul', '2.0.0')),
      400,
      'missing_part',
    ],
    [
      'no card',
      () => upload(t, ada, '/api/models/pump-rul/versions', uploadForm({}, { model: MATCHING_MODEL })),
      400,
      'missing_part',
    ],
    [
      'an unexpected part',
      () => publishModel(ada, 'pump-rul', modelCard('pump-rul', '2.0.0'), MATCHING_MODEL, { notes: 'hi' }),
      400,
      'unexpected_part',
    ],
    [
      'a card that is not JSON',
      () => publishModel(ada, 'pump-rul', '{"name": ', MATCHING_MODEL),
      400,
      'malformed_json',
    ],
    [
      'an invalid card',
      () => publishModel(ada, 'pump-rul', modelCard('pump-rul', '2.0.0', { task: 'magic' }), MATCHING_MODEL),
      400,
      'invalid_document',
    ],
    [
      'a card with another name',
      () => publishModel(ada, 'pump-rul', modelCard('other', '2.0.0'), MATCHING_MODEL),
      400,
      'name_mismatch',
    ],
    [
      'a card describing another file',
      () =>
        publishModel(
          ada,
          'pump-rul',
          modelCard('pump-rul', '2.0.0', { artifact: { sha256: 'a'.repeat(64) } }),
          MATCHING_MODEL,
        ),
      400,
      'artifact_mismatch',
    ],
    [
      'a lower version',
      () => publishModel(ada, 'pump-rul', modelCard('pump-rul', '1.0.5'), MATCHING_MODEL),
      409,
      'version_not_greater',
    ],
    [
      'JSON instead of a form',
      () => t.as(ada).request('POST', '/api/models/pump-rul/versions', modelCard('pump-rul', '2.0.0')),
      415,
      'unsupported_media_type',
    ],
  ])('refuses %s and changes nothing', async (_what, send, status, code) => {
    const before = await registryCounts(t);
    const response = await send();
    expect(response.status).toBe(status);
    expect(await errorOf(response)).toMatchObject({ code });
    expect(await registryCounts(t)).toEqual(before);
    expect(stagedFiles()).toEqual([]);
  });

  it('needs a login, and the owner or an administrator for a new version', async () => {
    const before = await registryCounts(t);
    expect(
      (await publishModel(null, 'pump-rul', modelCard('pump-rul', '2.0.0'), MATCHING_MODEL)).status,
    ).toBe(401);
    const other = await publishModel(bob, 'pump-rul', modelCard('pump-rul', '2.0.0'), MATCHING_MODEL);
    expect(other.status).toBe(403);
    expect(await registryCounts(t)).toEqual(before);
    expect(
      (await publishModel(root, 'pump-rul', modelCard('pump-rul', '2.0.0'), MATCHING_MODEL)).status,
    ).toBe(201);
  });
});

describe('downloading artifacts', () => {
  it('streams the file with its digest as ETag, cached forever, and counts a model download', async () => {
    const response = await t.as(null).request('GET', `/api/artifacts/${modelSha}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe(`"${modelSha}"`);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('content-length')).toBe(String(MATCHING_MODEL.byteLength));
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(MATCHING_MODEL);
    const detail = await json(await t.as(null).request('GET', '/api/models/pump-rul'));
    expect(detail.downloadCount).toBe(1);
  });

  it('answers 304 to a matching If-None-Match, and HEAD, without counting a download', async () => {
    for (const header of [`"${modelSha}"`, `W/"${modelSha}"`, `"other", "${modelSha}"`, '*']) {
      const response = await t.as(null).request('GET', `/api/artifacts/${modelSha}`, undefined, {
        headers: { 'if-none-match': header },
      });
      expect(response.status).toBe(304);
      expect(response.headers.get('etag')).toBe(`"${modelSha}"`);
    }
    const stale = await t.as(null).request('GET', `/api/artifacts/${modelSha}`, undefined, {
      headers: { 'if-none-match': '"something-else"' },
    });
    expect(stale.status).toBe(200);
    const head = await t.as(null).request('HEAD', `/api/artifacts/${modelSha}`);
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(MATCHING_MODEL.byteLength));
    const detail = await json(await t.as(null).request('GET', '/api/models/pump-rul'));
    expect(detail.downloadCount).toBe(2);
  });

  it('answers 400 for something that is not a digest and 404 for an unknown one', async () => {
    const bad = await t.as(null).request('GET', '/api/artifacts/not-a-digest');
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).message).toMatch(/"sha256"/);
    const unknown = await t.as(null).request('GET', `/api/artifacts/${'0'.repeat(64)}`);
    expect(unknown.status).toBe(404);
  });
});

describe('models in use', () => {
  it('serves a version with its artifact and status', async () => {
    const body = await json(await t.as(null).request('GET', '/api/models/pump-rul/versions/1.0.0'));
    expect(body).toMatchObject({
      kind: 'model',
      version: '1.0.0',
      artifact: { sha256: modelSha },
      status: { code: 'ready' },
      document: { name: 'pump-rul', artifact: { sha256: modelSha } },
    });
  });

  it('forks a model with its file', async () => {
    const response = await t.as(bob).request('POST', '/api/models/pump-rul/fork', { name: 'bobs-rul' });
    expect(response.status).toBe(201);
    const body = await json(response);
    expect(body.entry).toMatchObject({
      owner: { id: bob.id },
      forkedFrom: { name: 'pump-rul', version: '2.0.0' },
    });
    expect(body.version.artifact.sha256).toBe(modelSha);
    expect(body.document).toMatchObject({ name: 'bobs-rul', version: '2.0.0' });
  });

  it('knows which blueprints use a model and refuses to delete it while they do', async () => {
    const blueprint = await t
      .as(bob)
      .request('POST', '/api/blueprints/pumps/versions', blueprintDoc('pumps', '1.0.0'));
    expect(blueprint.status).toBe(201);
    const detail = await json(await t.as(null).request('GET', '/api/models/pump-rul'));
    expect(detail.usedBy.map((u: { kind: string; name: string }) => `${u.kind}:${u.name}`)).toEqual([
      'blueprint:pumps',
    ]);
    const before = await registryCounts(t);
    const refused = await t.as(ada).request('DELETE', '/api/models/pump-rul');
    expect(refused.status).toBe(409);
    expect(await errorOf(refused)).toMatchObject({
      code: 'in_use',
      details: { usedBy: [{ kind: 'blueprint', name: 'pumps' }] },
    });
    expect(await registryCounts(t)).toEqual(before);
    expect((await t.as(bob).request('DELETE', '/api/models/pump-rul-keras')).status).toBe(403);
    expect((await t.as(ada).request('DELETE', '/api/models/pump-rul-keras')).status).toBe(204);
  });
});
