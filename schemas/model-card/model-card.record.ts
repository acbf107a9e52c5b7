import { defineRecord } from '../migrations';

/** model-card documents: version 1 is the first; no migrations yet. */
export const modelCardRecord = defineRecord({
  kind: 'model-card',
  currentVersion: 1,
  schemaIds: { 1: 'https://projecttwin.dev/schemas/model-card/1.json' },
  versionOptional: false,
  migrations: [],
});
