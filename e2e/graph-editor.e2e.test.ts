import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Blueprint } from '../runtime/compiler/document-types';
import { ARTIFACTS, launchBrowser } from './browser';
import { serveBuiltEditor } from './editor-server';
import { signUpThroughApi } from './support/api-as-user';
import { startPlatformUnderTest, type PlatformUnderTest } from './support/platform-under-test';

let browser: Browser;
let page: Page;
let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
  server = await serveBuiltEditor();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  page.on('pageerror', (error) => console.error('page error:', error.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const doc = (): Promise<Blueprint> => page.evaluate(() => window.ptGraph!.store.getState().doc);
const problemsText = () => page.getByRole('region', { name: 'Problems' }).textContent();
const errorCount = () => page.locator('.pt-problems .pt-count').textContent();

async function centreOf(selector: string): Promise<{ x: number; y: number }> {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not on screen`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags with the real mouse, in small steps, as a person would. */
async function drag(from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 8, from.y + 4, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: 15 });
  await page.mouse.up();
}

async function dropFromPalette(typeId: string, at: { x: number; y: number }): Promise<void> {
  await page.locator(`[data-type-id="${typeId}"]`).scrollIntoViewIfNeeded();
  const canvas = await page.locator('.pt-canvas').boundingBox();
  await drag(await centreOf(`[data-type-id="${typeId}"]`), { x: canvas!.x + at.x, y: canvas!.y + at.y });
}

const handle = (node: string, port: string, kind: 'source' | 'target') =>
  `.react-flow__node[data-id="${node}"] .react-flow__handle.${kind}[data-handleid="${port}"]`;

async function connect(from: string, to: string): Promise<void> {
  const [fromNode, fromPort] = from.split('.');
  const [toNode, toPort] = to.split('.');
  await drag(
    await centreOf(handle(fromNode, fromPort, 'source')),
    await centreOf(handle(toNode, toPort, 'target')),
  );
}

async function selectNode(id: string): Promise<void> {
  await page.locator(`.react-flow__node[data-id="${id}"] .pt-node-head`).click();
  await expect.poll(() => page.getByRole('complementary', { name: `Settings of ${id}` }).count()).toBe(1);
}

describe('the graph editor in Chromium', () => {
  it('builds a blueprint on an empty canvas by dragging nodes and connecting ports', async () => {
    await page.goto(`${server.url}harness/graph.html`);
    await expect
      .poll(() => page.locator('.pt-canvas-empty').textContent())
      .toContain('Your blueprint is empty');
    await page.screenshot({ path: `${ARTIFACTS}graph-editor-empty.png` });

    await dropFromPalette('core/source.csv', { x: 120, y: 160 });
    await dropFromPalette('core/filter', { x: 420, y: 160 });
    await dropFromPalette('core/chart.line', { x: 720, y: 160 });
    await expect
      .poll(async () => (await doc()).nodes.map((n) => n.id))
      .toEqual(['source-csv', 'filter', 'chart-line']);
    expect((await doc()).nodes[1].config).toEqual({ conditions: [], combine: 'all' });

    // Configure the CSV source in its generated form.
    await selectNode('source-csv');
    await page.locator('#root_file').fill('https://example.com/pumps.csv');
    for (const [i, [name, type]] of [
      ['ts', 'timestamptz'],
      ['pump_id', 'text'],
      ['vibration', 'float8'],
    ].entries()) {
      await page.getByRole('button', { name: '+ Add' }).first().click();
      await page.locator(`#root_columns_${i}_name`).fill(name);
      await page.locator(`#root_columns_${i}_type`).selectOption(type);
    }
    await expect
      .poll(async () => (await doc()).nodes[0].config)
      .toMatchObject({
        file: 'https://example.com/pumps.csv',
        columns: [{ name: 'ts' }, { name: 'pump_id' }, { name: 'vibration', type: 'float8' }],
      });

    await connect('source-csv.rows', 'filter.rows');
    await connect('filter.rows', 'chart-line.rows');
    await expect
      .poll(async () => (await doc()).edges)
      .toEqual([
        { from: 'source-csv.rows', to: 'filter.rows' },
        { from: 'filter.rows', to: 'chart-line.rows' },
      ]);

    // The filter's column field suggests the columns arriving from the CSV source.
    await selectNode('filter');
    await page.getByRole('button', { name: '+ Add' }).first().click();
    await expect
      .poll(() => page.locator('.pt-side').textContent())
      .toContain('Columns arriving here: ts, pump_id, vibration');
    const suggestions = await page
      .locator('#root_conditions_0_column')
      .evaluate((input: HTMLInputElement) => [...(input.list?.options ?? [])].map((o) => o.value));
    expect(suggestions).toEqual(expect.arrayContaining(['ts', 'pump_id', 'vibration']));
    await page.locator('#root_conditions_0_column').fill('vibration');
    await page.locator('#root_conditions_0_op').selectOption('>');
    await page.locator('#root_conditions_0_value').fill('2');
  });

  it('refuses an incompatible connection and says why', async () => {
    await page.getByRole('button', { name: /^Add Parameter/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await doc()).nodes.map((n) => n.id)).toContain('param');
    // Move the new parameter out of the way of the chart, then try to wire its value into the chart's rows.
    await drag(
      await centreOf('.react-flow__node[data-id="param"] .pt-node-head'),
      await centreOf('.pt-canvas'),
    );
    await drag(await centreOf('.react-flow__node[data-id="param"] .pt-node-head'), {
      ...(await centreOf('.pt-canvas')),
      y: (await centreOf('.pt-canvas')).y + 180,
    });
    const from = await centreOf(handle('param', 'value', 'source'));
    const to = await centreOf(handle('chart-line', 'rows', 'target'));
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x - 30, to.y, { steps: 10 });
    await page.mouse.move(to.x, to.y, { steps: 5 });
    const tooltip = page.getByRole('tooltip');
    await expect.poll(() => tooltip.textContent()).toContain('sends a single value from "value"');
    await page.screenshot({ path: `${ARTIFACTS}graph-editor-refused.png` });
    await page.mouse.up();
    await expect
      .poll(() => page.locator('.pt-notice').textContent())
      .toMatch(/^Not connected: .*connect ports of the same kind/);
    expect((await doc()).edges).toHaveLength(2);
    await page.locator('.pt-notice').getByRole('button', { name: 'Dismiss' }).click();
    await selectNode('param');
    await page.keyboard.press('Delete');
    await expect
      .poll(async () => (await doc()).nodes.map((n) => n.id))
      .toEqual(['source-csv', 'filter', 'chart-line']);
  });

  it('shows a type error in the problems panel, finds its node, and fixes it', async () => {
    await selectNode('chart-line');
    await page.locator('#root_x').fill('ts');
    await page.getByRole('button', { name: '+ Add' }).first().click();
    await page.locator('#root_y_0').fill('pump_id');
    await expect.poll(problemsText).toContain('PT131');
    expect(await problemsText()).toContain('needs the column "pump_id" on its input "rows" to be a number');
    expect(await errorCount()).toBe('1');
    await expect
      .poll(() => page.locator('.react-flow__node[data-id="chart-line"] .pt-node-badge').textContent())
      .toBe('1 problem');
    await page.locator('body').click({ position: { x: 700, y: 500 } });
    await page.locator('.pt-canvas .react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.getByRole('button', { name: /PT131/ }).click();
    await expect
      .poll(async () => [...(await page.evaluate(() => [...window.ptGraph!.store.getState().selectedNodes]))])
      .toEqual(['chart-line']);
    await page.screenshot({ path: `${ARTIFACTS}graph-editor-problem.png` });

    await page.locator('#root_y_0').fill('vibration');
    await expect.poll(errorCount).toBe('0');
    await expect.poll(problemsText).not.toContain('PT131');
    await page.screenshot({ path: `${ARTIFACTS}graph-editor-fixed.png` });
  });

  it('undoes and redoes from the keyboard', async () => {
    await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await doc()).nodes[2].config?.y).toEqual(['pump_id']);
    await expect.poll(problemsText).toContain('PT131');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(async () => (await doc()).nodes[2].config?.y).toEqual(['vibration']);
    await expect.poll(errorCount).toBe('0');
  });

  it('copies, pastes and duplicates nodes with their inner connections', async () => {
    await selectNode('filter');
    await page.keyboard.down('Shift');
    await page.locator('.react-flow__node[data-id="chart-line"] .pt-node-head').click();
    await page.keyboard.up('Shift');
    await expect
      .poll(() => page.evaluate(() => [...window.ptGraph!.store.getState().selectedNodes].sort()))
      .toEqual(['chart-line', 'filter']);
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await expect
      .poll(async () => (await doc()).nodes.map((n) => n.id))
      .toEqual(['source-csv', 'filter', 'chart-line', 'filter-2', 'chart-line-2']);
    const pasted = await doc();
    expect(pasted.edges).toContainEqual({ from: 'filter-2.rows', to: 'chart-line-2.rows' });
    expect(pasted.nodes[3].position!.x - pasted.nodes[1].position!.x).toBe(40);
    expect(pasted.nodes[3].config).toEqual(pasted.nodes[1].config);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await doc()).nodes).toHaveLength(3);
    await selectNode('chart-line');
    await page.locator('.react-flow__pane').focus();
    await page.keyboard.press('Control+d');
    await expect.poll(async () => (await doc()).nodes.map((n) => n.id)).toContain('chart-line-2');
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await doc()).nodes).toHaveLength(3);
  });

  it('tidies the layout from left to right as one undo step', async () => {
    const before = await doc();
    await page.getByRole('button', { name: 'Tidy up layout' }).click();
    await expect.poll(async () => (await doc()).nodes[0].position).not.toEqual(before.nodes[0].position);
    const after = await doc();
    const x = after.nodes.map((n) => n.position!.x);
    expect(x[0]).toBeLessThan(x[1]);
    expect(x[1]).toBeLessThan(x[2]);
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${ARTIFACTS}graph-editor-built.png` });
    await page.keyboard.press('Control+z');
    await expect
      .poll(async () => (await doc()).nodes.map((n) => n.position))
      .toEqual(before.nodes.map((n) => n.position));
    await page.keyboard.press('Control+Shift+z');
    await expect
      .poll(async () => (await doc()).nodes.map((n) => n.position))
      .toEqual(after.nodes.map((n) => n.position));
  });

  it('edits the header and exports the expected blueprint file', async () => {
    const header = page.getByRole('group', { name: 'Blueprint details' });
    await header.getByLabel('Title').fill('Pump vibration watch');
    await header.getByLabel('Name (for links)').fill('pump-vibration-watch');
    await header.getByLabel('Version').fill('1.0.0');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export file' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('pump-vibration-watch-1.0.0.blueprint.json');
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as Blueprint;
    for (const node of exported.nodes) {
      expect(node.position).toEqual({ x: expect.any(Number), y: expect.any(Number) });
      delete node.position;
    }
    expect(exported).toEqual({
      schemaVersion: 1,
      name: 'pump-vibration-watch',
      version: '1.0.0',
      title: 'Pump vibration watch',
      nodes: [
        {
          id: 'source-csv',
          type: 'core/source.csv@^1',
          config: {
            file: 'https://example.com/pumps.csv',
            columns: [
              { name: 'ts', type: 'timestamptz' },
              { name: 'pump_id', type: 'text' },
              { name: 'vibration', type: 'float8' },
            ],
            header: true,
            delimiter: ',',
          },
        },
        {
          id: 'filter',
          type: 'core/filter@^1',
          config: { conditions: [{ column: 'vibration', op: '>', value: 2 }], combine: 'all' },
        },
        {
          id: 'chart-line',
          type: 'core/chart.line@^1',
          config: { x: 'ts', y: ['vibration'], maxPoints: 100000, downsample: 'lttb' },
        },
      ],
      edges: [
        { from: 'source-csv.rows', to: 'filter.rows' },
        { from: 'filter.rows', to: 'chart-line.rows' },
      ],
    });
  });

  it('draws previews the host gives on the nodes, over the live preview', async () => {
    // The live preview already ran the graph: its CSV file cannot be fetched here, so the filter has no rows.
    const filterCount = page.locator('.react-flow__node[data-id="filter"] .pt-node-preview-count');
    await expect.poll(() => filterCount.textContent()).toBe('0 rows');
    await page.evaluate(() =>
      window.ptGraph!.setPreviews({
        filter: {
          rowCount: 1234,
          sample: [
            { ts: '2026-11-25 14:00', pump_id: 'P-1', vibration: 2.4 },
            { ts: '2026-11-25 14:01', pump_id: 'P-2', vibration: 3.1 },
          ],
        },
      }),
    );
    const preview = page.locator('.react-flow__node[data-id="filter"] .pt-node-preview');
    await expect.poll(() => preview.textContent()).toContain('1,234 rows');
    expect(await preview.locator('td').allTextContents()).toContain('P-2');
    await page.screenshot({ path: `${ARTIFACTS}graph-editor-preview.png` });
  });

  it('saves a draft and publishes through the host page', async () => {
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Draft saved.' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Published.' }).count()).toBe(1);
    const handed = await page.evaluate(() => ({
      saved: window.ptGraph!.saved.map((d) => d.title),
      published: window.ptGraph!.published.map((d) => d.nodes.length),
    }));
    expect(handed).toEqual({ saved: ['Pump vibration watch'], published: [3] });
  });

  it('refuses a broken file on import without losing the graph, and opens a good one', async () => {
    const before = await doc();
    await page.getByLabel('Blueprint file to import').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{ "nodes": [ '),
    });
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toContain('“broken.json” is not a blueprint: it is not valid JSON. Your graph was not changed.');
    expect(await doc()).toEqual(before);
    await page.screenshot({ path: `${ARTIFACTS}graph-editor-import-error.png` });
    const other = { ...before, title: 'Imported copy', nodes: before.nodes.slice(0, 1), edges: [] };
    await page.getByLabel('Blueprint file to import').setInputFiles({
      name: 'copy.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(other)),
    });
    await expect.poll(async () => (await doc()).title).toBe('Imported copy');
    expect(await page.locator('.react-flow__node').count()).toBe(1);
    await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await doc()).nodes).toHaveLength(3);
  });

  it('lists the keyboard shortcuts', async () => {
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.textContent()).toContain('Undo the last change');
    await page.screenshot({ path: `${ARTIFACTS}graph-editor-shortcuts.png` });
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
  });
});

describe('the live preview on the real platform', () => {
  let pt: PlatformUnderTest | undefined;
  const previewCount = async (node: string) => {
    const count = page.locator(`.react-flow__node[data-id="${node}"] .pt-node-preview-count`);
    return (await count.count()) > 0 ? count.textContent() : null;
  };

  beforeAll(async () => {
    pt = await startPlatformUnderTest('graph-preview');
    // A demo table of known rows, as the platform's demo data (schema demo) would hold.
    const sql = pt.platform.database.sql;
    await sql`create schema if not exists demo`;
    await sql`create table demo.readings (machine text not null, recorded_at timestamptz not null,
      vibration float8, primary key (machine, recorded_at))`;
    await sql`insert into demo.readings values
      ('P-1', '2026-01-01 00:00+00', 1.0), ('P-1', '2026-01-01 00:01+00', 2.5),
      ('P-2', '2026-01-01 00:00+00', 3.5), ('P-2', '2026-01-01 00:01+00', 0.5)`;
    await sql`analyze demo.readings`;
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await signUpThroughApi(context.request, pt.url, {
      email: 'grace@example.com',
      password: 'grace-password-123',
      name: 'Grace',
    });
    page = await context.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
  }, 300_000);

  afterAll(async () => {
    await pt?.stop();
  });

  it('declares a table input, refusing a bad name in plain words', async () => {
    await page.goto(`${pt!.url}/editor`);
    await expect
      .poll(() => page.locator('.pt-canvas-empty').textContent(), { timeout: 20_000 })
      .toContain('Your blueprint is empty');
    await page.getByRole('tab', { name: 'Data this blueprint needs' }).click();
    await page.getByRole('button', { name: 'Add a table input' }).click();
    const name = page.getByLabel('Name of input data');
    await name.fill('my readings');
    await name.press('Enter');
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toContain('A name can hold only letters, digits and underscores');
    await page.screenshot({ path: `${ARTIFACTS}graph-editor-input-refused.png` });
    await name.fill('telemetry');
    await name.press('Enter');
    const idColumn = page.getByLabel('Name of column id of telemetry');
    await idColumn.fill('machine');
    await idColumn.press('Enter');
    await page.getByRole('button', { name: 'Add a column to telemetry' }).click();
    const added = page.getByLabel('Name of column column of telemetry');
    await added.fill('vibration');
    await added.press('Enter');
    await page.getByLabel('Type of column vibration of telemetry').selectOption('float8');
    await page.getByLabel('Unit of column vibration of telemetry').fill('mm/s');
    await page.getByLabel('Role of column vibration of telemetry').selectOption('measure');
    await page.getByLabel('Role of column machine of telemetry').selectOption('entity');
    await page.getByLabel('Sample data for telemetry').selectOption('readings');
    await expect
      .poll(() => page.getByRole('region', { name: 'Data this blueprint needs' }).textContent())
      .toContain('The preview reads up to 100 rows of the demo table demo.readings');
    await page.screenshot({ path: `${ARTIFACTS}graph-editor-inputs.png` });
  });

  it('shows live row counts on a table source and a filter that follow its condition', async () => {
    await dropFromPalette('core/source.table', { x: 120, y: 160 });
    await selectNode('source-table');
    expect(await page.locator('#root_input option').allTextContents()).toContain('telemetry');
    await page.locator('#root_input').selectOption('telemetry');
    await expect.poll(() => previewCount('source-table'), { timeout: 20_000 }).toBe('4 rows');
    expect(await page.getByRole('status', { name: 'Live preview' }).textContent()).toContain(
      'up to 100 rows of each picked demo table',
    );

    // A filter without a condition does not compile: the preview pauses until it has one.
    await dropFromPalette('core/filter', { x: 480, y: 160 });
    await connect('source-table.rows', 'filter.rows');
    await expect
      .poll(() => page.getByRole('status', { name: 'Live preview' }).textContent())
      .toContain('Live preview paused');
    await selectNode('filter');
    await page.getByRole('button', { name: '+ Add' }).first().click();
    await page.locator('#root_conditions_0_column').fill('vibration');
    await page.locator('#root_conditions_0_op').selectOption('>');
    await page.locator('#root_conditions_0_value').fill('2');
    await expect.poll(() => previewCount('filter'), { timeout: 20_000 }).toBe('2 rows');
    expect(await previewCount('source-table')).toBe('4 rows');
    await page.screenshot({ path: `${ARTIFACTS}graph-editor-live-preview.png` });

    await page.locator('#root_conditions_0_value').fill('3');
    await expect.poll(() => previewCount('filter'), { timeout: 20_000 }).toBe('1 row');

    // The sample data is read again every few seconds: a new row in the demo table reaches the preview.
    await pt!.platform.database.sql`insert into demo.readings values ('P-3', '2026-01-01 00:02+00', 9)`;
    await expect.poll(() => previewCount('source-table'), { timeout: 20_000 }).toBe('5 rows');
    await expect.poll(() => previewCount('filter'), { timeout: 20_000 }).toBe('2 rows');
    await page.screenshot({ path: `${ARTIFACTS}graph-editor-live-preview-new-row.png` });
  }, 120_000);
});
