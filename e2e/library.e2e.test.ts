import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { blueprintDoc, MATCHING_MODEL, modelCard } from '../server/registry/test-fixtures';
import { ARTIFACTS, launchBrowser } from './browser';
import { signUpThroughApi, type ApiUser } from './support/api-as-user';
import { startPlatformUnderTest, type PlatformUnderTest } from './support/platform-under-test';

/** Libraries that only the dashboard, the graph editor or 3D panels need: the library must not load them. */
const HEAVY = /node_modules\/(vega|vega-lite|vega-embed|vega-[a-z-]+|onnxruntime-web|three|@xyflow)\//;

/** The example pump-fleet blueprint under another name and title, its model node using spindle-wear. */
function usingModel(name: string, version: string, title: string) {
  const doc = blueprintDoc(name, version, {
    title,
    description: `${title}: vibration, temperature and remaining life.`,
  });
  for (const node of doc.nodes as { config: Record<string, unknown> }[]) {
    if (typeof node.config.model === 'string') node.config.model = 'spindle-wear@^1';
  }
  return doc;
}

let pt: PlatformUnderTest;
let browser: Browser;
let publisher: ApiUser;
let visitor: BrowserContext;
let page: Page;
/** The JavaScript files the visitor's browser fetched, by file name (assets/…). */
const fetchedScripts = new Set<string>();
const pageErrors: string[] = [];

beforeAll(async () => {
  pt = await startPlatformUnderTest('library');
  browser = await launchBrowser();
  const publisherContext = await browser.newContext();
  publisher = await signUpThroughApi(publisherContext.request, pt.url, {
    email: 'grace@example.com',
    password: 'grace-password-123',
    name: 'Grace Hopper',
  });
  // A model with a card (signature, metrics) and two blueprints that use it, one in two versions. (The
  // platform also publishes the blueprints that ship with it; these names and words are distinct from theirs.)
  const card = modelCard('spindle-wear', '1.0.0', {
    title: 'Spindle wear estimate',
    metrics: [{ name: 'Mean absolute error', value: 16.8, unit: 'h', dataset: '16 held-out spindles' }],
  });
  const model = await publisherContext.request.post(`${pt.url}/api/models/spindle-wear/versions`, {
    headers: { 'x-csrf-token': publisher.csrfToken, origin: pt.url },
    multipart: {
      card: JSON.stringify(card),
      model: {
        name: 'spindle-wear.onnx',
        mimeType: 'application/octet-stream',
        buffer: Buffer.from(MATCHING_MODEL),
      },
    },
  });
  expect(model.status(), await model.text()).toBe(201);
  for (const [name, version, title] of [
    ['spindles', '1.0.0', 'Spindle fleet monitor'],
    ['spindles', '1.1.0', 'Spindle fleet monitor'],
    ['oven-spindles', '1.0.0', 'Oven spindle temperatures'],
  ]) {
    const published = await publisher.call(
      'POST',
      `/api/blueprints/${name}/versions`,
      usingModel(name, version, title),
    );
    expect(published.status, JSON.stringify(published.body)).toBe(201);
  }

  visitor = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await visitor.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/assets/') && path.endsWith('.js')) fetchedScripts.add(path.slice(1));
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await pt?.stop();
});

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

const cardTitles = async () =>
  (await page.getByRole('list', { name: 'Blueprints found' }).getByRole('heading').allTextContents()).sort();

