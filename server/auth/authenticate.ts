import { and, eq, gt, isNull, lt, or } from 'drizzle-orm';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv, AuthUser } from '../app-env';
import { apiTokens, sessions, users } from '../db/schema/index';
import { ApiError } from '../http/api-error';
import { hashToken } from './secret-tokens';

export const SESSION_COOKIE = 'pt_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Works out who is calling: an API token (`Authorization: Bearer pt_...`) or a session cookie. A request
 * that changes something with a session cookie must echo the session's CSRF token in `X-CSRF-Token`
 * (API tokens are not ambient, so they need none).
 * @example app.use('/api/*', authenticate())
 */
export function authenticate() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const { db } = c.var.deps.database;
    c.set('user', null);
    c.set('via', null);
    c.set('csrfToken', null);
    const header = c.req.header('authorization');
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match)
        throw new ApiError(401, 'invalid_token', 'The Authorization header must be "Bearer <API token>".');
      const [row] = await db
        .select({
          id: users.id,
          email: users.email,
          name: users.name,
          role: users.role,
          tokenId: apiTokens.id,
        })
        .from(apiTokens)
        .innerJoin(users, eq(users.id, apiTokens.userId))
        .where(eq(apiTokens.tokenHash, hashToken(match[1])));
      if (!row)
        throw new ApiError(
          401,
          'invalid_token',
          'This API token is not valid (it may have been deleted); create a new one.',
        );
      const { tokenId, ...user } = row;
      c.set('user', user satisfies AuthUser);
      c.set('via', 'token');
      // At most one write a minute per token: ingestion may call many times a second with the same token.
      void db
        .update(apiTokens)
        .set({ lastUsedAt: new Date() })
        .where(
          and(
            eq(apiTokens.id, tokenId),
            or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(Date.now() - 60_000))),
          ),
        )
        .catch(() => {});
      return next();
    }
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const [row] = await db
        .select({
          id: users.id,
          email: users.email,
          name: users.name,
          role: users.role,
          csrfToken: sessions.csrfToken,
        })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.tokenHash, hashToken(token)), gt(sessions.expiresAt, new Date())));
      if (row) {
        const { csrfToken, ...user } = row;
        c.set('user', user);
        c.set('via', 'session');
        c.set('csrfToken', csrfToken);
        if (!SAFE_METHODS.has(c.req.method) && c.req.header(CSRF_HEADER) !== csrfToken) {
          throw new ApiError(
            403,
            'csrf_failed',
            "This request did not come with the page's security token; reload the page and try again.",
          );
        }
      }
    }
    return next();
  });
}

/**
 * The signed-in user, or a 401 error.
 * @example const user = requireUser(c.var.user)
 */
export function requireUser(user: AuthUser | null): AuthUser {
  if (!user) throw new ApiError(401, 'unauthorized', 'Log in first: this needs an account.');
  return user;
}

/** True when the user may manage something owned by `ownerId` (its owner, or an administrator). */
export function canManage(user: AuthUser | null, ownerId: string): boolean {
  return !!user && (user.id === ownerId || user.role === 'admin');
}
