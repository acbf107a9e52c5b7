export { apiTokens, roleEnum, sessions, users } from './accounts';
export {
  artifacts,
  registryDependencies,
  registryEntries,
  registryKindEnum,
  registryVersions,
} from './registry';
export { shareLinks, twins, visibilityEnum } from './twins';
export { connections, tlsModeEnum } from './connections';
export { csvUploads, dataTables, ingestRequests, ingestSourceEnum, mqttBridges } from './ingest';
export { blueprintDrafts } from './drafts';
