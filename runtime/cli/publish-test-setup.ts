// Test helper (not a test): a real server with the built-in node types, a user `ada`, and a CLI home logged in
// as her, shared by the publish tests.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedBuiltins } from '../../server/seed/seed-builtins';
import { createTestApp, type TestApp, type TestUser } from '../../server/test-support/test-app';
import {
  cliHome,
  loginWithPassword,
  removeFixtureFiles,
  serveOnFreePort,
  type RunningServer,
} from './test-support';

/** Everything a publish test works with. */
export interface PublishSetup {
  t: TestApp;
  server: RunningServer;
  ada: TestUser;
  url: string;
  /** A temporary folder for the files to publish. */
  dir: string;
  home: Awaited<ReturnType<typeof cliHome>>;
}

/**
 * Starts the server, signs ada up and logs the CLI in as her.
 * @example beforeAll(async () => ({ t, server, ada, url, dir, home } = await startPublishSetup('projecttwin-cli-publish-')))
 */
export async function startPublishSetup(dirPrefix: string): Promise<PublishSetup> {
  const t = await createTestApp();
  await seedBuiltins(t.database);
  const ada = await t.signup('ada');
  const server = await serveOnFreePort(t.app.fetch);
  const dir = await mkdtemp(join(tmpdir(), dirPrefix));
  const home = await cliHome();
  await loginWithPassword(server.url, ada.email, 'ada-password-123', home.env, dir);
  return { t, server, ada, url: server.url, dir, home };
}

/**
 * Stops what startPublishSetup started and removes its files (each part only if it was made).
 * @example afterAll(() => stopPublishSetup(setup))
 */
export async function stopPublishSetup(setup: Partial<PublishSetup>): Promise<void> {
  await setup.server?.close();
  await setup.t?.close();
  if (setup.dir) await removeFixtureFiles(setup.dir);
  if (setup.home) await removeFixtureFiles(setup.home.dir);
}

/**
 * The status and JSON body of a GET on the API, as anyone.
 * @example const { status, body } = await getJson(t, '/api/blueprints/pumps')
 */
export async function getJson(t: TestApp, path: string) {
  const response = await t.as(null).request('GET', path);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, body: (await response.json()) as any };
}
