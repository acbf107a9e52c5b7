import { defineRecord } from '../migrations';

/** node-manifest documents: version 1 is the first; no migrations yet. */
export const nodeManifestRecord = defineRecord({
  kind: 'node-manifest',
  currentVersion: 1,
  schemaIds: { 1: 'https://projecttwin.dev/schemas/node-manifest/1.json' },
  versionOptional: false,
  migrations: [],
});