describe('the library in Chromium', { timeout: 120_000 }, () => {
  it('lists the blueprints, and the search finds one as you type', async () => {
    await page.goto(`${pt.url}/library`);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/library/blueprints');
    await expect
      .poll(cardTitles)
      .toEqual(expect.arrayContaining(['Oven spindle temperatures', 'Spindle fleet monitor']));
    expect(
      await page
        .getByRole('status')
        .filter({ hasText: /^\d+ blueprints$/ })
        .count(),
    ).toBe(1);

    await page.getByLabel('Search blueprints').fill('spindle fl');
    await expect.poll(cardTitles).toEqual(['Spindle fleet monitor']);
    expect(new URL(page.url()).searchParams.get('q')).toBe('spindle fl');
    const card = page.getByRole('article').filter({ hasText: 'Spindle fleet monitor' });
    expect(await card.textContent()).toContain('by Grace Hopper');
    expect(await card.textContent()).toContain('v1.1.0');
    await page.screenshot({ path: `${ARTIFACTS}library-search.png` });

    await page.getByLabel('Search blueprints').fill('no such thing anywhere');
    await expect.poll(() => page.getByText('No blueprints match').count()).toBe(1);
    await page.getByRole('button', { name: 'Clear the search' }).click();
    await expect
      .poll(cardTitles)
      .toEqual(expect.arrayContaining(['Oven spindle temperatures', 'Spindle fleet monitor']));
  });

  it("opens a blueprint's page: the data it needs, its versions, and Use this blueprint", async () => {
    await page.getByRole('link', { name: 'Spindle fleet monitor' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Spindle fleet monitor');
    expect(new URL(page.url()).pathname).toBe('/library/blueprints/spindles');
    const versions = page.getByRole('table', { name: 'Versions, newest first' });
    expect(await versions.getByRole('rowheader').allTextContents()).toEqual(['1.1.0 latest', '1.0.0']);
    const columns = page.getByRole('table', { name: 'Columns of Pump telemetry' });
    expect(await columns.getByRole('row', { name: /vibration_rms/ }).textContent()).toContain('mm/s');
    await page.screenshot({ path: `${ARTIFACTS}library-blueprint.png`, fullPage: true });

    await page.getByRole('link', { name: 'Use this blueprint' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/deploy/spindles/1.1.0');
    // The deploy wizard opens on the blueprint; a visitor is asked to sign in first.
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Spindle fleet monitor');
    await expect.poll(() => page.getByText('Sign in to deploy').count()).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe(
      `/login?next=${encodeURIComponent('/deploy/spindles/1.1.0')}`,
    );
    await page.screenshot({ path: `${ARTIFACTS}library-deploy-start.png`, fullPage: true });
  });

  it("opens a model's page with its card as tables, and the blueprints that use it", async () => {
    await page.getByRole('banner').getByRole('link', { name: 'Library' }).click();
    await page.getByRole('navigation', { name: 'Registries' }).getByRole('link', { name: 'Models' }).click();
    await page.getByRole('link', { name: 'Spindle wear estimate' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Spindle wear estimate');
    const inputs = page.getByRole('table', { name: 'Inputs' });
    expect(await inputs.getByRole('row', { name: /vib_mean/ }).textContent()).toContain('mm/s');
    expect(await inputs.getByRole('row', { name: /temp_max/ }).textContent()).toContain('degC');
    const outputs = page.getByRole('table', { name: 'Outputs' });
    expect(await outputs.getByRole('row', { name: /rul_hours/ }).textContent()).toContain('h');
    expect(await page.getByRole('row', { name: /Mean absolute error/ }).textContent()).toContain('16.8 h');
    const facts = await page.locator('.facts').first().textContent();
    expect(facts).toContain('Regression (predicts a number)');
    expect(facts).toContain('Apache-2.0');
    const usedBy = page.getByRole('list', { name: 'Entries that use this model' });
    expect((await usedBy.getByRole('heading').allTextContents()).sort()).toEqual([
      'Oven spindle temperatures',
      'Spindle fleet monitor',
    ]);
    await page.screenshot({ path: `${ARTIFACTS}library-model.png`, fullPage: true });
  });

  it('browses the components by kind, and opens one named scope/name', async () => {
    await page.goto(`${pt.url}/library/components`);
    await page.getByLabel('Kind of node').selectOption('source');
    await expect.poll(() => new URL(page.url()).searchParams.get('filter')).toBe('source');
    const found = page.getByRole('list', { name: 'Components found' });
    await expect
      .poll(async () => (await found.getByRole('heading').allTextContents()).sort())
      .toEqual(['CSV file', 'Parameter', 'Table source']);
    await page.screenshot({ path: `${ARTIFACTS}library-components.png` });
    await found.getByRole('link', { name: 'Table source' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/library/components/core/source.table');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Table source');
    expect(await page.getByRole('heading', { name: 'Connections' }).count()).toBe(1);
    const usedBy = page.getByRole('list', { name: 'Entries that use this component' });
    await expect.poll(() => usedBy.getByRole('heading', { name: 'Spindle fleet monitor' }).count()).toBe(1);
  });

  it('never downloads vega, onnxruntime, three.js or React Flow on the library pages', () => {
    const byFile = new Map(pt.chunks.map((chunk) => [chunk.fileName, chunk]));
    const heavyChunks = pt.chunks.filter((chunk) => chunk.moduleIds.some((id) => HEAVY.test(id)));
    // The check means something: the build does hold chunks with those libraries (for the other pages).
    expect(heavyChunks.some((c) => c.moduleIds.some((id) => id.includes('/node_modules/vega')))).toBe(true);
    expect(heavyChunks.some((c) => c.moduleIds.some((id) => id.includes('/node_modules/@xyflow/')))).toBe(
      true,
    );
    const fetched = [...fetchedScripts];
    expect(fetched.some((file) => /LibraryPage/.test(file))).toBe(true);
    expect(fetched.some((file) => /EntryPage/.test(file))).toBe(true);
    for (const file of fetched) expect(byFile.has(file), `${file} is a file of the build`).toBe(true);
    const heavyFetched = fetched.filter((file) => heavyChunks.some((chunk) => chunk.fileName === file));
    expect(heavyFetched).toEqual([]);
  });

  it('forks a blueprint once signed in, and says plainly what happened', async () => {
    await page.goto(`${pt.url}/library/blueprints/spindles`);
    await page.getByRole('link', { name: 'Log in to fork' }).click();
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Your name').fill('Alan');
    await page.getByLabel('Email').fill('alan@example.com');
    await page.getByLabel('Password').fill('alan-password-123');
    await page.getByRole('button', { name: 'Create account' }).click();
    // Back on the blueprint's page (the address it came from), now signed in.
    await expect.poll(() => page.getByLabel('Name of your copy').inputValue()).toBe('spindles-copy');
    expect(new URL(page.url()).pathname).toBe('/library/blueprints/spindles');

    await page.getByLabel('Name of your copy').fill('spindles');
    await page.getByRole('button', { name: 'Fork this blueprint' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('The name is taken: there is already a blueprint "spindles"');
    await page.getByLabel('Name of your copy').fill('alans-spindles');
    await page.getByRole('button', { name: 'Fork this blueprint' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Forked' }).textContent())
      .toBe('Forked. Your copy is alans-spindles.');
    await page.screenshot({ path: `${ARTIFACTS}library-forked.png` });
    await page.getByRole('link', { name: 'alans-spindles' }).click();
    await expect
      .poll(() => page.locator('.entry-facts').textContent())
      .toContain('forked from spindles 1.1.0');
    expect(await page.locator('.entry-facts').textContent()).toContain('by Alan');
  });

  it('says so when an entry or a part of the library does not exist', async () => {
    await page.goto(`${pt.url}/library/blueprints/no-such-blueprint`);
    await expect
      .poll(() => page.getByRole('heading', { level: 2 }).first().textContent())
      .toBe('This blueprint is not in the library');
    expect(await page.getByRole('alert').textContent()).toContain(
      'There is no blueprint "no-such-blueprint"',
    );
    await page.goto(`${pt.url}/library/widgets`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
  });
});
