import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Blueprint } from '../runtime/compiler/document-types';
import { ARTIFACTS, launchBrowser } from './browser';
import { serveBuiltEditor } from './editor-server';

let browser: Browser;
let page: Page;
let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
  server = await serveBuiltEditor();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(`${server.url}harness/graph.html?bench=1000`);
  await page.waitForSelector('.react-flow__node');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const doc = (): Promise<Blueprint> => page.evaluate(() => window.ptGraph!.store.getState().doc);
const zoom = () =>
  page.evaluate(
    () => new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform).a,
  );
const positionOf = async (id: string) => (await doc()).nodes.find((n) => n.id === id)!.position!;
const undoSteps = () => page.evaluate(() => window.ptGraph!.store.getState().past.length);

/** How many curves (connections) or boxes (nodes) the far view's paths of a class draw. */
function shapesDrawn(selector: string, command: 'C' | 'z'): Promise<number> {
  return page.evaluate(
    ([sel, cmd]) =>
      [...document.querySelectorAll(sel)].reduce(
        (sum, path) => sum + (path.getAttribute('d') ?? '').split(cmd).length - 1,
        0,
      ),
    [selector, command] as const,
  );
}

describe('graph editor with a 1,000-node blueprint', () => {
  it('opens zoomed out on the whole graph, drawn in outline: every node a box, every connection a curve', async () => {
    expect(await zoom()).toBeLessThan(0.4);
    await expect.poll(() => shapesDrawn('.pt-far-drawing path[class^="pt-far-edge-"]', 'C')).toBe(1500);
    expect(await shapesDrawn('.pt-far-drawing path.pt-far-box', 'z')).toBe(1000);
    // Coloured by category: table sources, transforms, charts and parameters each have their own path.
    expect(await page.locator('.pt-far-drawing path.pt-cat-source').count()).toBeGreaterThan(0);
    expect(await page.locator('.pt-far-drawing path.pt-cat-component').count()).toBeGreaterThan(0);
    // React Flow's own connection elements are not drawn; its node elements stay, invisible, to be dragged.
    expect(await page.locator('.react-flow__edge').count()).toBe(0);
    expect(await page.locator('.react-flow__node .pt-node-far').count()).toBe(1000);
    await page.screenshot({ path: `${ARTIFACTS}graph-editor-large-far.png` });
  });

  it('drags a node in the far view, writing the document once at the end, as one undo step', async () => {
    const before = await positionOf('calc40');
    const steps = await undoSteps();
    const box = (await page.locator('.react-flow__node[data-id="calc40"]').boundingBox())!;
    const from = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 10, from.y + 5, { steps: 3 });
    await page.mouse.move(from.x + 60, from.y + 40, { steps: 10 });
    // Mid-drag the node and its connections are drawn on the moving layer; the document is not yet touched.
    await expect.poll(() => shapesDrawn('.pt-far-moving path.pt-far-box', 'z'), { timeout: 2000 }).toBe(1);
    expect(await shapesDrawn('.pt-far-moving path[class^="pt-far-edge-"]', 'C')).toBeGreaterThan(1);
    expect(await positionOf('calc40')).toEqual(before);
    await page.screenshot({ path: `${ARTIFACTS}graph-editor-large-far-drag.png` });
    await page.mouse.up();

    await expect.poll(async () => (await positionOf('calc40')).x).toBeGreaterThan(before.x + 300);
    expect(await undoSteps()).toBe(steps + 1);
    expect(await shapesDrawn('.pt-far-moving path', 'z')).toBe(0);
    await page.keyboard.press('Control+z');
    await expect.poll(() => positionOf('calc40')).toEqual(before);
  });

  it('draws nodes in full, with ports and React Flow connections, at the working zoom', async () => {
    const canvas = (await page.locator('.pt-canvas').boundingBox())!;
    await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
    for (let i = 0; i < 60 && (await zoom()) < 0.95; i++) {
      await page.mouse.wheel(0, -200);
      await page.waitForTimeout(60);
    }
    expect(await zoom()).toBeGreaterThanOrEqual(0.95);
    await expect.poll(() => page.locator('.pt-far-drawing').count()).toBe(0);
    expect(await page.locator('.react-flow__node .pt-node-head').count()).toBeGreaterThan(0);
    expect(await page.locator('.react-flow__node .react-flow__handle').count()).toBeGreaterThan(0);
    // Nodes drawn as boxes before are measured anew, so their connections find their ports.
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            [...document.querySelectorAll('.react-flow__edge path.react-flow__edge-path')].filter(
              (p) => (p.getAttribute('d') ?? '').length > 0,
            ).length,
        ),
      )
      .toBeGreaterThan(0);
    await page.screenshot({ path: `${ARTIFACTS}graph-editor-large-near.png` });
  });
});
