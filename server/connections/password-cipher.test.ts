import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkConnectionEnv, parseSecretKey, readConnectionSettings } from './connection-settings';
import { decryptSecret, encryptSecret, UnreadableSecretError } from './password-cipher';

const key = randomBytes(32);
const id = '3f2a9c1e-77b0-4c1d-9e2f-0a1b2c3d4e5f';

describe('encryptSecret / decryptSecret', () => {
  it('round-trips, in the v1:<iv>:<tag>:<ciphertext> form, with a fresh IV each time', () => {
    const a = encryptSecret(key, 'pässwörd 🔑', id);
    const b = encryptSecret(key, 'pässwörd 🔑', id);
    expect(a).toMatch(/^v1:[\w-]{16}:[\w-]{22}:[\w-]+$/);
    expect(a).not.toBe(b);
    expect(Buffer.from(a.split(':')[1], 'base64url')).toHaveLength(12);
    expect(decryptSecret(key, a, id)).toBe('pässwörd 🔑');
    expect(decryptSecret(key, b, id)).toBe('pässwörd 🔑');
    expect(a).not.toContain('pässwörd');
  });

  it('round-trips an empty password', () => {
    expect(decryptSecret(key, encryptSecret(key, '', id), id)).toBe('');
  });

  it('refuses another key, another connection, a damaged value and an unknown format', () => {
    const stored = encryptSecret(key, 'secret', id);
    expect(() => decryptSecret(randomBytes(32), stored, id)).toThrow(UnreadableSecretError);
    expect(() => decryptSecret(key, stored, 'another-connection')).toThrow(UnreadableSecretError);
    const parts = stored.split(':');
    const flipped = Buffer.from(parts[3], 'base64url');
    flipped[0] ^= 1;
    expect(() =>
      decryptSecret(key, [...parts.slice(0, 3), flipped.toString('base64url')].join(':'), id),
    ).toThrow(UnreadableSecretError);
    expect(() => decryptSecret(key, 'secret', id)).toThrow(UnreadableSecretError);
    expect(() => decryptSecret(key, stored.replace('v1:', 'v9:'), id)).toThrow(UnreadableSecretError);
  });
});

describe('the secret key', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('reads PROJECTTWIN_SECRET_KEY as 32 bytes of base64 or base64url', () => {
    const raw = randomBytes(32);
    expect(parseSecretKey(raw.toString('base64'))).toEqual(raw);
    expect(parseSecretKey(` ${raw.toString('base64url')}\n`)).toEqual(raw);
  });

  it('refuses a key of the wrong size or not in base64, with a plain message', () => {
    expect(() => parseSecretKey(randomBytes(16).toString('base64'))).toThrow(
      /32 random bytes.*decodes to 16 bytes/,
    );
    expect(() => parseSecretKey('not base64 at all!')).toThrow(/is not base64/);
    expect(() => checkConnectionEnv({ PROJECTTWIN_SECRET_KEY: 'short' })).toThrow(/PROJECTTWIN_SECRET_KEY/);
  });

  it('generates a key once into <dataDir>/secret-key (mode 0600) when the variable is unset', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pt-key-'));
    dirs.push(dir);
    const first = readConnectionSettings({}, dir).secretKey;
    const file = join(dir, 'secret-key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url')).toEqual(first);
    expect(readConnectionSettings({}, dir).secretKey).toEqual(first);
  });

  it('prefers PROJECTTWIN_SECRET_KEY over the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pt-key-'));
    dirs.push(dir);
    const raw = randomBytes(32);
    expect(readConnectionSettings({ PROJECTTWIN_SECRET_KEY: raw.toString('base64') }, dir).secretKey).toEqual(
      raw,
    );
  });
});
