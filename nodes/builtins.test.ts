import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { configSchemaAjv } from '../schemas/ajv';
import { loadDocument } from '../schemas/load';
import { nodeManifestRecord } from '../schemas/node-manifest/node-manifest.record';
import type { NodeManifest } from '../schemas/node-manifest/node-manifest.types';
import { builtinManifests } from './builtins';

const folders = readdirSync(fileURLToPath(new URL('.', import.meta.url)), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  // Shared code of several node types (e.g. panel-kit) lives in *-kit folders, which are not node types.
  .filter((d) => !d.name.endsWith('-kit'))
  .map((d) => d.name);

describe('built-in node manifests', () => {
  it('every node folder is registered as a built-in', () => {
    const ids = builtinManifests.map((m) => (m as NodeManifest).id);
    expect(ids.map((id) => id.replace('core/', '')).sort()).toEqual(folders.sort());
  });

  it.each(builtinManifests.map((m) => [(m as NodeManifest).id, m] as const))(
    '%s is a valid manifest',
    (_id, data) => {
      const loaded = loadDocument<NodeManifest>(nodeManifestRecord, data);
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems, null, 2));
      const manifest = loaded.value;
      // Its config schema compiles, every property has a title for generated forms, and defaults fill in.
      const validate = configSchemaAjv().compile(manifest.config);
      const properties = (
        manifest.config as { properties: Record<string, { title?: string; default?: unknown }> }
      ).properties;
      for (const [name, prop] of Object.entries(properties))
        expect(prop.title, `${name} has a title`).toBeTruthy();
      const filled: Record<string, unknown> = {};
      validate(filled);
      for (const [name, prop] of Object.entries(properties)) {
        if (prop.default !== undefined) expect(filled[name]).toEqual(prop.default);
      }
      if (manifest.category === 'component') {
        expect(Object.keys(manifest.outputs)).toEqual([]);
        expect(manifest.panel).toBeDefined();
      }
      if (manifest.binds) expect(manifest.category).toBe('source');
    },
  );
});
