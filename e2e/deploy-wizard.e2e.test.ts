import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { scratchDatabase, serverOf, type ScratchDatabase } from '../server/connections/test-target';
import { ARTIFACTS, launchBrowser } from './browser';
import { signUpThroughApi, type ApiUser } from './support/api-as-user';
import { startPlatformUnderTest, type PlatformUnderTest } from './support/platform-under-test';

const root = fileURLToPath(new URL('..', import.meta.url));

/** A published blueprint whose column names differ from those of the file the user uploads. */
const blueprint = {
  schemaVersion: 1,
  name: 'oven-temperatures',
  version: '1.0.0',
  title: 'Oven temperatures',
  description: 'Watch the temperature of each production line.',
  usages: ['monitor'],
  inputs: {
    readings: {
      kind: 'table',
      title: 'Temperature readings',
      columns: {
        id: { type: 'int8', role: 'key' },
        line: { type: 'text', role: 'entity' },
        ts: { type: 'timestamptz', role: 'time' },
        temp: { type: 'float8', unit: 'degC', role: 'measure' },
      },
      primaryKey: ['id'],
    },
  },
  nodes: [
    { id: 'readings', type: 'core/source.table@^1', title: 'Readings source', config: { input: 'readings' } },
    {
      id: 'latest',
      type: 'core/kpi@^1',
      title: 'Latest temperature',
      config: { label: 'Latest temperature', value: 'temp', aggregate: 'last', time: 'ts', unit: 'degC' },
    },
    {
      id: 'rows',
      type: 'core/table@^1',
      title: 'All readings',
      config: { columns: ['id', 'line', 'ts', 'temp'], sortBy: 'id', descending: true },
    },
  ],
  edges: [
    { from: 'readings.rows', to: 'latest.rows' },
    { from: 'readings.rows', to: 'rows.rows' },
  ],
};

// Headers a spreadsheet would export: the server turns them into operator, line_name, recorded_at, humidity,
// temperature_c; none but the generated id is named as the blueprint names it.
const CSV = [
  'Operator,Line Name,Recorded At,Humidity (%),Temperature (°C)',
  'Ana,L1,2026-01-01 08:00:00Z,41.5,61.5',
  'Ana,L1,2026-01-01 08:01:00Z,41.0,62.25',
  'Ben,L2,2026-01-01 08:00:00Z,39.5,58.75',
  'Ben,L2,2026-01-01 08:01:00Z,40.0,59.5',
].join('\n');

let pt: PlatformUnderTest;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let owner: ApiUser;
let workDir: string;
let shareToken: string;
let revokedToken: string;
let twinId: string;
/** A database of its own on the test server, standing in for the user's PostgreSQL. */
let scratch: ScratchDatabase | undefined;
const pageErrors: string[] = [];

beforeAll(async () => {
  // Build the harness pages (editor/harness/*.html) too: the wizard is mounted through deploy.html.
  process.env.PROJECTTWIN_HARNESS = '1';
  pt = await startPlatformUnderTest('deploy');
  const harness = readFileSync(join(root, 'dist', 'editor-deploy-e2e', 'harness', 'deploy.html'), 'utf8');
  workDir = mkdtempSync(join(tmpdir(), 'projecttwin-deploy-e2e-'));
  writeFileSync(join(workDir, 'oven-log.csv'), CSV);

  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: pt.url });
  // The platform serves the app's pages; the harness page comes from the same build, on the same origin, so
  // that the session cookie and the API work as in the app.
  await context.route('**/harness/deploy.html*', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: harness }),
  );
  owner = await signUpThroughApi(context.request, pt.url, {
    email: 'olga@example.com',
    password: 'olga-password-123',
    name: 'Olga',
  });
  const published = await owner.call('POST', `/api/blueprints/${blueprint.name}/versions`, blueprint);
  expect(published.status, JSON.stringify(published.body)).toBe(201);
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await pt?.stop();
  if (scratch) {
    // The connection's replication slot lives in the scratch database: it goes first, or the drop is refused.
    await scratch.sql`select pg_drop_replication_slot(slot_name) from pg_replication_slots
      where database = ${scratch.name} and not active`;
    await scratch.drop();
  }
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

