/**
 * The whole journey of issue 6 item 7 in Chromium, against the real platform (built editor, real PostgreSQL):
 * Ada signs up, builds a blueprint by dragging and connecting nodes, fixes a type error the problems panel
 * shows, and publishes it; Bo signs up, finds it in the library, deploys it on a CSV he uploads, resizes a panel
 * and saves, and the share link opened logged out shows the same data read-only.
 *
 * Every step the issue names is done in the UI. Outside the UI: SQL puts the built-in demo table that the
 * editor's live preview reads into the test database, and later adds one reading to Bo's uploaded table (a data
 * feed arriving) to show the panels are live; the API only reads back the saved layout.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchBrowser } from './browser';
import { connect, drag, dropFromPalette, selectNode } from './support/graph-gestures';
import { startPlatformUnderTest, type PlatformUnderTest } from './support/platform-under-test';

const PASSWORD = 'a long enough passphrase';
const NAME = 'line-heat-watch';

// Headers a spreadsheet would export (the server names them operator, line_name, recorded_at, humidity,
// temperature_c). Only the two L1 readings are above 60 °C.
const CSV = [
  'Operator,Line Name,Recorded At,Humidity (%),Temperature (°C)',
  'Ana,L1,2026-01-01 08:00:00Z,41.5,61.5',
  'Ana,L1,2026-01-01 08:01:00Z,41.0,62.25',
  'Ben,L2,2026-01-01 08:00:00Z,39.5,58.75',
  'Ben,L2,2026-01-01 08:01:00Z,40.0,59.5',
].join('\n');

let pt: PlatformUnderTest;
let browser: Browser;
let ada: Page;
let boContext: BrowserContext;
let bo: Page;
let workDir: string;
let twinId = '';
let shareUrl = '';
/** The panel sizes after Bo saved his layout (the shared view shows the same layout). */
let savedBoxes: Record<string, { width: number; height: number }> = {};
const pageErrors: string[] = [];

const shot = (page: Page, step: string) =>
  page.screenshot({ path: `${ARTIFACTS}full-flow-${step}.png`, fullPage: false });

async function signUpInTheUi(page: Page, name: string, email: string) {
  await page.goto(`${pt.url}/signup`);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect
    .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 20_000 })
    .toBe(`Hello, ${name}`);
}

/** The sizes of the visible dashboard panels, by panel id. */
async function tileBoxes(page: Page): Promise<Record<string, { width: number; height: number }>> {
  return page
    .locator('.panel-body')
    .evaluateAll((elements) =>
      Object.fromEntries(
        elements.map((e) => [e.getAttribute('data-panel'), { width: e.clientWidth, height: e.clientHeight }]),
      ),
    );
}

