import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../app';
import type { ServerConfig } from '../config';
import type { Database } from '../db/database';
import { createTestDatabase } from './test-database';

/** A signed-in test user: cookie and CSRF token for browser-like calls, or an API token. */
export interface TestUser {
  id: string;
  email: string;
  cookie: string;
  csrfToken: string;
}

/** Calls the app like a browser (session cookie + CSRF header) or like the CLI (bearer token). */
export interface TestClient {
  request(method: string, path: string, body?: unknown, init?: RequestInit): Promise<Response>;
}

export interface TestApp {
  app: App;
  database: Database;
  config: ServerConfig;
  /** Signs up a new user (name and email derived from `label`) and returns its session. */
  signup(label: string): Promise<TestUser>;
  /** A client acting as `user` (or anonymous when null). */
  as(user: TestUser | null): TestClient;
  /** A client sending `Authorization: Bearer <token>`. */
  withToken(token: string): TestClient;
  close(): Promise<void>;
}

function client(app: App, headers: Record<string, string>): TestClient {
  return {
    request(method, path, body, init = {}) {
      const h = new Headers(init.headers);
      for (const [k, v] of Object.entries(headers)) h.set(k, v);
      let payload = init.body;
      if (body !== undefined) {
        h.set('content-type', 'application/json');
        payload = typeof body === 'string' ? body : JSON.stringify(body);
      }
      return Promise.resolve(app.request(path, { ...init, method, headers: h, body: payload }));
    },
  };
}

/**
 * A server configuration for tests: loopback, small body limits, a fixed sync secret, the given data directory.
 * @example const config = testConfig(mkdtempSync(join(tmpdir(), 'x-')), { maxArtifactBytes: 1024 })
 */
export function testConfig(dataDir: string, overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    maxBodyBytes: 256 * 1024,
    maxArtifactBytes: 5 * 1024 * 1024,
    syncSecret: 'test-sync-secret',
    secureCookies: false,
    publicUrl: 'http://localhost:8787',
    ...overrides,
  };
}

/**
 * The API app on a fresh database of its own, with helpers to act as different users.
 * @example const t = await createTestApp(); const ada = await t.signup('ada'); await t.as(ada).request('GET', '/api/auth/me')
 */
export async function createTestApp(overrides: Partial<ServerConfig> = {}): Promise<TestApp> {
  const { database, drop } = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'projecttwin-test-data-'));
  const config = testConfig(dataDir, overrides);
  const app = createApp({ config, database });
  return {
    app,
    database,
    config,
    async signup(label) {
      const email = `${label}@example.com`;
      const response = await app.request('/api/auth/signup', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: `${label}-password-123`, name: label }),
      });
      if (response.status !== 201)
        throw new Error(`signup failed: ${response.status} ${await response.text()}`);
      const { user, csrfToken } = (await response.json()) as { user: { id: string }; csrfToken: string };
      const cookie = response.headers.get('set-cookie')!.split(';')[0];
      return { id: user.id, email, cookie, csrfToken };
    },
    as(user) {
      return client(app, user ? { cookie: user.cookie, 'x-csrf-token': user.csrfToken } : {});
    },
    withToken(token) {
      return client(app, { authorization: `Bearer ${token}` });
    },
    async close() {
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
