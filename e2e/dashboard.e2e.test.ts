import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPlatform } from '../server/platform';
import { ARTIFACTS, launchBrowser } from './browser';
import { startPlatformUnderTest, type PlatformUnderTest } from './support/platform-under-test';

const TABLE = 'demo.e2e_readings';

const blueprint = {
  schemaVersion: 1,
  name: 'line-temperatures',
  version: '1.0.0',
  title: 'Line temperatures',
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
      id: 'trend',
      type: 'core/chart.line@^1',
      title: 'Temperature trend',
      config: { x: 'ts', y: ['temp'], color: 'line' },
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
    { from: 'readings.rows', to: 'trend.rows' },
    { from: 'readings.rows', to: 'rows.rows' },
  ],
};

/** A what-if blueprint: a parameter (started from the twin's value input) shifts every reading. */
const whatIf = {
  schemaVersion: 1,
  name: 'line-what-if',
  version: '1.0.0',
  title: 'Line temperature what-if',
  inputs: {
    readings: blueprint.inputs.readings,
    offset: { kind: 'value', title: 'Sensor offset', type: 'float8', unit: 'degC', default: 0 },
  },
  nodes: [
    { id: 'readings', type: 'core/source.table@^1', config: { input: 'readings' } },
    {
      id: 'offset',
      type: 'core/param@^1',
      config: {
        name: 'offset',
        label: 'Sensor offset',
        min: -10,
        max: 10,
        step: 0.5,
        unit: 'degC',
        input: 'offset',
      },
    },
    {
      id: 'adjust',
      type: 'core/derive@^1',
      config: { columns: [{ name: 'adjusted', expression: 'temp + offset', unit: 'degC' }] },
    },
    {
      id: 'adjusted',
      type: 'core/kpi@^1',
      title: 'Adjusted temperature',
      config: { label: 'Adjusted', value: 'adjusted', time: 'ts', unit: 'degC', decimals: 2 },
    },
  ],
  edges: [
    { from: 'readings.rows', to: 'adjust.rows' },
    { from: 'offset.value', to: 'adjust.params' },
    { from: 'adjust.rows', to: 'adjusted.rows' },
  ],
};

let underTest: PlatformUnderTest;
let platform: RunningPlatform;
let browser: Browser;
let owner: BrowserContext;
let page: Page;
let csrfToken: string;
let twinId: string;
/** The layout tree the owner saved (the published layout must be the same). */
let savedRoot: unknown;
/** Uncaught errors in the owner's page: none may happen. */
const pageErrors: string[] = [];

