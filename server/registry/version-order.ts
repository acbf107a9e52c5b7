import semver from 'semver';
import { ApiError } from '../http/api-error';

/** A version split into the parts the database orders by. */
export interface VersionParts {
  version: string;
  major: number;
  minor: number;
  patch: number;
  /** The pre-release identifiers joined by dots (`beta.1`), or '' for a release. */
  prerelease: string;
}

/**
 * Parses a strict semantic version (no leading `v`, no spaces) into its parts; a 400 `invalid_version`
 * otherwise.
 * @example parseVersion('1.10.0-beta.2') // { version: '1.10.0-beta.2', major: 1, minor: 10, patch: 0, prerelease: 'beta.2' }
 */
export function parseVersion(text: string): VersionParts {
  const parsed = semver.parse(text);
  if (!parsed || parsed.raw !== text || parsed.version !== text.split('+')[0]) {
    throw new ApiError(
      400,
      'invalid_version',
      `"${text}" is not a version number; write MAJOR.MINOR.PATCH, e.g. 1.0.0 or 2.1.0-beta.1.`,
    );
  }
  return {
    version: text,
    major: parsed.major,
    minor: parsed.minor,
    patch: parsed.patch,
    prerelease: parsed.prerelease.join('.'),
  };
}

/**
 * Versions newest first, by semantic-version precedence (1.10.0 before 1.9.0, 2.0.0 before 2.0.0-rc.1).
 * @example newestFirst(['1.9.0', '1.10.0', '1.10.0-rc.1']) // ['1.10.0', '1.10.0-rc.1', '1.9.0']
 */
export function newestFirst<T extends string | { version: string }>(items: readonly T[]): T[] {
  const versionOf = (item: T) => (typeof item === 'string' ? item : item.version);
  return [...items].sort((a, b) => semver.rcompare(versionOf(a), versionOf(b)));
}

/**
 * Refuses a version that already exists (409 `version_exists`) or is not greater than every published
 * version (409 `version_not_greater`, naming the latest).
 * @example assertNewerThanAll('1.2.0', ['1.0.0', '1.1.0'], 'blueprint "pumps"')
 */
export function assertNewerThanAll(version: string, existing: readonly string[], label: string): void {
  const same = existing.find((v) => semver.eq(v, version));
  if (same !== undefined) {
    throw new ApiError(
      409,
      'version_exists',
      `Version ${version} of the ${label} is already published, and published versions never change; publish it under a new version number.`,
      { version: same },
    );
  }
  const latest = newestFirst(existing)[0];
  if (latest !== undefined && !semver.gt(version, latest)) {
    throw new ApiError(
      409,
      'version_not_greater',
      `Version ${version} is not newer than ${latest}, the latest version of the ${label}; a new version must be greater than every published one.`,
      { latest },
    );
  }
}
