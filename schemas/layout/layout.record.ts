import { defineRecord } from '../migrations';

/** layout documents: version 1 is the first; no migrations yet. */
export const layoutRecord = defineRecord({
  kind: 'layout',
  currentVersion: 1,
  schemaIds: { 1: 'https://projecttwin.dev/schemas/layout/1.json' },
  versionOptional: true,
  migrations: [],
});