async function api(request: APIRequestContext, method: string, path: string, body?: unknown) {
  const response = await request.fetch(`${platform.url}${path}`, {
    method,
    headers: { 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status(), body: text ? JSON.parse(text) : undefined };
}

/** The widths (row splits) or heights of the visible panels, by panel id. */
async function tileBoxes(p: Page): Promise<Record<string, { width: number; height: number }>> {
  return p
    .locator('.panel-body')
    .evaluateAll((elements) =>
      Object.fromEntries(
        elements.map((e) => [e.getAttribute('data-panel'), { width: e.clientWidth, height: e.clientHeight }]),
      ),
    );
}

beforeAll(async () => {
  underTest = await startPlatformUnderTest('dashboard');
  platform = underTest.platform;
  await platform.database.sql`create schema if not exists demo`;
  await platform.database.sql.unsafe(
    `create table ${TABLE} (id int8 primary key, line_name text not null, recorded_at timestamptz not null, temp_c float8)`,
  );
  await platform.database.sql.unsafe(`insert into ${TABLE} values
    (1, 'L1', '2026-01-01 08:00:00+00', 61.5), (2, 'L1', '2026-01-01 08:01:00+00', 62.0),
    (3, 'L2', '2026-01-01 08:00:00+00', 58.25), (4, 'L2', '2026-01-01 08:01:00+00', 59.0)`);

  browser = await launchBrowser();
  owner = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const signup = await owner.request.post(`${platform.url}/api/auth/signup`, {
    data: { email: 'dana@example.com', password: 'dana-password-123', name: 'Dana' },
  });
  expect(signup.status()).toBe(201);
  csrfToken = ((await signup.json()) as { csrfToken: string }).csrfToken;
  const published = await api(owner.request, 'POST', `/api/blueprints/${blueprint.name}/versions`, blueprint);
  expect(published.status, JSON.stringify(published.body)).toBe(201);
  const twin = await api(owner.request, 'POST', '/api/twins', {
    schemaVersion: 1,
    title: 'Plant 4 lines',
    description: 'Oven temperatures of lines L1 and L2.',
    blueprint: { name: blueprint.name, version: '1.0.0' },
    bindings: {
      readings: {
        kind: 'table',
        connection: 'builtin',
        table: TABLE,
        // The table's own column names differ from the blueprint's: the binding maps them.
        columns: { id: 'id', line: 'line_name', ts: 'recorded_at', temp: 'temp_c' },
      },
    },
    visibility: 'unlisted',
  });
  expect(twin.status, JSON.stringify(twin.body)).toBe(201);
  twinId = twin.body.id;
  page = await owner.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await underTest?.stop();
});

// Each step waits on a real server, a real sync and a real browser on a busy machine: generous limits.
afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

describe('the twin dashboard in Chromium', { timeout: 120_000 }, () => {
  it('opens a twin: panels fill with live data, and a new row appears', async () => {
    await page.goto(`${platform.url}/twins/${twinId}`);
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 30_000 }).toBe('Plant 4 lines');
    const headers = await page.locator('.panel-title').allTextContents();
    expect(headers.sort()).toEqual(['All readings', 'Latest temperature', 'Temperature trend']);
    const rowsPanel = page.locator('[data-panel="rows"]');
    await expect.poll(() => rowsPanel.textContent(), { timeout: 30_000 }).toContain('58.25');
    await expect
      .poll(() => page.locator('[data-panel="trend"] svg, [data-panel="trend"] canvas').count())
      .toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-panel="latest"]').textContent()).toMatch(/\d/);
    await page.screenshot({ path: `${ARTIFACTS}dashboard-live.png` });

    await platform.database.sql.unsafe(
      `insert into ${TABLE} values (5, 'L2', '2026-01-01 08:02:00+00', 77.75)`,
    );
    await expect.poll(() => rowsPanel.textContent(), { timeout: 20_000 }).toContain('77.75');
    await expect
      .poll(() => page.locator('[data-panel="latest"]').textContent(), { timeout: 20_000 })
      .toContain('77.8');
    expect(await page.locator('.panel-problem').count()).toBe(0);
  });

  it('edits the layout: resizes a split, hides and restores a panel, saves, and keeps it after a reload', async () => {
    await page.getByRole('button', { name: 'Edit layout' }).click();
    const before = await tileBoxes(page);
    const split = page.locator('.mosaic-split.-row').first();
    const box = (await split.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 5 });
    await page.mouse.move(box.x + box.width / 2 + 160, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect
      .poll(async () => (await tileBoxes(page)).latest.width)
      .toBeGreaterThan(before.latest.width + 100);

    await page.getByRole('button', { name: 'Hide All readings' }).click();
    expect(Object.keys(await tileBoxes(page)).sort()).toEqual(['latest', 'trend']);
    await page.screenshot({ path: `${ARTIFACTS}dashboard-editing-hidden.png` });
    await page.getByRole('button', { name: 'Restore All readings' }).click();
    expect(Object.keys(await tileBoxes(page)).sort()).toEqual(['latest', 'rows', 'trend']);
    await page.getByRole('button', { name: 'Save layout' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Layout saved.' }).count()).toBe(1);

    // The resized split and the restored panel (back on the right, a third of the width) are what was saved.
    const saved = await api(owner.request, 'GET', `/api/twins/${twinId}`);
    const layout = saved.body.document.layout;
    expect(layout).not.toHaveProperty('hidden');
    expect(layout.root).toMatchObject({ direction: 'row', second: 'rows', splitPercentage: 67 });
    expect(layout.root.first).toMatchObject({ direction: 'row', first: 'latest', second: 'trend' });
    expect(layout.root.first.splitPercentage).toBeGreaterThan(55);
    savedRoot = layout.root;

    const boxesBeforeReload = await tileBoxes(page);
    await page.reload();
    await expect
      .poll(async () => Object.keys(await tileBoxes(page)).sort(), { timeout: 30_000 })
      .toEqual(['latest', 'rows', 'trend']);
    const boxesAfterReload = await tileBoxes(page);
    for (const id of ['latest', 'rows', 'trend'])
      expect(Math.abs(boxesAfterReload[id].width - boxesBeforeReload[id].width)).toBeLessThan(4);
    await expect
      .poll(() => page.locator('[data-panel="rows"]').textContent(), { timeout: 30_000 })
      .toContain('77.75');
    await page.screenshot({ path: `${ARTIFACTS}dashboard-saved-layout.png` });
  });

  it('publishes the layout to the layout registry and shows the registry’s refusal in plain words', async () => {
    await page.getByRole('button', { name: 'Edit layout' }).click();
    await page.getByRole('button', { name: 'Publish as layout' }).click();
    const form = page.getByRole('form', { name: 'Publish as layout' });
    await form.getByLabel('Name').fill('line-temps-wall');
    await form.getByLabel('Title').fill('Line temperatures wall');
    await form.getByLabel('Version').fill('1.0.0');
    await form.getByRole('button', { name: 'Publish' }).click();
    await expect
      .poll(() => form.getByRole('status').textContent())
      .toContain('Published line-temps-wall@1.0.0');
    const found = await api(owner.request, 'GET', '/api/layouts/line-temps-wall/versions/1.0.0');
    expect(found.status).toBe(200);
    expect(found.body.document).toMatchObject({
      name: 'line-temps-wall',
      title: 'Line temperatures wall',
      blueprint: 'line-temperatures@^1',
      kind: 'mosaic',
    });
    expect(found.body.document.root).toEqual(savedRoot);

    await form.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toMatch(/1\.0\.0/);
    await form.getByLabel('Version').fill('one');
    await form.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toMatch(/version/i);
    await page.screenshot({ path: `${ARTIFACTS}dashboard-publish-refused.png` });
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await form.count()).toBe(0);
  });

  it('opens the share link logged out: the same data, read-only, with no edit controls', async () => {
    const share = await api(owner.request, 'POST', `/api/twins/${twinId}/share`);
    expect(share.status).toBe(201);
    const visitor = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const shared = await visitor.newPage();
    await shared.goto(`${platform.url}/shared/${share.body.token}`);
    await expect
      .poll(() => shared.locator('[data-panel="rows"]').textContent(), { timeout: 30_000 })
      .toContain('77.75');
    expect(await shared.getByText('Shared view · read-only').count()).toBe(1);
    expect(await shared.getByRole('button', { name: 'Edit layout' }).count()).toBe(0);
    expect(
      await shared
        .getByRole('button')
        .filter({ hasText: /Hide|Save|Publish/ })
        .count(),
    ).toBe(0);
    expect(Object.keys(await tileBoxes(shared)).sort()).toEqual(['latest', 'rows', 'trend']);
    await shared.screenshot({ path: `${ARTIFACTS}dashboard-shared.png` });

    await shared.goto(`${platform.url}/shared/not-a-real-token`);
    await expect
      .poll(() => shared.getByRole('alert').textContent(), { timeout: 20_000 })
      .toContain('This share link does not work');
    await shared.goto(`${platform.url}/twins/${twinId}`);
    await expect
      .poll(() => shared.getByRole('alert').textContent(), { timeout: 20_000 })
      .toContain('Sign in as its owner');
    await shared.screenshot({ path: `${ARTIFACTS}dashboard-no-access.png` });
    await visitor.close();
  });
  it('what-if: the parameter bar starts from the twin’s value and its slider changes the result', async () => {
    const published = await api(owner.request, 'POST', `/api/blueprints/${whatIf.name}/versions`, whatIf);
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    const twin = await api(owner.request, 'POST', '/api/twins', {
      schemaVersion: 1,
      title: 'Plant 4 what-if',
      blueprint: { name: whatIf.name, version: '1.0.0' },
      bindings: {
        readings: {
          kind: 'table',
          connection: 'builtin',
          table: TABLE,
          columns: { id: 'id', line: 'line_name', ts: 'recorded_at', temp: 'temp_c' },
        },
        offset: { kind: 'value', value: 2 },
      },
    });
    expect(twin.status, JSON.stringify(twin.body)).toBe(201);
    await page.goto(`${platform.url}/twins/${twin.body.id}`);
    const slider = page.getByRole('slider', { name: 'Sensor offset' });
    await expect.poll(() => slider.inputValue(), { timeout: 30_000 }).toBe('2');
    const kpi = page.locator('[data-panel="adjusted"]');
    // The newest reading is 77.75 °C; the twin's offset of 2 makes it 79.75.
    await expect.poll(() => kpi.textContent(), { timeout: 30_000 }).toContain('79.75');
    await slider.focus();
    await page.keyboard.press('End');
    expect(await page.locator('.param-value').textContent()).toBe('10');
    await expect.poll(() => kpi.textContent(), { timeout: 20_000 }).toContain('87.75');
    await page.screenshot({ path: `${ARTIFACTS}dashboard-what-if.png` });
  });
  it('moves a panel by dragging its title bar, and Cancel puts the saved layout back', async () => {
    await page.goto(`${platform.url}/twins/${twinId}`);
    await expect
      .poll(() => page.locator('[data-panel="rows"]').textContent(), { timeout: 30_000 })
      .toContain('77.75');
    const left = async (id: string) => (await page.locator(`[data-panel="${id}"]`).boundingBox())!.x;
    expect(await left('rows')).toBeGreaterThan(await left('latest'));
    await page.getByRole('button', { name: 'Edit layout' }).click();
    const target = (await page.locator('[data-panel="latest"]').boundingBox())!;
    await page
      .locator('.panel-header-slot')
      .filter({ hasText: 'All readings' })
      .dragTo(page.locator('[data-panel="latest"]'), {
        targetPosition: { x: 15, y: target.height / 2 },
      });
    await expect.poll(async () => (await left('rows')) < (await left('latest'))).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}dashboard-moved.png` });
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(async () => (await left('rows')) > (await left('latest'))).toBe(true);
    expect(await page.getByRole('button', { name: 'Edit layout' }).count()).toBe(1);
  });
});
