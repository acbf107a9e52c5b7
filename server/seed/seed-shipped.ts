import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ArtifactStore } from '../artifacts/artifact-store';
import type { Database } from '../db/database';
import { ApiError } from '../http/api-error';
import { findEntry, selectVersions } from '../registry/entry-views';
import { publishVersion, type ArtifactInput } from '../registry/publish-version';
import type { EntryKind } from '../registry/registry-kinds';
import { ensureSystemUser, type SeedReport } from './seed-builtins';

/** Where the use-case blueprints that ship with ProjectTwin live, one folder each. */
export const SHIPPED_BLUEPRINTS = fileURLToPath(new URL('../../blueprints/', import.meta.url));

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

async function exists(database: Database, kind: EntryKind, name: string, version: string): Promise<boolean> {
  const entry = await findEntry(database.db, kind, name);
  return !!entry && (await selectVersions(database.db, entry.id)).some((v) => v.version === version);
}

function raced(error: unknown): boolean {
  return error instanceof ApiError && ['version_exists', 'version_not_greater'].includes(error.code);
}

/**
 * Publishes, as the system user, what each folder of `blueprints/` ships: its models (`models/<name>/` with a
 * `model-card.json` and the `.onnx` file beside it), then its `blueprint.json`, then its `layout.json`. Versions
 * already published are skipped, so it runs at every start; a folder without `blueprint.json` is ignored.
 * @example const { published } = await seedShippedBlueprints(database, ArtifactStore.inDataDir(config.dataDir))
 */
export async function seedShippedBlueprints(
  database: Database,
  store: ArtifactStore,
  root: string = SHIPPED_BLUEPRINTS,
): Promise<SeedReport> {
  const report: SeedReport = { published: [], skipped: [] };
  if (!existsSync(root)) return report;
  const system = await ensureSystemUser(database);
  const publish = async (
    kind: EntryKind,
    document: Record<string, unknown>,
    artifact?: () => Promise<ArtifactInput>,
  ) => {
    const name = String(document.name);
    const version = String(document.version);
    const label = `${kind} ${name}@${version}`;
    if (await exists(database, kind, name, version)) {
      report.skipped.push(label);
      return;
    }
    const staged = artifact ? await artifact() : undefined;
    try {
      await publishVersion(database.db, { kind, name, version, document, user: system, artifact: staged });
      report.published.push(label);
    } catch (error) {
      if (!raced(error)) throw error;
      report.skipped.push(label);
    } finally {
      if (staged) await store.discard({ sha256: staged.sha256, bytes: staged.bytes, path: staged.path });
    }
  };
  for (const folder of readdirSync(root).sort()) {
    const dir = join(root, folder);
    if (!statSync(dir).isDirectory() || !existsSync(join(dir, 'blueprint.json'))) continue;
    const models = join(dir, 'models');
    for (const model of existsSync(models) ? readdirSync(models).sort() : []) {
      const modelDir = join(models, model);
      const onnx = readdirSync(modelDir).find((f) => f.endsWith('.onnx'));
      if (!existsSync(join(modelDir, 'model-card.json')) || !onnx) continue;
      await publish('model', readJson(join(modelDir, 'model-card.json')), async () => {
        const file = await store.stage(createReadStream(join(modelDir, onnx)), Number.MAX_SAFE_INTEGER);
        return { ...file, mediaType: 'application/octet-stream', promote: () => store.promote(file) };
      });
    }
    await publish('blueprint', readJson(join(dir, 'blueprint.json')));
    if (existsSync(join(dir, 'layout.json'))) await publish('layout', readJson(join(dir, 'layout.json')));
  }
  return report;
}
