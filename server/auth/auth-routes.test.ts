import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

describe('accounts', () => {
  it('signs up, knows who is logged in, and sets an HttpOnly SameSite session cookie', async () => {
    const response = await t.as(null).request('POST', '/api/auth/signup', {
      email: ' Grace@Example.com ',
      password: 'a long passphrase',
      name: 'Grace',
    });
    expect(response.status).toBe(201);
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^pt_session=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const body = (await response.json()) as { user: { email: string; role: string }; csrfToken: string };
    expect(body.user).toMatchObject({ email: 'grace@example.com', role: 'user' });
    const me = await t.app.request('/api/auth/me', { headers: { cookie: cookie.split(';')[0] } });
    expect(await me.json()).toMatchObject({
      user: { email: 'grace@example.com' },
      csrfToken: body.csrfToken,
    });
  });

  it('stores only a scrypt hash of the password', async () => {
    const rows = await t.database.sql`select password_hash from users where email = 'grace@example.com'`;
    expect(rows[0].password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(rows[0].password_hash).not.toContain('passphrase');
  });

  it('refuses a second account with the same email, and leaves the first intact', async () => {
    const response = await t.as(null).request('POST', '/api/auth/signup', {
      email: 'grace@example.com',
      password: 'another passphrase',
      name: 'Impostor',
    });
    expect(response.status).toBe(409);
    expect(await errorOf(response)).toMatchObject({ code: 'email_taken' });
    const rows = await t.database.sql`select name from users where email = 'grace@example.com'`;
    expect(rows.map((r) => r.name)).toEqual(['Grace']);
  });

  it.each([
    [{ email: 'not-an-email', password: 'long enough pw', name: 'X' }, /"email" is not a valid email/],
    [{ email: 'x@example.com', password: 'short', name: 'X' }, /"password" is too short \(at least 10/],
    [{ email: 'x@example.com', password: 'long enough pw', name: 'X', admin: true }, /not expected: "admin"/],
    [{ email: 'x@example.com', password: 42, name: 'X' }, /"password" should be text/],
    [{ email: 'x@example.com', password: 'long enough pw' }, /"name" is missing/],
  ])('explains a bad signup %j', async (body, message) => {
    const before = await t.database.sql`select count(*)::int as n from users`;
    const response = await t.as(null).request('POST', '/api/auth/signup', body);
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('invalid_request');
    expect(error.message).toMatch(message);
    const after = await t.database.sql`select count(*)::int as n from users`;
    expect(after[0].n).toBe(before[0].n);
  });

  it('answers malformed JSON and oversized bodies with plain errors', async () => {
    const malformed = await t.as(null).request('POST', '/api/auth/login', '{"email": "a@b.c",');
    expect(malformed.status).toBe(400);
    expect(await errorOf(malformed)).toMatchObject({ code: 'malformed_json' });
    const huge = await t
      .as(null)
      .request('POST', '/api/auth/login', { email: 'a@b.c', password: 'x'.repeat(300 * 1024) });
    expect(huge.status).toBe(413);
    expect(await errorOf(huge)).toMatchObject({ code: 'payload_too_large' });
  });

  it('logs in with the right password only, with the same answer for an unknown email', async () => {
    const wrong = await t
      .as(null)
      .request('POST', '/api/auth/login', { email: 'grace@example.com', password: 'nope nope nope' });
    const unknown = await t
      .as(null)
      .request('POST', '/api/auth/login', { email: 'nobody@example.com', password: 'nope nope nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await errorOf(wrong)).toEqual(await errorOf(unknown));
    const right = await t
      .as(null)
      .request('POST', '/api/auth/login', { email: 'GRACE@example.com', password: 'a long passphrase' });
    expect(right.status).toBe(200);
  });

  it('requires the CSRF token for changes made with a session cookie', async () => {
    const ada = await t.signup('ada');
    const without = await t.app.request('/api/auth/tokens', {
      method: 'POST',
      headers: { cookie: ada.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'cli' }),
    });
    expect(without.status).toBe(403);
    expect(await errorOf(without)).toMatchObject({ code: 'csrf_failed' });
    const tokens = await t.database.sql`select count(*)::int as n from api_tokens where user_id = ${ada.id}`;
    expect(tokens[0].n).toBe(0);
  });

  it('creates API tokens shown once, stored hashed, usable as bearer, and deletable', async () => {
    const ada = await t.signup('ada2');
    const created = await t.as(ada).request('POST', '/api/auth/tokens', { name: 'laptop' });
    expect(created.status).toBe(201);
    const { token, id, prefix } = (await created.json()) as { token: string; id: string; prefix: string };
    expect(token).toMatch(/^pt_/);
    expect(token.startsWith(prefix)).toBe(true);
    const stored = await t.database.sql`select token_hash from api_tokens where id = ${id}`;
    expect(stored[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0].token_hash).not.toBe(token);
    const me = await t.withToken(token).request('GET', '/api/auth/me');
    expect(await me.json()).toMatchObject({ user: { id: ada.id }, csrfToken: null });
    const list = await t.as(ada).request('GET', '/api/auth/tokens');
    const listed = (await list.json()) as { tokens: Record<string, unknown>[] };
    expect(listed.tokens).toHaveLength(1);
    expect(listed.tokens[0]).not.toHaveProperty('token');
    const other = await t.signup('eve');
    expect((await t.as(other).request('DELETE', `/api/auth/tokens/${id}`)).status).toBe(404);
    expect((await t.as(ada).request('DELETE', `/api/auth/tokens/${id}`)).status).toBe(204);
    const after = await t.withToken(token).request('GET', '/api/auth/me');
    expect(after.status).toBe(401);
    expect(await errorOf(after)).toMatchObject({ code: 'invalid_token' });
  });

  it('logs out: the session cookie stops working', async () => {
    const bob = await t.signup('bob');
    expect((await t.as(bob).request('POST', '/api/auth/logout')).status).toBe(204);
    expect((await t.as(bob).request('GET', '/api/auth/me')).status).toBe(401);
  });

  it('never leaks a stack trace, and answers unknown paths with JSON', async () => {
    const response = await t.as(null).request('GET', '/api/nothing-here');
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toMatchObject({ code: 'not_found' });
  });

  it('serves an OpenAPI document generated from the routes', async () => {
    const doc = (await (await t.as(null).request('GET', '/api/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/signup',
        '/api/auth/tokens/{id}',
        '/api/twins/{id}/inputs/{input}/shape',
      ]),
    );
    expect(doc.paths['/api/auth/signup']).toHaveProperty('post.requestBody');
  });
});
