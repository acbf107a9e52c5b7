import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import example from '../docs/examples/pump-fleet.blueprint.json';
import { ARTIFACTS, launchBrowser } from './browser';
import { serveBuiltEditor } from './editor-server';

let browser: Browser;
let page: Page;
let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
  server = await serveBuiltEditor();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the blueprint checker in Chromium', () => {
  it('compiles the example in the browser and shows its plan', async () => {
    await page.goto(`${server.url}check`);
    await expect.poll(() => page.getByTestId('summary').textContent()).toContain('No errors');
    const steps = await page.locator('.plan-nodes li strong').allTextContents();
    expect(steps).toEqual(['telemetry', 'features', 'trend', 'rul', 'fleet_rul', 'health']);
    const carried = await page.getByRole('row', { name: /rul.*health/ }).textContent();
    expect(carried).toContain('rul_hours (float8, h)');
    await page.screenshot({ path: `${ARTIFACTS}checker-valid.png`, fullPage: true });
  });

  it('shows coded problems for a broken blueprint and selects the culprit when one is clicked', async () => {
    const broken = structuredClone(example);
    broken.nodes[3].config.y = ['vibration'];
    broken.nodes[4].type = 'core/kpi@^3';
    await page.getByLabel('Blueprint JSON').fill(JSON.stringify(broken, null, 2));
    await expect.poll(() => page.getByTestId('summary').textContent()).toContain('2 errors');
    const problems = page.getByRole('list', { name: 'Problems' }).getByRole('button');
    await expect.poll(() => problems.count()).toBe(2);
    const missing = problems.filter({ hasText: 'PT130' });
    expect(await missing.textContent()).toContain('needs the column "vibration"');
    expect(await problems.filter({ hasText: 'PT103' }).textContent()).toContain(
      'core/kpi at ^3, but the only version is 1.0.0',
    );
    await missing.click();
    const selected = await page
      .getByLabel('Blueprint JSON')
      .evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd));
    expect(selected).toBe('"vibration"');
    expect(await page.locator('.plan').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}checker-problems.png`, fullPage: true });
  });

  it('explains text that is not JSON instead of failing', async () => {
    await page.getByLabel('Blueprint JSON').fill('{ "nodes": [ }');
    await expect.poll(() => page.getByRole('list', { name: 'Problems' }).textContent()).toContain('PT001');
    expect(await page.getByRole('list', { name: 'Problems' }).textContent()).toMatch(
      /not valid JSON at line 1/,
    );
  });

  it('opens a blueprint file from disk', async () => {
    await page.getByLabel('Open a blueprint file…').setInputFiles({
      name: 'empty.json',
      mimeType: 'application/json',
      buffer: Buffer.from(''),
    });
    await expect.poll(() => page.getByRole('list', { name: 'Problems' }).textContent()).toContain('PT002');
    await page.getByRole('button', { name: 'Load the example' }).click();
    await expect.poll(() => page.getByTestId('summary').textContent()).toContain('No errors');
  });
});
