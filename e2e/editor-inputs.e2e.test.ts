/**
 * The graph editor's inputs panel and live preview in Chromium, against the real platform (built editor, real
 * PostgreSQL): an input's title, description and primary key (undoable, checked in plain words, the compiler's
 * problems in the problems panel); readable times and numbers in the node previews; the sample-data choice saved
 * with the draft and restored when it is reopened, with a clear message when its demo table is gone.
 *
 * Outside the UI: SQL creates the demo tables the preview reads (and later renames one, as an upgrade of the demo
 * data would); the API signs the user up and writes one draft with a broken primary key.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchBrowser } from './browser';
import { signUpThroughApi, type ApiUser } from './support/api-as-user';
import { dropFromPalette, selectNode } from './support/graph-gestures';
import { startPlatformUnderTest, type PlatformUnderTest } from './support/platform-under-test';

let pt: PlatformUnderTest;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let ada: ApiUser;
let draftId = '';
const pageErrors: string[] = [];

const shot = (step: string) => page.screenshot({ path: `${ARTIFACTS}editor-inputs-${step}.png` });
const inputsPanel = () => page.getByRole('region', { name: 'Data this blueprint needs' });
const problems = () => page.getByRole('region', { name: 'Problems' }).textContent();
const previewOf = (id: string) => page.locator(`.react-flow__node[data-id="${id}"] .pt-node-preview`);

async function rename(label: string, name: string): Promise<void> {
  await inputsPanel().getByLabel(label, { exact: true }).fill(name);
  await inputsPanel().getByLabel(label, { exact: true }).press('Enter');
}

async function openInputsTab(): Promise<void> {
  await page.getByRole('tab', { name: 'Data this blueprint needs' }).click();
  await expect.poll(() => inputsPanel().count(), { timeout: 30_000 }).toBe(1);
}

/** Controls in the editor without an accessible name (label, aria-label, labelled-by, title or text). */
function unnamedControls(): Promise<string[]> {
  return page.locator('.pt-graph-editor').evaluate((root) =>
    [...root.querySelectorAll('button, input, select, textarea, [role="tab"]')]
      .filter((el) => {
        const e = el as HTMLInputElement;
        if (e.type === 'hidden' || e.type === 'file' || e.closest('[aria-hidden="true"]')) return false;
        const labelled = e.getAttribute('aria-labelledby');
        const named =
          e.getAttribute('aria-label')?.trim() ||
          (labelled && document.getElementById(labelled)?.textContent?.trim()) ||
          (e.labels && [...e.labels].some((l) => l.textContent?.trim())) ||
          e.getAttribute('title')?.trim() ||
          (e.tagName === 'BUTTON' && e.textContent?.trim());
        return !named;
      })
      .map((e) => e.outerHTML.slice(0, 120)),
  );
}

