export { apiTokens, roleEnum, sessions, users } from './accounts';
export {
  artifacts,
  registryDependencies,
  registryEntries,
  registryKindEnum,
  registryVersions,
} from './registry';
export { shareLinks, twins, visibilityEnum } from './twins';
