import { defineRecord } from '../migrations';
import { blueprintV0ToV1 } from './blueprint.migrations';

export const BLUEPRINT_SCHEMA_ID = 'https://projecttwin.dev/schemas/blueprint/1.json';

/** Blueprints: current version 1; the v0 draft shape is migrated on load. */
export const blueprintRecord = defineRecord({
  kind: 'blueprint',
  currentVersion: 1,
  schemaIds: { 0: 'https://projecttwin.dev/schemas/blueprint/0.json', 1: BLUEPRINT_SCHEMA_ID },
  versionOptional: false,
  migrations: [blueprintV0ToV1],
});
