import { createHash, randomBytes } from 'node:crypto';

/**
 * A random token (256 bits, base64url) with an optional readable prefix, e.g. `pt_3f9a…` for API tokens.
 * @example newSecretToken('pt_')
 */
export function newSecretToken(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/**
 * The SHA-256 of a token, hex: what the database stores instead of the token itself.
 * @example hashToken(token)
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
