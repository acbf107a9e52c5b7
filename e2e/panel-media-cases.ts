import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Row } from '../runtime/engine/node-api';
import { ARTIFACTS } from './browser';
import { batch, harnessOn, rows, type Columns } from './panel-harness';

/** What the media, text and alert cases need from the suite that runs them. */
export interface PanelEnv {
  page: Page;
  /** Base address of the test's own media server (serves pump.png and clip.webm). */
  mediaUrl: string;
  /** Paths the media server was asked for. */
  requests: string[];
  /** The same pump picture as a data: URL. */
  pngDataUrl: string;
}

/**
 * Registers the Chromium cases of core/markdown, core/image, core/video and core/alert-list, run by
 * panels.e2e.test.ts on its page (one editor build for all panel cases).
 * @example describeTextMediaAndAlertPanels(() => ({ page, mediaUrl: media.url, requests: media.requests, pngDataUrl }))
 */
export function describeTextMediaAndAlertPanels(env: () => PanelEnv): void {
  const { mount, push, texts, shot } = harnessOn(() => env().page);

  describe('core/markdown in Chromium', () => {
    it('renders Markdown as elements with values from the newest row, and runs no script', async () => {
      const text = [
        '## Pump {{pump_id}}',
        'Remaining life: **{{rul}}**, see the [maintenance guide](https://example.com/guide).',
        '',
        '- check the bearings',
        '- log the reading',
        '',
        '<script>window.ptPwned = "script"</script>',
        '<img src="x" onerror="window.ptPwned = \'onerror\'">',
        '',
        '[click](javascript:window.ptPwned=1)',
      ].join('\n');
      const columns: Columns = [
        { name: 'pump_id', type: 'text' },
        { name: 'rul', type: 'float8', unit: 'h' },
        { name: 'ts', type: 'timestamptz' },
      ];
      const id = await mount('core/markdown', { text, time: 'ts' }, columns, 420, 260);
      await expect
        .poll(() => env().page.locator(`#${id} .pt-markdown-status`).textContent())
        .toBe('Waiting for data…');
      await push(
        id,
        batch({
          inserts: rows([
            ['a', { pump_id: 'P-7', rul: 41.25, ts: 2 }],
            ['b', { pump_id: 'P-3', rul: 9, ts: 1 }],
          ]),
        }),
      );
      await expect.poll(() => env().page.locator(`#${id} .pt-markdown h2`).textContent()).toBe('Pump P-7');
      expect(await env().page.locator(`#${id} .pt-markdown strong`).textContent()).toBe('41.3 h');
      expect(await texts(`#${id} .pt-markdown li`)).toEqual(['check the bearings', 'log the reading']);
      const link = env().page.locator(`#${id} .pt-markdown a`, { hasText: 'maintenance guide' });
      expect(await link.getAttribute('href')).toBe('https://example.com/guide');
      expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
      expect(await env().page.locator(`#${id} script`).count()).toBe(0);
      expect(await env().page.locator(`#${id} [onerror]`).count()).toBe(0);
      expect(
        await env().page.locator(`#${id} .pt-markdown a`, { hasText: 'click' }).getAttribute('href'),
      ).toBeNull();
      await env().page.waitForTimeout(200); // give a broken image's error handler time to run, if it existed
      expect(
        await env().page.evaluate(() => (window as unknown as { ptPwned?: unknown }).ptPwned),
      ).toBeUndefined();
      expect(await env().page.locator(`#${id} .pt-markdown-status`).count()).toBe(0);
      await shot(id, 'panel-markdown');
    });

    it('says so when there is no text', async () => {
      const id = await mount('core/markdown', {}, [], 300, 120);
      await expect
        .poll(() => env().page.locator(`#${id} [data-state=empty]`).textContent())
        .toContain('No text yet');
    });
  });

  describe('core/image and core/video in Chromium', () => {
    it('shows an image from the config and from the newest row, with its description', async () => {
      const fixed = await mount(
        'core/image',
        { url: env().pngDataUrl, alt: 'Pump P-7 from the inlet side' },
        [],
        340,
        250,
      );
      const image = env().page.locator(`#${fixed} img`);
      await expect
        .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
        .toBe(320);
      expect(await image.getAttribute('src')).toBe(env().pngDataUrl);
      expect(await image.getAttribute('alt')).toBe('Pump P-7 from the inlet side');
      await shot(fixed, 'panel-image');

      const columns: Columns = [
        { name: 'snapshot', type: 'text' },
        { name: 'caption', type: 'text' },
      ];
      const live = await mount(
        'core/image',
        { urlColumn: 'snapshot', altColumn: 'caption' },
        columns,
        340,
        250,
      );
      await expect
        .poll(() => env().page.locator(`#${live} [role=status]`).textContent())
        .toBe('Waiting for data…');
      await push(
        live,
        batch({ inserts: rows([['1', { snapshot: `${env().mediaUrl}pump.png`, caption: 'Camera 2' }]]) }),
      );
      const liveImage = env().page.locator(`#${live} img`);
      await expect.poll(() => liveImage.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);
      expect(await liveImage.getAttribute('alt')).toBe('Camera 2');
      expect(env().requests).toContain('/pump.png');
    });

    it('explains an image that cannot be loaded and an address it refuses', async () => {
      const broken = await mount(
        'core/image',
        { url: `${env().mediaUrl}missing.png`, alt: 'Floor plan' },
        [],
        340,
        200,
      );
      const alert = env().page.locator(`#${broken} [role=alert]`);
      await expect.poll(() => alert.textContent()).toContain('The image could not be loaded');
      expect(await alert.textContent()).toContain('PTR453');
      await shot(broken, 'panel-image-error');
      const unsafe = await mount('core/image', { url: 'javascript:alert(1)' }, [], 340, 200);
      await expect
        .poll(() => env().page.locator(`#${unsafe} [role=alert]`).textContent())
        .toContain('PTR455');
      expect(await env().page.locator(`#${unsafe} img`).count()).toBe(0);
    });

    it('plays a video with native controls, and explains one that cannot be played', async () => {
      const src = `${env().mediaUrl}clip.webm`;
      const id = await mount('core/video', { url: src, title: 'Pump start-up' }, [], 380, 250);
      const video = env().page.locator(`#${id} video`);
      await expect
        .poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState))
        .toBeGreaterThanOrEqual(1);
      expect(await video.getAttribute('src')).toBe(src);
      expect(await video.evaluate((v: HTMLVideoElement) => v.controls)).toBe(true);
      expect(await video.getAttribute('aria-label')).toBe('Pump start-up');
      expect(await env().page.locator(`#${id} [role=status]`).count()).toBe(0);
      await shot(id, 'panel-video');
      const broken = await mount('core/video', { url: `${env().mediaUrl}missing.webm` }, [], 380, 200);
      await expect
        .poll(() => env().page.locator(`#${broken} [role=alert]`).textContent())
        .toContain('The video could not be played');
      await shot(broken, 'panel-video-error');
      const none = await mount('core/video', {}, [], 380, 200);
      await expect
        .poll(() => env().page.locator(`#${none} [data-state=empty]`).textContent())
        .toContain('No video chosen');
    });
  });

  describe('core/alert-list in Chromium', () => {
    const columns: Columns = ['alert_id', 'rule', 'severity', 'message', 'entity'].map((name) => ({
      name,
      type: 'text',
    }));
    columns.push({ name: 'ts', type: 'timestamptz' }, { name: 'value', type: 'float8' });
    const alert = (id: string, severity: string, minute: number, message: string, entity: string | null) =>
      [
        id,
        {
          alert_id: id,
          rule: 'bearing-hot',
          severity,
          message,
          entity,
          ts: Date.UTC(2026, 10, 25, 8, minute),
          value: 80 + minute,
        },
      ] as [string, Row];

    it('lists alerts newest first, coloured by severity, with the count, and updates on delete', async () => {
      const id = await mount('core/alert-list', { title: 'Pump alerts' }, columns, 460, 280);
      await expect
        .poll(() => env().page.locator(`#${id} [role=status]`).textContent())
        .toBe('Waiting for data…');
      await push(
        id,
        batch({
          inserts: rows([
            alert('a1', 'warning', 5, 'Bearing temperature above 80 °C', 'P-3'),
            alert('a2', 'alarm', 20, 'Bearing temperature above 95 °C', 'P-7'),
            alert('a3', 'warning', 12, 'Vibration rising', null),
          ]),
        }),
      );
      const ids = () =>
        env()
          .page.locator(`#${id} li`)
          .evaluateAll((items) => items.map((li) => li.getAttribute('data-alert-id')));
      await expect.poll(ids).toEqual(['a2', 'a3', 'a1']);
      expect(await env().page.getByTestId('alert-count').textContent()).toBe('3');
      expect(await env().page.locator(`#${id} .pt-panel-meta`).textContent()).toBe('1 alarm, 2 warnings');
      // The panel frame shows the title; the list's own header holds only the count and severities.
      expect(await env().page.locator(`#${id} [data-testid=alert-summary]`).textContent()).toBe(
        '3active1 alarm, 2 warnings',
      );
      expect(await env().page.getByRole('list', { name: 'Pump alerts' }).count()).toBe(1);
      expect(await env().page.locator(`#${id} li`).first().getAttribute('class')).toContain(
        'pt-alert--alarm',
      );
      expect(await env().page.locator(`#${id} li`).nth(1).getAttribute('class')).toContain(
        'pt-alert--warning',
      );
      expect(await env().page.locator(`#${id} li`).first().textContent()).toContain(
        'P-7 · rule bearing-hot · value 100.00',
      );
      expect(await env().page.locator(`#${id} li time`).first().textContent()).toBe(
        'Nov 25, 2026, 8:20:00 AM',
      );
      await shot(id, 'panel-alert-list');
      await push(id, batch({ deletes: ['a2'] }));
      await expect.poll(ids).toEqual(['a3', 'a1']);
      expect(await env().page.getByTestId('alert-count').textContent()).toBe('2');
      expect(await env().page.getByTestId('alert-count').getAttribute('class')).toContain(
        'pt-alerts-count--warning',
      );
      await push(id, batch({ deletes: ['a1', 'a3'] }));
      await expect
        .poll(() => env().page.locator(`#${id} [data-state=empty]`).textContent())
        .toContain('No active alerts');
      expect(await env().page.getByTestId('alert-count').textContent()).toBe('0');
      await shot(id, 'panel-alert-list-empty');
      await env()
        .page.locator('#panels')
        .screenshot({ path: `${ARTIFACTS}panels-media-text-alerts.png` });
    });
  });
}
