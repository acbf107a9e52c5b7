/**
 * Gestures on the graph editor's canvas with the real mouse, as a person makes them: dragging a node type from
 * the palette, connecting two ports, selecting a node (not a test itself).
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** A point on the page, in CSS pixels. */
export interface Point {
  x: number;
  y: number;
}

/**
 * The centre of the first element the selector finds; throws when it is not on screen.
 * @example const centre = await centreOf(page, '.pt-canvas')
 */
export async function centreOf(page: Page, selector: string): Promise<Point> {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not on screen`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * Drags with the real mouse from one point to another, in small steps, as a person would.
 * @example await drag(page, { x: 10, y: 10 }, { x: 300, y: 200 })
 */
export async function drag(page: Page, from: Point, to: Point): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 8, from.y + 4, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: 15 });
  await page.mouse.up();
}

/**
 * Drags a node type from the palette onto the canvas, at a point relative to the canvas' top-left corner.
 * @example await dropFromPalette(page, 'core/filter', { x: 400, y: 200 })
 */
export async function dropFromPalette(page: Page, typeId: string, at: Point): Promise<void> {
  await page.locator(`[data-type-id="${typeId}"]`).scrollIntoViewIfNeeded();
  const canvas = await page.locator('.pt-canvas').boundingBox();
  if (!canvas) throw new Error('the canvas is not on screen');
  await drag(page, await centreOf(page, `[data-type-id="${typeId}"]`), {
    x: canvas.x + at.x,
    y: canvas.y + at.y,
  });
}

/**
 * The selector of a node's port handle on the canvas.
 * @example handleSelector('filter', 'rows', 'target')
 */
export function handleSelector(node: string, port: string, kind: 'source' | 'target'): string {
  return `.react-flow__node[data-id="${node}"] .react-flow__handle.${kind}[data-handleid="${port}"]`;
}

/**
 * Connects an output port to an input port by dragging between their handles ("node.port" each).
 * @example await connect(page, 'source-table.rows', 'filter.rows')
 */
export async function connect(page: Page, from: string, to: string): Promise<void> {
  const [fromNode, fromPort] = from.split('.');
  const [toNode, toPort] = to.split('.');
  await drag(
    page,
    await centreOf(page, handleSelector(fromNode, fromPort, 'source')),
    await centreOf(page, handleSelector(toNode, toPort, 'target')),
  );
}

/**
 * Selects a node by clicking its title, and waits for its settings to open in the side panel.
 * @example await selectNode(page, 'kpi')
 */
export async function selectNode(page: Page, id: string): Promise<void> {
  await page.locator(`.react-flow__node[data-id="${id}"] .pt-node-head`).click();
  await expect.poll(() => page.getByRole('complementary', { name: `Settings of ${id}` }).count()).toBe(1);
}
