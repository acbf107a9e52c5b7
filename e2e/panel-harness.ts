import type { Page } from 'playwright-core';
import type { ChangeBatch, Row } from '../runtime/engine/node-api';
import { ARTIFACTS } from './browser';

/** Columns of a panel's input as the harness takes them. */
export type Columns = { name: string; type: string; unit?: string }[];

/**
 * A change batch with empty lists for what is not given.
 * @example batch({ deletes: ['a1'] })
 */
export const batch = (parts: Partial<ChangeBatch>): ChangeBatch => ({
  inserts: [],
  updates: [],
  deletes: [],
  ...parts,
});

/**
 * Keyed rows from [key, row] pairs.
 * @example rows([['1', { rul: 5 }]])
 */
export const rows = (list: [string, Row][]) => list.map(([key, row]) => ({ key, row }));

/**
 * Opens the component harness page of a served editor build and styles it like a dashboard for screenshots.
 * @example await openHarness(page, server.url)
 */
export async function openHarness(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}harness/components.html`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  await page.addStyleTag({
    content: `body { background: #eef1f5; } #panels { display: flex; flex-wrap: wrap; align-items: flex-start; padding: 8px; }
      .harness-panel { background: #fff; border: 1px solid #d9dee5; border-radius: 8px; box-shadow: 0 1px 2px rgb(0 0 0 / 6%); }`,
  });
}

/**
 * Shortcuts for driving the harness on the page `current()` returns: mount a panel, push a batch, read texts and
 * take a panel's screenshot into e2e/artifacts/.
 * @example const { mount, push } = harnessOn(() => page)
 */
export function harnessOn(current: () => Page) {
  return {
    mount(
      typeId: string,
      config: Record<string, unknown>,
      columns: Columns,
      width = 420,
      height = 260,
    ): Promise<string> {
      return current().evaluate(
        (request) => window.ptHarness.mount(request as Parameters<typeof window.ptHarness.mount>[0]),
        { typeId, config, columns, width, height },
      );
    },
    async push(id: string, changes: ChangeBatch): Promise<void> {
      // Sent as plain JSON: Playwright's argument types recurse without end on the recursive Value type.
      const json: unknown = changes;
      await current().evaluate(({ panel, b }) => window.ptHarness.push(panel, b as ChangeBatch), {
        panel: id,
        b: json,
      });
    },
    texts: (selector: string) => current().locator(selector).allTextContents(),
    shot: (id: string, name: string) =>
      current()
        .locator(`#${id}`)
        .screenshot({ path: `${ARTIFACTS}${name}.png` }),
  };
}