beforeAll(async () => {
  pt = await startPlatformUnderTest('editor-inputs');
  const sql = pt.platform.database.sql;
  await sql`create schema if not exists demo`;
  await sql.unsafe(`create table demo.pump_readings (
    reading_id int4 primary key, pump text not null, ts timestamptz not null, vibration float8)`);
  await sql.unsafe(`insert into demo.pump_readings values
    (1, 'P1', '2026-01-01 08:00:00+00', 2.718281828),
    (2, 'P1', '2026-01-01 08:01:00+00', 1234.5678),
    (3, 'P2', '2026-01-01 08:02:00+00', null)`);
  browser = await launchBrowser();
  // A fixed language and time zone, so that the readable times are known.
  context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  ada = await signUpThroughApi(context.request, pt.url, {
    email: 'ada@example.com',
    password: 'a long enough passphrase',
    name: 'Ada',
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await pt?.stop();
});

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

describe('the inputs panel and the live preview', { timeout: 180_000 }, () => {
  it('opens on an empty blueprint that says what to do next, every control named', async () => {
    await page.goto(`${pt.url}/editor`);
    await expect
      .poll(() => page.locator('.pt-canvas-empty').textContent(), { timeout: 30_000 })
      .toContain('Your blueprint is empty');
    await shot('01-empty-canvas');
    await openInputsTab();
    expect(await inputsPanel().textContent()).toContain('No inputs yet.');
    await shot('02-no-inputs');
    expect(await unnamedControls()).toEqual([]);
  });

  it('declares a table input with a title, a description and a primary key, each edit undoable', async () => {
    const panel = inputsPanel();
    await panel.getByRole('button', { name: 'Add a table input' }).click();
    await rename('Name of input data', 'readings');
    await panel.getByLabel('Title of input readings').fill('Pump readings');
    await panel.getByLabel('Description of input readings').fill('One row per vibration reading of a pump.');
    expect(await panel.textContent()).toContain('13 of 120 characters');

    // Undo and redo, from the toolbar, take back and bring back the description.
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => panel.getByLabel('Description of input readings').inputValue()).toBe('');
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect
      .poll(() => panel.getByLabel('Description of input readings').inputValue())
      .toBe('One row per vibration reading of a pump.');

    // Too long a title: the field says so in plain words, and so does the compiler in the problems panel.
    await panel.getByLabel('Title of input readings').fill('Pump readings '.repeat(10));
    await expect
      .poll(() => panel.getByRole('alert').first().textContent())
      .toBe('A title can be at most 120 characters long; this one has 140. Shorten it.');
    await expect.poll(() => problems(), { timeout: 20_000 }).toContain('PT014');
    expect(await problems()).toContain('"title" is too long');
    await shot('03-title-too-long');
    await panel.getByLabel('Title of input readings').fill('Pump readings');
    await expect.poll(() => problems(), { timeout: 20_000 }).not.toContain('PT014');

    await rename('Name of column id of readings', 'reading_id');
    await panel.getByLabel('Type of column reading_id of readings').selectOption('int4');
    for (const [column, type] of [
      ['pump', 'text'],
      ['ts', 'timestamptz'],
      ['vibration', 'float8'],
    ]) {
      await panel.getByRole('button', { name: 'Add a column to readings' }).click();
      await rename('Name of column column of readings', column);
      await panel.getByLabel(`Type of column ${column} of readings`).selectOption(type);
    }
    const key = panel.getByRole('group', { name: 'Columns that identify a row (primary key)' });
    expect(await key.textContent()).toContain('None ticked');
    await key.getByLabel('Column reading_id identifies a row of readings').check();
    await expect.poll(() => key.textContent()).toContain('A row is identified by reading_id.');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => key.textContent()).toContain('None ticked');
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(() => key.textContent()).toContain('A row is identified by reading_id.');
    await shot('04-input-declared');

    // A value input has a title and a description too (and no primary key).
    await panel.getByRole('button', { name: 'Add a value input' }).click();
    await panel.getByLabel('Title of input setting').fill('Alarm level');
    const card = panel.getByRole('article', { name: 'Input setting' });
    expect(await card.getByRole('group', { name: /primary key/ }).count()).toBe(0);
    // Nothing reads it yet: the card says so (PT150), as the problems panel does.
    await expect.poll(() => card.textContent(), { timeout: 20_000 }).toContain('PT150');
    // Clicking that problem in the problems panel, from the other tab, brings the input's card back.
    await page.getByRole('tab', { name: 'Node settings' }).click();
    const problem = page
      .getByRole('region', { name: 'Problems' })
      .getByRole('button', { name: /PT150.*"setting"/ });
    expect(await problem.textContent()).toContain('input setting');
    expect(await problem.textContent()).toContain('add a Parameter node that reads it');
    await problem.click();
    await expect
      .poll(() => page.getByRole('tab', { name: 'Data this blueprint needs' }).getAttribute('aria-selected'))
      .toBe('true');
    await expect
      .poll(() => card.evaluate((el) => el.contains(document.activeElement)), { timeout: 5_000 })
      .toBe(true);
    await card.scrollIntoViewIfNeeded();
    await shot('04b-value-input');
    await card.getByRole('button', { name: 'Remove input setting' }).click();
  });

  it('shows times, numbers and empty values readably in the node previews', async () => {
    const panel = inputsPanel();
    const sample = panel.getByLabel('Sample data for readings');
    expect(await panel.textContent()).toContain('Pick a demo table to see rows flow');
    await sample.selectOption('pump_readings');
    await dropFromPalette(page, 'core/source.table', { x: 160, y: 200 });
    await selectNode(page, 'source-table');
    await page.locator('#root_input').selectOption('readings');
    await expect.poll(() => previewOf('source-table').textContent(), { timeout: 30_000 }).toContain('3 rows');
    const text = (await previewOf('source-table').textContent()) ?? '';
    // Newest first: 08:02 (no vibration), 08:01 (1234.5678), 08:00 (2.718281828). A narrow cell shows the clock
    // time; hovering it shows the date too.
    expect(text).toContain('08:02:00');
    expect(await previewOf('source-table').locator('td[title="1 Jan 2026, 08:02"]').count()).toBe(1);
    expect(text).toContain('1,234.6');
    expect(text).toContain('2.718');
    expect(text).toContain('—');
    expect(text).not.toMatch(/2026-01-01T|1767254/);
    await shot('05-readable-preview');
    expect(await unnamedControls()).toEqual([]);
  });

  it('saves the sample-data choice with the draft and restores it, with the title and key, on reopening', async () => {
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect
      .poll(() => new URL(page.url()).pathname, { timeout: 20_000 })
      .toMatch(/^\/editor\/[0-9a-f-]{36}$/);
    draftId = new URL(page.url()).pathname.split('/')[2];
    const saved = await ada.call('GET', `/api/drafts/${draftId}`);
    expect(saved.body.preview).toEqual({ samples: { readings: 'pump_readings' } });
    expect(saved.body.document.inputs.readings).toMatchObject({
      title: 'Pump readings',
      description: 'One row per vibration reading of a pump.',
      primaryKey: ['reading_id'],
    });

    await page.reload();
    await expect.poll(() => previewOf('source-table').textContent(), { timeout: 30_000 }).toContain('3 rows');
    await openInputsTab();
    const panel = inputsPanel();
    await expect.poll(() => panel.getByLabel('Sample data for readings').inputValue()).toBe('pump_readings');
    expect(await panel.getByLabel('Title of input readings').inputValue()).toBe('Pump readings');
    expect(await panel.getByLabel('Column reading_id identifies a row of readings').isChecked()).toBe(true);
    await shot('06-reopened');
  });

  it('falls back with a message when the saved demo table is gone, and says what a bad primary key needs', async () => {
    await pt.platform.database.sql.unsafe('alter table demo.pump_readings rename to pump_readings_v2');
    await page.reload();
    const status = page.getByRole('status', { name: 'Live preview' });
    await expect
      .poll(() => status.textContent(), { timeout: 30_000 })
      .toContain('The demo table "pump_readings" for "readings" saved as sample data no longer exists');
    await openInputsTab();
    const panel = inputsPanel();
    expect(await panel.getByLabel('Sample data for readings').inputValue()).toBe('');
    expect(await panel.textContent()).toContain(
      'The demo table "pump_readings" saved as sample data for readings no longer exists',
    );
    await shot('07-sample-table-gone');
    await panel.getByLabel('Sample data for readings').selectOption('pump_readings_v2');
    await expect.poll(() => status.textContent()).not.toContain('no longer exists');
    await expect.poll(() => previewOf('source-table').textContent(), { timeout: 30_000 }).toContain('3 rows');

    // A draft whose primary key names a column the input lacks (as an imported file might): PT153 in the
    // problems panel, and the field says which name to untick.
    const { body } = await ada.call('GET', `/api/drafts/${draftId}`);
    body.document.inputs.readings.primaryKey = ['reading_id', 'uid'];
    const put = await ada.call('PUT', `/api/drafts/${draftId}`, {
      title: body.title,
      document: body.document,
    });
    expect(put.status).toBe(200);
    await page.reload();
    await expect.poll(() => problems(), { timeout: 30_000 }).toContain('PT153');
    expect(await problems()).toContain('names the column "uid", which the input does not declare');
    await openInputsTab();
    const key = inputsPanel().getByRole('group', { name: 'Columns that identify a row (primary key)' });
    expect(await key.textContent()).toContain('uid (not a column of this input)');
    expect(await key.getByRole('alert').textContent()).toContain('untick it or add a column called "uid"');
    await shot('08-bad-primary-key');
    // Unticked, the name that is not a column leaves the list.
    await key.getByLabel('Column uid identifies a row of readings').click();
    await expect.poll(() => key.getByLabel('Column uid identifies a row of readings').count()).toBe(0);
    await expect.poll(() => problems(), { timeout: 20_000 }).not.toContain('PT153');
    expect(await unnamedControls()).toEqual([]);
  });
});
