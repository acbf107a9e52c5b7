import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliFailure } from './cli-failure';
import { findPublishable } from './publishable';
import { exampleBlueprint, removeFixtureFiles } from './test-support';
import { UsageError } from './usage';

let dir: string;
const card = { schemaVersion: 1, name: 'rul', version: '1.0.0', task: 'regression', inputs: [], outputs: [] };
const manifest = { schemaVersion: 1, id: 'acme/gauge', version: '1.0.0', category: 'component' };

/** Writes files (text, or JSON for anything else) under the test folder, creating folders on the way. */
async function files(entries: Record<string, unknown>): Promise<void> {
  for (const [path, content] of Object.entries(entries)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), typeof content === 'string' ? content : JSON.stringify(content));
  }
}

/** The CliFailure findPublishable rejects with. */
async function failureOf(path: string, options: { model?: string } = {}): Promise<CliFailure> {
  const error = await findPublishable(path, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CliFailure);
  return error as CliFailure;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'projecttwin-publishable-'));
  await files({
    'pumps.json': await exampleBlueprint(),
    'wall.json': { kind: 'mosaic', root: null },
    'cards/rul.json': card,
    'cards/rul.onnx': 'model',
    'cards/other.onnx': 'other',
    'suffix/rul.card.json': card,
    'suffix/rul.onnx': 'model',
    'suffix/zzz.onnx': 'other',
    'alone/whatever.json': card,
    'alone/model.onnx': 'model',
    'two/card.json': card,
    'two/a.onnx': 'a',
    'two/b.onnx': 'b',
    'none/card.json': card,
    'keras/card.json': { ...card, format: 'keras' },
    'keras/model.h5': 'h5',
    'keras/model.onnx': 'onnx',
    'model-folder/model-card.json': card,
    'model-folder/rul.onnx': 'model',
    'gauge/manifest.json': { ...manifest, implementation: 'dist/gauge.js' },
    'gauge/dist/gauge.js': 'export {}',
    'indexed/manifest.json': manifest,
    'indexed/index.js': 'export {}',
    'bare/manifest.json': manifest,
    'escape/manifest.json': { ...manifest, implementation: '../pumps.json' },
    'lost/manifest.json': { ...manifest, implementation: 'gone.js' },
    'empty-folder/readme.txt': 'nothing to publish',
    'list.json': [1, 2],
    'broken.json': '{ "nodes": [ }',
  });
});
afterAll(() => removeFixtureFiles(dir));

describe('findPublishable: documents', () => {
  it('tells a blueprint (nodes) and a layout (kind mosaic) apart, with no upload', async () => {
    const blueprint = await findPublishable(join(dir, 'pumps.json'));
    expect([blueprint.kind, blueprint.file, blueprint.upload]).toEqual([
      'blueprint',
      join(dir, 'pumps.json'),
      undefined,
    ]);
    const layout = await findPublishable(join(dir, 'wall.json'));
    expect([layout.kind, layout.upload]).toEqual(['layout', undefined]);
  });

  it('refuses a JSON document that is not an object, and bad JSON with the parser problem', async () => {
    const list = await failureOf(join(dir, 'list.json'));
    expect([list.code, list.file]).toEqual(['unknown_document', join(dir, 'list.json')]);
    const broken = await failureOf(join(dir, 'broken.json'));
    expect(broken.code).toBe('invalid_json');
    expect(broken.problems.map((p) => p.code)).toEqual(['PT001']);
  });

  it('refuses a folder with nothing to publish, naming it', async () => {
    const failure = await failureOf(join(dir, 'empty-folder'));
    expect([failure.code, failure.file]).toEqual(['unknown_folder', join(dir, 'empty-folder')]);
  });
});

describe('findPublishable: the model file of a card', () => {
  it('prefers the .onnx with the card base name, also with a .card suffix', async () => {
    expect((await findPublishable(join(dir, 'cards/rul.json'))).upload).toEqual({
      part: 'model',
      path: join(dir, 'cards/rul.onnx'),
      mediaType: 'application/octet-stream',
    });
    expect((await findPublishable(join(dir, 'suffix/rul.card.json'))).upload?.path).toBe(
      join(dir, 'suffix/rul.onnx'),
    );
  });

  it('else takes the only .onnx in the folder (also for a model folder)', async () => {
    expect((await findPublishable(join(dir, 'alone/whatever.json'))).upload?.path).toBe(
      join(dir, 'alone/model.onnx'),
    );
    const folder = await findPublishable(join(dir, 'model-folder'));
    expect(folder).toMatchObject({ kind: 'model', file: join(dir, 'model-folder/model-card.json') });
    expect(folder.upload?.path).toBe(join(dir, 'model-folder/rul.onnx'));
  });

  it('looks for the files of the card format (keras: .keras or .h5)', async () => {
    expect((await findPublishable(join(dir, 'keras'))).upload?.path).toBe(join(dir, 'keras/model.h5'));
  });

  it('refuses when there are none or several, and takes --model when given', async () => {
    expect((await failureOf(join(dir, 'none'))).code).toBe('model_file_missing');
    const several = await failureOf(join(dir, 'two'));
    expect(several.code).toBe('model_file_ambiguous');
    expect(several.message).toContain('(a.onnx, b.onnx)');
    const named = await findPublishable(join(dir, 'two'), { model: join(dir, 'two/b.onnx') });
    expect(named.upload?.path).toBe(join(dir, 'two/b.onnx'));
    const missing = await failureOf(join(dir, 'two'), { model: join(dir, 'two/c.onnx') });
    expect([missing.code, missing.message, missing.file]).toEqual([
      'file_error',
      'file not found',
      join(dir, 'two/c.onnx'),
    ]);
  });
});

describe('findPublishable: the bundle of a component', () => {
  it('uploads the file implementation names, else index.js, else nothing', async () => {
    expect((await findPublishable(join(dir, 'gauge'))).upload).toEqual({
      part: 'bundle',
      path: join(dir, 'gauge/dist/gauge.js'),
      mediaType: 'text/javascript',
    });
    expect((await findPublishable(join(dir, 'indexed'))).upload?.path).toBe(join(dir, 'indexed/index.js'));
    const bare = await findPublishable(join(dir, 'bare'));
    expect([bare.kind, bare.file, bare.upload]).toEqual([
      'component',
      join(dir, 'bare/manifest.json'),
      undefined,
    ]);
    expect((await findPublishable(join(dir, 'bare/manifest.json'))).kind).toBe('component');
  });

  it('refuses an implementation outside the folder or missing', async () => {
    expect((await failureOf(join(dir, 'escape'))).code).toBe('bundle_outside');
    expect((await failureOf(join(dir, 'lost'))).code).toBe('bundle_missing');
  });

  it('refuses --model with a component as a usage error', async () => {
    await expect(findPublishable(join(dir, 'gauge'), { model: 'x.onnx' })).rejects.toBeInstanceOf(UsageError);
  });
});
