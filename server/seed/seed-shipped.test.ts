import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArtifactStore } from '../artifacts/artifact-store';
import { blueprintDoc, json, layoutDoc, MATCHING_MODEL, modelCard } from '../registry/test-fixtures';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { seedBuiltins } from './seed-builtins';
import { seedShippedBlueprints } from './seed-shipped';

let t: TestApp;
const root = mkdtempSync(join(tmpdir(), 'projecttwin-shipped-'));

beforeAll(async () => {
  t = await createTestApp();
  await seedBuiltins(t.database);
  const dir = join(root, 'pump-demo');
  mkdirSync(join(dir, 'models', 'tiny'), { recursive: true });
  writeFileSync(join(dir, 'blueprint.json'), JSON.stringify(blueprintDoc('pump-demo', '1.0.0')));
  writeFileSync(join(dir, 'layout.json'), JSON.stringify(layoutDoc('pump-demo-wall', '1.0.0')));
  writeFileSync(
    join(dir, 'models', 'tiny', 'model-card.json'),
    JSON.stringify(modelCard('tiny-rul', '1.0.0')),
  );
  writeFileSync(join(dir, 'models', 'tiny', 'tiny-rul.onnx'), MATCHING_MODEL);
  mkdirSync(join(root, 'notes'));
  writeFileSync(join(root, 'README.md'), 'not a blueprint');
});
afterAll(async () => {
  await t?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('seeding the shipped blueprints', () => {
  it('publishes each folder’s models, blueprint and layout as the system user, then skips them on later starts', async () => {
    const store = ArtifactStore.inDataDir(t.config.dataDir);
    const first = await seedShippedBlueprints(t.database, store, root);
    expect(first).toEqual({
      published: ['model tiny-rul@1.0.0', 'blueprint pump-demo@1.0.0', 'layout pump-demo-wall@1.0.0'],
      skipped: [],
    });
    const again = await seedShippedBlueprints(t.database, store, root);
    expect(again).toEqual({ published: [], skipped: first.published });

    const blueprint = await json(await t.as(null).request('GET', '/api/blueprints/pump-demo'));
    expect(blueprint.entry?.owner?.name ?? blueprint.owner?.name).toBe('ProjectTwin');
    const model = await json(await t.as(null).request('GET', '/api/models/tiny-rul/versions/1.0.0'));
    const file = await t.as(null).request('GET', model.artifact.url);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(MATCHING_MODEL);
  });
});
