import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// Passwords of users' databases are kept encrypted at rest with AES-256-GCM: a random 12-byte IV per value, the
// 16-byte authentication tag, and the connection's id as additional authenticated data, so a value copied into
// another connection's row does not decrypt. Stored as `v1:<iv>:<tag>:<ciphertext>`, each part base64url.

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** Thrown when a stored value cannot be decrypted: the key changed, or the value was damaged or moved. */
export class UnreadableSecretError extends Error {
  constructor(reason: string) {
    super(`The stored password cannot be decrypted (${reason}).`);
    this.name = 'UnreadableSecretError';
  }
}

function checkKey(key: Buffer): void {
  if (key.length !== KEY_BYTES)
    throw new Error(`The encryption key must be ${KEY_BYTES} bytes, not ${key.length}.`);
}

const additionalData = (context: string) => Buffer.from(`projecttwin:${context}`, 'utf8');

/**
 * Encrypts `plaintext` with AES-256-GCM under `key`, bound to `context` (the connection id).
 * @example const stored = encryptSecret(key, 's3cret', connectionId) // 'v1:…:…:…'
 */
export function encryptSecret(key: Buffer, plaintext: string, context: string): string {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv, tag, ciphertext]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join(':');
}

/**
 * Decrypts a value made by `encryptSecret` with the same key and context; throws `UnreadableSecretError` when
 * that is impossible (another key, another context, a damaged value).
 * @example const password = decryptSecret(key, row.passwordEncrypted, row.id)
 */
export function decryptSecret(key: Buffer, stored: string, context: string): string {
  checkKey(key);
  const parts = stored.split(':');
  if (parts.length !== 4 || parts[0] !== VERSION) throw new UnreadableSecretError('unknown format');
  const [iv, tag, ciphertext] = parts.slice(1).map((p) => Buffer.from(p, 'base64url'));
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new UnreadableSecretError('damaged value');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(additionalData(context));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new UnreadableSecretError('the key has changed or the value was altered');
  }
}
