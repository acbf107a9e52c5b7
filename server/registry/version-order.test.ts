import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/api-error';
import { assertNewerThanAll, newestFirst, parseVersion } from './version-order';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof ApiError ? error.code : 'not an ApiError';
  }
  return undefined;
}

describe('version order', () => {
  it('splits a version into the parts the database orders by', () => {
    expect(parseVersion('1.10.0-beta.2')).toEqual({
      version: '1.10.0-beta.2',
      major: 1,
      minor: 10,
      patch: 0,
      prerelease: 'beta.2',
    });
    expect(parseVersion('2.0.0+build.7')).toMatchObject({ major: 2, prerelease: '' });
  });

  it.each(['1.0', 'v1.0.0', '01.0.0', ' 1.0.0', '1.0.0 ', 'latest', ''])('refuses "%s"', (text) => {
    expect(codeOf(() => parseVersion(text))).toBe('invalid_version');
  });

  it('orders by semantic-version precedence, not as text', () => {
    expect(
      newestFirst(['1.9.0', '1.10.0', '1.10.0-rc.1', '1.10.0-beta.10', '1.10.0-beta.9', '0.9.0']),
    ).toEqual(['1.10.0', '1.10.0-rc.1', '1.10.0-beta.10', '1.10.0-beta.9', '1.9.0', '0.9.0']);
  });

  it('accepts only a version greater than every published one', () => {
    expect(codeOf(() => assertNewerThanAll('1.10.0', ['1.9.0', '1.2.0'], 'x'))).toBeUndefined();
    expect(codeOf(() => assertNewerThanAll('2.0.0-beta.1', ['1.9.0'], 'x'))).toBeUndefined();
    expect(codeOf(() => assertNewerThanAll('1.0.0', ['1.0.0-rc.1'], 'x'))).toBeUndefined();
    expect(codeOf(() => assertNewerThanAll('1.9.0', ['1.10.0'], 'x'))).toBe('version_not_greater');
    expect(codeOf(() => assertNewerThanAll('1.0.0-rc.1', ['1.0.0'], 'x'))).toBe('version_not_greater');
    expect(codeOf(() => assertNewerThanAll('1.0.0', ['1.0.0'], 'x'))).toBe('version_exists');
    expect(codeOf(() => assertNewerThanAll('1.0.0+b', ['1.0.0+a'], 'x'))).toBe('version_exists');
  });

  it('names the latest version when refusing a lower one', () => {
    try {
      assertNewerThanAll('1.2.0', ['1.3.0', '1.10.0'], 'blueprint "pumps"');
    } catch (error) {
      expect((error as ApiError).message).toMatch(
        /not newer than 1\.10\.0, the latest version of the blueprint "pumps"/,
      );
      expect((error as ApiError).details).toEqual({ latest: '1.10.0' });
    }
  });
});