describe('the deploy wizard in Chromium', { timeout: 120_000 }, () => {
  it('step 1: uploads a CSV, shows the server’s reading of it, lists refused lines, and creates the table', async () => {
    await page.goto(`${pt.url}/harness/deploy.html?name=${blueprint.name}&version=1.0.0`);
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 30_000 }).toBe('Oven temperatures');
    expect(await page.getByRole('heading', { name: 'Step 1 of 4: Choose the data' }).count()).toBe(1);

    // Going on without data is refused in plain words.
    await page.getByRole('button', { name: 'Next: Match the columns' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Choose the data for “Temperature readings”.');

    await page.getByRole('radio', { name: /Upload a CSV file/ }).check();
    await page
      .getByLabel('CSV file with the data for “Temperature readings”')
      .setInputFiles(join(workDir, 'oven-log.csv'));
    const columns = page.getByRole('table', { name: 'Columns found in oven-log.csv' });
    await expect.poll(() => columns.count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByLabel('Type of column recorded_at').inputValue()).toBe('timestamptz');
    expect(await page.getByLabel('Type of column temperature_c').inputValue()).toBe('float8');
    expect(await page.getByLabel('Type of column line_name').inputValue()).toBe('text');
    await page.screenshot({ path: `${ARTIFACTS}deploy-csv-preview.png`, fullPage: true });

    // A type that does not fit: the server refuses the import and names the lines.
    await page.getByLabel('Type of column operator').selectOption('int8');
    await page.getByRole('button', { name: 'Create the table' }).click();
    const refused = page.getByRole('list', { name: 'Lines the server refused' });
    await expect.poll(() => refused.count(), { timeout: 30_000 }).toBe(1);
    expect(await refused.textContent()).toMatch(/Line 2, column operator/);
    await page.screenshot({ path: `${ARTIFACTS}deploy-csv-refused.png`, fullPage: true });

    await page.getByLabel('Type of column operator').selectOption('text');
    await page.getByLabel('Name of the new table').fill('Oven log');
    await page.getByRole('button', { name: 'Create the table' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Using' }).textContent(), { timeout: 30_000 })
      .toContain('Oven log (uploaded from oven-log.csv, 4 rows)');
    const tables = await owner.call('GET', '/api/ingest/tables');
    expect(tables.body.tables.map((t: { title: string }) => t.title)).toEqual(['Oven log']);
  });

  it('step 2: suggests the right columns by name and type, and refuses a type that does not fit', async () => {
    await page.getByRole('button', { name: 'Next: Match the columns' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Step 2 of 4: Match the columns' }).count())
      .toBe(1);
    const mapping = page.getByRole('table', { name: 'Columns of Temperature readings' });
    const chosen = async (column: string) =>
      mapping.getByRole('combobox', { name: new RegExp(`^${column}\\b`) }).inputValue();
    expect(await chosen('id')).toBe('id');
    expect(await chosen('line')).toBe('line_name');
    expect(await chosen('ts')).toBe('recorded_at');
    expect(await chosen('temp')).toBe('temperature_c');
    expect(await mapping.getByText('required').count()).toBe(4);
    await page.screenshot({ path: `${ARTIFACTS}deploy-mapping.png`, fullPage: true });

    await mapping.getByRole('combobox', { name: /^temp\b/ }).selectOption('operator');
    await expect
      .poll(() => mapping.getByRole('alert').textContent())
      .toBe('“operator” cannot be used. It holds text, but numbers are needed.');
    await page.getByRole('button', { name: 'Next: Preview' }).click();
    await expect
      .poll(() => page.locator('.dw-step > [role="alert"]').textContent())
      .toContain('“Temperature readings”: one column still needs a fitting column of yours.');
    await page.screenshot({ path: `${ARTIFACTS}deploy-mapping-refused.png`, fullPage: true });
    await mapping.getByRole('combobox', { name: /^temp\b/ }).selectOption('temperature_c');
    expect(await mapping.getByRole('alert').count()).toBe(0);
  });

  it('step 3: previews the first rows in the blueprint’s column names', async () => {
    await page.getByRole('button', { name: 'Next: Preview' }).click();
    const preview = page.getByRole('table', { name: 'Preview of Temperature readings' });
    await expect.poll(() => preview.count()).toBe(1);
    const headers = await preview.locator('thead th').allTextContents();
    expect(headers).toEqual([
      'idfrom id',
      'linefrom line_name',
      'tsfrom recorded_at',
      'tempfrom temperature_c',
    ]);
    const firstRow = await preview.locator('tbody tr').first().locator('td').allTextContents();
    expect(firstRow).toEqual(['numbered automatically', 'L1', '2026-01-01 08:00:00Z', '61.5']);
    expect(await preview.locator('tbody tr').count()).toBe(4);
    await page.screenshot({ path: `${ARTIFACTS}deploy-preview.png`, fullPage: true });
  });

  it('step 4: names the twin, refuses an empty name next to the field, deploys, and shares it', async () => {
    await page.getByRole('button', { name: 'Next: Name and deploy' }).click();
    const title = page.getByLabel('Name of your twin');
    expect(await title.inputValue()).toBe('Oven temperatures');
    await title.fill('  ');
    await page.getByRole('button', { name: 'Deploy the twin' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Give the twin a name.');
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    await title.fill('Plant 4 ovens');
    await page.getByRole('radio', { name: /Unlisted/ }).check();
    await page.screenshot({ path: `${ARTIFACTS}deploy-name.png`, fullPage: true });
    await page.getByRole('button', { name: 'Deploy the twin' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 2 }).first().textContent(), { timeout: 30_000 })
      .toBe('Your twin “Plant 4 ovens” is live');
    const open = page.getByRole('link', { name: 'Open my twin' });
    twinId = (await open.getAttribute('href'))!.split('/').pop()!;

    const twin = await owner.call('GET', `/api/twins/${twinId}`);
    expect(twin.body.visibility).toBe('unlisted');
    expect(twin.body.document.bindings.readings).toEqual({
      kind: 'table',
      connection: 'builtin',
      table: 'data.oven_log',
      columns: { id: 'id', line: 'line_name', ts: 'recorded_at', temp: 'temperature_c' },
    });

    const share = page.getByRole('region', { name: 'Share settings' });
    const link = share.getByLabel('Share link', { exact: true });
    await share.getByRole('button', { name: 'Create a share link' }).click();
    await expect.poll(() => link.count(), { timeout: 20_000 }).toBe(1);
    revokedToken = (await link.inputValue()).split('/s/')[1];
    await share.getByRole('button', { name: 'Turn off share links' }).click();
    await expect
      .poll(() => share.getByRole('status').textContent(), { timeout: 20_000 })
      .toContain('Share links turned off');
    expect(await link.count()).toBe(0);
    await share.getByRole('button', { name: 'Create a share link' }).click();
    await expect.poll(() => link.count(), { timeout: 20_000 }).toBe(1);
    const url = await link.inputValue();
    expect(url).toMatch(/\/s\/[\w-]+$/);
    shareToken = url.split('/s/')[1];
    await share.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => share.getByRole('status').textContent()).toContain('Link copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

    await share.getByRole('radio', { name: /Public/ }).click();
    await expect
      .poll(() => share.getByRole('status').textContent(), { timeout: 20_000 })
      .toBe('Saved: the twin is now public.');
    expect((await owner.call('GET', `/api/twins/${twinId}`)).body.visibility).toBe('public');
    await share.getByRole('radio', { name: /Unlisted/ }).click();
    await expect
      .poll(() => share.getByRole('status').textContent(), { timeout: 20_000 })
      .toBe('Saved: the twin is now unlisted.');
    await page.screenshot({ path: `${ARTIFACTS}deploy-shared.png`, fullPage: true });
  });

  it('opens the twin at its own address with the uploaded data in its panels', async () => {
    await page.getByRole('link', { name: 'Open my twin' }).click();
    await expect.poll(() => page.url()).toBe(`${pt.url}/twins/${twinId}`);
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 30_000 }).toBe('Plant 4 ovens');
    await expect
      .poll(() => page.locator('[data-panel="rows"]').textContent(), { timeout: 30_000 })
      .toContain('58.75');
    await expect
      .poll(() => page.locator('[data-panel="latest"]').textContent(), { timeout: 30_000 })
      .toMatch(/\d/);
    await page.screenshot({ path: `${ARTIFACTS}deploy-twin.png` });
  });

  it('the share link, opened logged out, shows the same data read-only', async () => {
    const visitor = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const shared = await visitor.newPage();
    await shared.goto(`${pt.url}/s/${shareToken}`);
    await expect
      .poll(() => shared.locator('[data-panel="rows"]').textContent(), { timeout: 30_000 })
      .toContain('62.25');
    expect(await shared.getByText('Shared view · read-only').count()).toBe(1);
    expect(await shared.getByRole('button', { name: 'Edit layout' }).count()).toBe(0);
    await shared.screenshot({ path: `${ARTIFACTS}deploy-shared-view.png` });

    // The link turned off in the wizard no longer opens the twin.
    await shared.goto(`${pt.url}/s/${revokedToken}`);
    await expect
      .poll(() => shared.getByRole('alert').textContent(), { timeout: 20_000 })
      .toContain('This share link does not work');
    await visitor.close();
  });

  it('says so in plain words when the blueprint version does not exist', async () => {
    await page.goto(`${pt.url}/harness/deploy.html?name=${blueprint.name}&version=9.9.9`);
    await expect
      .poll(() => page.getByRole('alert').textContent(), { timeout: 20_000 })
      .toContain('This blueprint version does not exist');
    await page.screenshot({ path: `${ARTIFACTS}deploy-not-found.png` });
  });

  it('binds a table of the user’s own PostgreSQL: publishes it for streaming, matches, deploys', async () => {
    scratch = await scratchDatabase(serverOf(inject('databaseUrl')));
    await scratch.sql`create table public.oven_readings (reading_id int8 primary key, production_line text,
      measured_at timestamptz not null, temperature_celsius float8, note text)`;
    await scratch.sql`insert into public.oven_readings values
      (1, 'L7', '2026-02-01 09:00:00+00', 70.5, 'ok'), (2, 'L7', '2026-02-01 09:01:00+00', 71.25, 'ok')`;
    const connection = await owner.call('POST', '/api/connections', {
      ...scratch.body(),
      name: 'Plant floor',
    });
    expect(connection.status, JSON.stringify(connection.body)).toBe(201);

    await page.goto(`${pt.url}/harness/deploy.html?name=${blueprint.name}&version=1.0.0`);
    await page.getByRole('radio', { name: /My PostgreSQL database/ }).check({ timeout: 30_000 });
    await page
      .getByLabel('Database', { exact: true })
      .selectOption({ label: `Plant floor (${scratch.name} on ${scratch.server.host})` });
    const tables = page.getByRole('list', { name: 'Tables of Plant floor' });
    const row = tables.getByRole('listitem').filter({ hasText: 'public.oven_readings' });
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain('Not streamed yet');
    expect(await row.getByRole('button', { name: 'Use public.oven_readings' }).isDisabled()).toBe(true);
    await row.getByRole('button', { name: 'Publish public.oven_readings for streaming' }).click();
    await expect
      .poll(() => row.getByRole('status').textContent(), { timeout: 30_000 })
      .toContain('public.oven_readings is now published for streaming.');
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain('Streaming');
    await page.screenshot({ path: `${ARTIFACTS}deploy-connection.png`, fullPage: true });
    await row.getByRole('button', { name: 'Use public.oven_readings' }).click();

    await page.getByRole('button', { name: 'Next: Match the columns' }).click();
    const mapping = page.getByRole('table', { name: 'Columns of Temperature readings' });
    const chosen = (column: string) =>
      mapping.getByRole('combobox', { name: new RegExp(`^${column}\\b`) }).inputValue();
    expect([await chosen('id'), await chosen('line'), await chosen('ts'), await chosen('temp')]).toEqual([
      'reading_id',
      'production_line',
      'measured_at',
      'temperature_celsius',
    ]);
    await page.getByRole('button', { name: 'Next: Preview' }).click();
    // Nothing reads a connection's rows before a twin exists: the step says what will appear instead.
    await expect
      .poll(() => page.getByRole('note').textContent())
      .toContain('No rows can be shown before the twin runs');
    expect(await page.getByRole('note').textContent()).toContain('temp from its column temperature_celsius');
    await page.screenshot({ path: `${ARTIFACTS}deploy-connection-preview.png`, fullPage: true });
    await page.getByRole('button', { name: 'Next: Name and deploy' }).click();
    await page.getByLabel('Name of your twin').fill('Plant floor ovens');
    await page.getByRole('button', { name: 'Deploy the twin' }).click();
    await page.getByRole('link', { name: 'Open my twin' }).click({ timeout: 30_000 });
    await expect
      .poll(() => page.locator('[data-panel="rows"]').textContent(), { timeout: 30_000 })
      .toContain('71.25');
    await page.screenshot({ path: `${ARTIFACTS}deploy-connection-twin.png` });
  });
});