beforeAll(async () => {
  pt = await startPlatformUnderTest('full-flow');
  // The built-in demo data the editor's preview samples (schema demo, as the platform ships it).
  await pt.platform.database.sql`create schema if not exists demo`;
  await pt.platform.database.sql.unsafe(
    `create table demo.line_readings (line text not null, ts timestamptz not null, temp float8 not null)`,
  );
  await pt.platform.database.sql.unsafe(`insert into demo.line_readings values
    ('L1', '2026-01-01 08:00:00+00', 61.0), ('L1', '2026-01-01 08:01:00+00', 63.5),
    ('L2', '2026-01-01 08:00:00+00', 55.0)`);
  workDir = mkdtempSync(join(tmpdir(), 'projecttwin-full-flow-e2e-'));
  writeFileSync(join(workDir, 'line-log.csv'), CSV);
  browser = await launchBrowser();
  ada = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  boContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  bo = await boContext.newPage();
  for (const page of [ada, bo]) page.on('pageerror', (error) => pageErrors.push(error.message));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await pt?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

const problems = (page: Page) => page.getByRole('region', { name: 'Problems' }).textContent();
const errorCount = (page: Page) => page.locator('.pt-problems .pt-count').textContent();

describe('the full flow, from an empty canvas to a shared twin', { timeout: 180_000 }, () => {
  it('Ada signs up in the UI, opens the editor on an empty canvas and names the blueprint', async () => {
    await signUpInTheUi(ada, 'Ada Lovelace', 'ada@example.com');
    await shot(ada, '01-ada-signed-up');
    await ada.getByRole('banner').getByRole('link', { name: 'New blueprint' }).click();
    await expect.poll(() => new URL(ada.url()).pathname).toBe('/editor');
    await expect
      .poll(() => ada.locator('.pt-canvas-empty').textContent(), { timeout: 30_000 })
      .toContain('Your blueprint is empty');
    expect(await ada.locator('.react-flow__node').count()).toBe(0);
    await shot(ada, '02-empty-canvas');

    const header = ada.getByRole('group', { name: 'Blueprint details' });
    await header.getByLabel('Title').fill('Line heat watch');
    await header.getByLabel('Name (for links)').fill(NAME);
    await header.getByLabel('Version').fill('1.0.0');
  });

  it('Ada declares the table input the blueprint needs, with demo data for the preview', async () => {
    await ada.getByRole('tab', { name: 'Data this blueprint needs' }).click();
    const panel = ada.getByRole('region', { name: 'Data this blueprint needs' });
    await panel.getByRole('button', { name: 'Add a table input' }).click();
    const rename = async (label: string, name: string) => {
      await panel.getByLabel(label, { exact: true }).fill(name);
      await panel.getByLabel(label, { exact: true }).press('Enter');
    };
    await rename('Name of input data', 'readings');
    await rename('Name of column id of readings', 'line');
    await panel.getByLabel('Role of column line of readings').selectOption('entity');
    await panel.getByRole('button', { name: 'Add a column to readings' }).click();
    await rename('Name of column column of readings', 'ts');
    await panel.getByLabel('Type of column ts of readings').selectOption('timestamptz');
    await panel.getByLabel('Role of column ts of readings').selectOption('time');
    await panel.getByRole('button', { name: 'Add a column to readings' }).click();
    await rename('Name of column column of readings', 'temp');
    await panel.getByLabel('Type of column temp of readings').selectOption('float8');
    await panel.getByLabel('Unit of column temp of readings').fill('degC');
    await panel.getByLabel('Role of column temp of readings').selectOption('measure');
    const sample = panel.getByLabel('Sample data for readings');
    await expect.poll(() => sample.count(), { timeout: 20_000 }).toBe(1);
    await sample.selectOption('line_readings');
    await expect.poll(() => panel.textContent()).toContain('Columns: line, ts, temp');
    await shot(ada, '03-input-declared');
  });

  it('Ada drags four nodes onto the canvas, connects them and configures them', async () => {
    await dropFromPalette(ada, 'core/source.table', { x: 100, y: 200 });
    await dropFromPalette(ada, 'core/filter', { x: 400, y: 200 });
    await dropFromPalette(ada, 'core/kpi', { x: 720, y: 60 });
    await dropFromPalette(ada, 'core/table', { x: 720, y: 330 });
    const ids = ['source-table', 'filter', 'kpi', 'table'];
    for (const id of ids)
      await expect.poll(() => ada.locator(`.react-flow__node[data-id="${id}"]`).count()).toBe(1);

    await selectNode(ada, 'source-table');
    await ada.locator('#root_input').selectOption('readings');
    await connect(ada, 'source-table.rows', 'filter.rows');
    await connect(ada, 'filter.rows', 'kpi.rows');
    await connect(ada, 'filter.rows', 'table.rows');
    await expect.poll(() => ada.locator('.react-flow__edge').count()).toBe(3);

    // The filter's form suggests the columns the declared input brings.
    await selectNode(ada, 'filter');
    await ada.getByRole('button', { name: '+ Add' }).first().click();
    await expect
      .poll(() => ada.locator('.pt-side').textContent())
      .toContain('Columns arriving here: line, ts, temp');
    await ada.locator('#root_conditions_0_column').fill('temp');
    await ada.locator('#root_conditions_0_op').selectOption('>');
    await ada.locator('#root_conditions_0_value').fill('60');
    await selectNode(ada, 'kpi');
    await ada.locator('#root_label').fill('Hottest reading');
    await ada.locator('#root_value').fill('temp');
    await ada.locator('#root_aggregate').selectOption('max');
    await shot(ada, '04-built-and-configured');
  });

  it('Ada sees live data in the preview: row counts and samples on the nodes', async () => {
    // The demo table has three readings; two of them are above 60 °C.
    const preview = (id: string) => ada.locator(`.react-flow__node[data-id="${id}"] .pt-node-preview`);
    await expect.poll(() => preview('source-table').textContent(), { timeout: 30_000 }).toContain('3 rows');
    await expect.poll(() => preview('filter').textContent(), { timeout: 30_000 }).toContain('2 rows');
    expect(await preview('filter').textContent()).toContain('63.5');
    expect(await preview('filter').textContent()).not.toContain('55');
    await shot(ada, '05-live-preview');
  });

  it('Ada sees a type error in the problems panel, goes to its node, and fixes it', async () => {
    await selectNode(ada, 'kpi');
    await ada.locator('#root_value').fill('line');
    await expect.poll(() => problems(ada), { timeout: 20_000 }).toMatch(/"line"/);
    expect(await problems(ada)).toContain('PT131');
    expect(await problems(ada)).toContain('needs the column "line" on its input "rows" to be a number');
    expect(await errorCount(ada)).toBe('1');
    await expect
      .poll(() => ada.locator('.react-flow__node[data-id="kpi"] .pt-node-badge').textContent())
      .toBe('1 problem');
    expect(await ada.getByRole('button', { name: 'Publish' }).isDisabled()).toBe(true);
    await ada.locator('.pt-canvas .react-flow__pane').click({ position: { x: 20, y: 20 } });
    await ada.locator('.pt-problems').getByRole('button').filter({ hasText: '"line"' }).first().click();
    await expect.poll(() => ada.getByRole('complementary', { name: 'Settings of kpi' }).count()).toBe(1);
    await shot(ada, '06-type-error');

    await ada.locator('#root_value').fill('temp');
    await expect.poll(() => errorCount(ada), { timeout: 20_000 }).toBe('0');
    await expect.poll(() => problems(ada)).not.toMatch(/"line"/);
    await shot(ada, '07-type-error-fixed');
  });

  it('Ada publishes the blueprint', async () => {
    const publish = ada.getByRole('button', { name: 'Publish' });
    await expect.poll(() => publish.isEnabled(), { timeout: 20_000 }).toBe(true);
    await publish.click();
    await expect
      .poll(
        () =>
          ada
            .getByRole('status')
            .filter({ hasText: `Published ${NAME} 1.0.0.` })
            .count(),
        {
          timeout: 20_000,
        },
      )
      .toBe(1);
    await shot(ada, '08-published');
  });

  it('Bo signs up, finds the blueprint by search in the library, and opens the wizard', async () => {
    await signUpInTheUi(bo, 'Bo Diddley', 'bo@example.com');
    await bo.goto(`${pt.url}/library`);
    await bo.getByLabel('Search blueprints').fill('heat watch');
    const card = bo.getByRole('article').filter({ hasText: 'Line heat watch' });
    await expect.poll(() => card.count(), { timeout: 20_000 }).toBe(1);
    expect(await card.textContent()).toContain('by Ada Lovelace');
    await shot(bo, '09-library-search');
    await card.getByRole('link', { name: 'Line heat watch' }).click();
    await expect
      .poll(() => bo.getByRole('heading', { level: 1 }).textContent(), { timeout: 20_000 })
      .toBe('Line heat watch');
    await bo.getByRole('link', { name: 'Use this blueprint' }).click();
    await expect.poll(() => new URL(bo.url()).pathname).toBe(`/deploy/${NAME}/1.0.0`);
    await expect
      .poll(() => bo.getByRole('heading', { name: 'Step 1 of 4: Choose the data' }).count(), {
        timeout: 30_000,
      })
      .toBe(1);
  });

  it('Bo uploads his CSV, matches the columns, previews and deploys', async () => {
    await bo.getByRole('radio', { name: /Upload a CSV file/ }).check();
    await bo.getByLabel('CSV file with the data for “readings”').setInputFiles(join(workDir, 'line-log.csv'));
    await expect
      .poll(() => bo.getByRole('table', { name: 'Columns found in line-log.csv' }).count(), {
        timeout: 30_000,
      })
      .toBe(1);
    await bo.getByLabel('Name of the new table').fill('Line log');
    await bo.getByRole('button', { name: 'Create the table' }).click();
    await expect
      .poll(() => bo.getByRole('status').filter({ hasText: 'Using' }).textContent(), { timeout: 30_000 })
      .toContain('Line log (uploaded from line-log.csv, 4 rows)');
    await shot(bo, '10-csv-uploaded');

    await bo.getByRole('button', { name: 'Next: Match the columns' }).click();
    const mapping = bo.getByRole('table', { name: 'Columns of readings' });
    const chosen = (column: string) =>
      mapping.getByRole('combobox', { name: new RegExp(`^${column}\\b`) }).inputValue();
    await expect.poll(() => chosen('temp')).toBe('temperature_c');
    expect([await chosen('line'), await chosen('ts')]).toEqual(['line_name', 'recorded_at']);
    await shot(bo, '11-columns-matched');

    await bo.getByRole('button', { name: 'Next: Preview' }).click();
    const preview = bo.getByRole('table', { name: 'Preview of readings' });
    await expect.poll(() => preview.locator('tbody tr').count(), { timeout: 20_000 }).toBe(4);
    await bo.getByRole('button', { name: 'Next: Name and deploy' }).click();
    await bo.getByLabel('Name of your twin').fill('Bo’s lines');
    await bo.getByRole('button', { name: 'Deploy the twin' }).click();
    await expect
      .poll(() => bo.getByRole('heading', { level: 2 }).first().textContent(), { timeout: 30_000 })
      .toBe('Your twin “Bo’s lines” is live');
    await shot(bo, '12-deployed');
  });

  it('Bo lands on the twin with live data, resizes a panel in edit-layout mode and saves', async () => {
    await bo.getByRole('link', { name: 'Open my twin' }).click();
    await expect.poll(() => new URL(bo.url()).pathname).toMatch(/^\/twins\/[\w-]+$/);
    twinId = new URL(bo.url()).pathname.split('/').pop()!;
    await expect.poll(() => bo.locator('h1').textContent(), { timeout: 30_000 }).toBe('Bo’s lines');
    const rows = bo.locator('[data-panel="table"]');
    // Ada's filter keeps the readings above 60 °C: L1's two, not L2's.
    await expect.poll(() => rows.textContent(), { timeout: 30_000 }).toContain('62.25');
    expect(await rows.textContent()).toContain('61.5');
    expect(await rows.textContent()).not.toContain('58.75');
    await expect.poll(() => bo.locator('[data-panel="kpi"]').textContent()).toContain('62.3');
    // A new reading arrives in Bo's table (written straight into the database, as a data feed would): the
    // panels follow without a reload.
    await pt.platform.database.sql.unsafe(
      `insert into data.line_log (operator, line_name, recorded_at, humidity, temperature_c)
       values ('Ana', 'L1', '2026-01-01 08:02:00Z', 40.5, 64.75)`,
    );
    await expect.poll(() => rows.textContent(), { timeout: 30_000 }).toContain('64.75');
    await expect.poll(() => bo.locator('[data-panel="kpi"]').textContent()).toContain('64.8');
    await shot(bo, '13-twin-live');

    await bo.getByRole('button', { name: 'Edit layout' }).click();
    const before = await tileBoxes(bo);
    // The two panels sit side by side: the divider between them is dragged 160 px to the right.
    const split = (await bo.locator('.mosaic-split.-row').first().boundingBox())!;
    const from = { x: split.x + split.width / 2, y: split.y + split.height / 2 };
    await drag(bo, from, { x: from.x + 160, y: from.y });
    await expect.poll(async () => (await tileBoxes(bo)).kpi.width).toBeGreaterThan(before.kpi.width + 100);
    expect((await tileBoxes(bo)).table.width).toBeLessThan(before.table.width - 100);
    await shot(bo, '14-resized');
    await bo.getByRole('button', { name: 'Save layout' }).click();
    await expect.poll(() => bo.getByRole('status').filter({ hasText: 'Layout saved.' }).count()).toBe(1);
    const saved = (await (await bo.request.get(`${pt.url}/api/twins/${twinId}`)).json()) as {
      document: { layout?: { root?: { first?: string; splitPercentage?: number } } };
    };
    expect(saved.document.layout?.root).toMatchObject({ first: 'kpi', second: 'table' });
    expect(saved.document.layout?.root?.splitPercentage).toBeGreaterThan(55);
    savedBoxes = await tileBoxes(bo);
  });

  it('Bo creates a share link in the twin’s “Share this twin” settings', async () => {
    await bo.getByText('Share this twin').click();
    const share = bo.getByRole('region', { name: 'Share settings' });
    await share.getByRole('button', { name: 'Create a share link' }).click();
    const link = share.getByLabel('Share link', { exact: true });
    await expect.poll(() => link.count(), { timeout: 20_000 }).toBe(1);
    shareUrl = await link.inputValue();
    expect(shareUrl).toMatch(/\/s\/[\w-]+$/);
    await shot(bo, '15-share-link');
  });

  it('the share link, opened logged out, shows the same data read-only', async () => {
    const visitor = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const shared = await visitor.newPage();
    shared.on('pageerror', (error) => pageErrors.push(error.message));
    await shared.goto(`${pt.url}/s/${shareUrl.split('/s/')[1]}`);
    const rows = shared.locator('[data-panel="table"]');
    await expect.poll(() => rows.textContent(), { timeout: 30_000 }).toContain('64.75');
    expect(await rows.textContent()).toContain('61.5');
    expect(await rows.textContent()).not.toContain('58.75');
    await expect.poll(() => shared.locator('[data-panel="kpi"]').textContent()).toContain('64.8');
    expect(await shared.getByText('Shared view · read-only').count()).toBe(1);
    expect(await shared.getByRole('button', { name: 'Edit layout' }).count()).toBe(0);
    expect(await shared.getByText('Share this twin').count()).toBe(0);
    expect(
      await shared
        .getByRole('button')
        .filter({ hasText: /Hide|Save|Publish/ })
        .count(),
    ).toBe(0);
    expect(await shared.getByRole('banner').getByRole('link', { name: 'Log in' }).count()).toBe(1);
    const boxes = await tileBoxes(shared);
    // Bo's saved layout: the same panels, with the widths he gave them.
    expect(Object.keys(boxes).sort()).toEqual(Object.keys(savedBoxes).sort());
    for (const id of Object.keys(boxes))
      expect(Math.abs(boxes[id].width - savedBoxes[id].width)).toBeLessThan(4);
    await shot(shared, '16-shared-logged-out');
    await visitor.close();
  });
});
