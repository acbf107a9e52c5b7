import { blueprintRecord } from './blueprint/blueprint.record';
import { layoutRecord } from './layout/layout.record';
import { modelCardRecord } from './model-card/model-card.record';
import { nodeManifestRecord } from './node-manifest/node-manifest.record';
import type { DocumentRecord } from './migrations';
import { twinRecord } from './twin/twin.record';

/** Every document kind, by the folder its schema lives in. */
export const documentRecords: Readonly<Record<string, DocumentRecord>> = {
  blueprint: blueprintRecord,
  layout: layoutRecord,
  'model-card': modelCardRecord,
  'node-manifest': nodeManifestRecord,
  twin: twinRecord,
};
