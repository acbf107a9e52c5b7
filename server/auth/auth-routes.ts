import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { and, desc, eq } from 'drizzle-orm';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { Context } from 'hono';
import type { AppEnv, AuthUser } from '../app-env';
import { apiTokens, sessions, users } from '../db/schema/index';
import { ApiError } from '../http/api-error';
import { errorResponses, jsonBody, jsonResponse } from '../http/openapi-common';
import {
  ApiTokenSchema,
  CreatedTokenSchema,
  LoginSchema,
  NewTokenSchema,
  SessionSchema,
  SignupSchema,
} from './auth-schemas';
import { requireUser, SESSION_COOKIE } from './authenticate';
import { hashPassword, verifyPassword } from './passwords';
import { hashToken, newSecretToken } from './secret-tokens';

const SESSION_DAYS = 30;
// A real hash of a random password, so that a login for an unknown email costs as much as a wrong password.
const DUMMY_HASH = hashPassword(newSecretToken());

async function startSession(c: Context<AppEnv>, user: AuthUser) {
  const token = newSecretToken();
  const csrfToken = newSecretToken();
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await c.var.deps.database.db
    .insert(sessions)
    .values({ tokenHash: hashToken(token), userId: user.id, csrfToken, expiresAt });
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: c.var.deps.config.secureCookies,
    maxAge: SESSION_DAYS * 86_400,
  });
  return { user, csrfToken };
}

const signup = createRoute({
  method: 'post',
  path: '/api/auth/signup',
  tags: ['accounts'],
  summary: 'Create an account and log in',
  request: jsonBody(SignupSchema),
  responses: {
    201: jsonResponse(SessionSchema, 'Signed up and logged in'),
    ...errorResponses(400, 409, 413),
  },
});

const login = createRoute({
  method: 'post',
  path: '/api/auth/login',
  tags: ['accounts'],
  summary: 'Log in with email and password',
  request: jsonBody(LoginSchema),
  responses: { 200: jsonResponse(SessionSchema, 'Logged in'), ...errorResponses(400, 401) },
});

const logout = createRoute({
  method: 'post',
  path: '/api/auth/logout',
  tags: ['accounts'],
  summary: 'Log out (ends this browser session)',
  responses: { 204: { description: 'Logged out' }, ...errorResponses(403) },
});

const me = createRoute({
  method: 'get',
  path: '/api/auth/me',
  tags: ['accounts'],
  summary: 'Who is logged in',
  responses: {
    200: jsonResponse(
      z.object({ user: SessionSchema.shape.user, csrfToken: z.string().nullable() }),
      'The user',
    ),
    ...errorResponses(401),
  },
});

const createToken = createRoute({
  method: 'post',
  path: '/api/auth/tokens',
  tags: ['accounts'],
  summary: 'Create an API token (for the CLI); the token is shown once',
  request: jsonBody(NewTokenSchema),
  responses: { 201: jsonResponse(CreatedTokenSchema, 'The new token'), ...errorResponses(400, 401, 403) },
});

const listTokens = createRoute({
  method: 'get',
  path: '/api/auth/tokens',
  tags: ['accounts'],
  summary: 'List my API tokens (never the tokens themselves)',
  responses: {
    200: jsonResponse(z.object({ tokens: z.array(ApiTokenSchema) }), 'My tokens'),
    ...errorResponses(401),
  },
});

const deleteToken = createRoute({
  method: 'delete',
  path: '/api/auth/tokens/{id}',
  tags: ['accounts'],
  summary: 'Delete one of my API tokens',
  request: { params: z.object({ id: z.string().uuid() }) },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(400, 401, 403, 404) },
});

function tokenView(row: typeof apiTokens.$inferSelect) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

/**
 * Accounts: sign up, log in, log out, who am I, and API tokens.
 * @example app.route('/', authRoutes())
 */
export function authRoutes() {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(signup, async (c) => {
    const body = c.req.valid('json');
    const { db } = c.var.deps.database;
    const admins = (process.env.PROJECTTWIN_ADMIN_EMAILS ?? '')
      .toLowerCase()
      .split(',')
      .map((s) => s.trim());
    const passwordHash = await hashPassword(body.password);
    const inserted = await db
      .insert(users)
      .values({
        email: body.email,
        name: body.name,
        passwordHash,
        role: admins.includes(body.email) ? 'admin' : 'user',
      })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id, email: users.email, name: users.name, role: users.role });
    if (inserted.length === 0) {
      throw new ApiError(409, 'email_taken', 'An account with this email already exists; log in instead.');
    }
    return c.json(await startSession(c, inserted[0]), 201);
  });

  app.openapi(login, async (c) => {
    const { email, password } = c.req.valid('json');
    const { db } = c.var.deps.database;
    const [row] = await db.select().from(users).where(eq(users.email, email));
    const ok = await verifyPassword(password, row?.passwordHash ?? (await DUMMY_HASH));
    if (!row || !ok)
      throw new ApiError(401, 'invalid_credentials', 'The email or the password is not right.');
    return c.json(
      await startSession(c, { id: row.id, email: row.email, name: row.name, role: row.role }),
      200,
    );
  });

  app.openapi(logout, async (c) => {
    const token = c.req.raw.headers.get('cookie')?.match(/(?:^|;\s*)pt_session=([^;]+)/)?.[1];
    if (token) await c.var.deps.database.db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  app.openapi(me, async (c) => {
    const user = requireUser(c.var.user);
    return c.json({ user, csrfToken: c.var.csrfToken }, 200);
  });

  app.openapi(createToken, async (c) => {
    const user = requireUser(c.var.user);
    const { name } = c.req.valid('json');
    const token = newSecretToken('pt_');
    const [row] = await c.var.deps.database.db
      .insert(apiTokens)
      .values({ userId: user.id, name, tokenHash: hashToken(token), prefix: token.slice(0, 10) })
      .returning();
    return c.json({ ...tokenView(row), token }, 201);
  });

  app.openapi(listTokens, async (c) => {
    const user = requireUser(c.var.user);
    const rows = await c.var.deps.database.db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.userId, user.id))
      .orderBy(desc(apiTokens.createdAt));
    return c.json({ tokens: rows.map(tokenView) }, 200);
  });

  app.openapi(deleteToken, async (c) => {
    const user = requireUser(c.var.user);
    const { id } = c.req.valid('param');
    const deleted = await c.var.deps.database.db
      .delete(apiTokens)
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, user.id)))
      .returning({ id: apiTokens.id });
    if (deleted.length === 0) throw new ApiError(404, 'not_found', 'You have no API token with this id.');
    return c.body(null, 204);
  });

  return app;
}
