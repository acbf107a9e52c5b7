import { defineRecord } from '../migrations';

/** twin documents: version 1 is the first; no migrations yet. */
export const twinRecord = defineRecord({
  kind: 'twin',
  currentVersion: 1,
  schemaIds: { 1: 'https://projecttwin.dev/schemas/twin/1.json' },
  versionOptional: false,
  migrations: [],
});
