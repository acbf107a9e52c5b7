import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnInfo } from '../runtime/compiler/plan';
import type { ChangeBatch, KeyedRow } from '../runtime/engine/node-api';
import type { ChartElement, MarkSummary } from '../nodes/chart-kit/chart-view';
import { ARTIFACTS, launchBrowser } from './browser';
import { serveBuiltEditor } from './editor-server';

let server: Awaited<ReturnType<typeof serveBuiltEditor>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await serveBuiltEditor();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 900, height: 700 } });
  await page.goto(`${server.url}harness/components.html`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);
const batch = (inserts: KeyedRow[] = [], updates: KeyedRow[] = [], deletes: string[] = []): ChangeBatch => ({
  inserts,
  updates,
  deletes,
});

/** Mounts a chart panel and waits until its Vega view is embedded. */
async function mount(
  typeId: string,
  config: Record<string, unknown>,
  columns: ColumnInfo[],
  width = 600,
  height = 320,
): Promise<string> {
  const id = await page.evaluate((request) => window.ptHarness.mount(request), {
    typeId,
    config,
    columns,
    width,
    height,
  });
  await page.waitForFunction((id) => {
    const el = document.getElementById(id) as ChartElement | null;
    return el?.ptChart?.view() !== undefined;
  }, id);
  return id;
}

/** Delivers a batch and waits until the panel has drawn it. */
async function push(id: string, b: ChangeBatch): Promise<void> {
  await page.evaluate(
    async ({ id, b }) => {
      await window.ptHarness.push(id, b as ChangeBatch);
      await (document.getElementById(id) as ChartElement).ptChart!.settled();
    },
    // Passed as unknown: Playwright's argument typing does not terminate on the recursive row value type.
    { id, b: b as unknown },
  );
}

const marks = (id: string): Promise<MarkSummary[]> =>
  page.evaluate((id) => (document.getElementById(id) as ChartElement).ptChart!.marks(), id);
const texts = (id: string): Promise<string[]> =>
  page.evaluate((id) => (document.getElementById(id) as ChartElement).ptChart!.texts(), id);
const overlay = (id: string): Promise<string> =>
  page.evaluate((id) => (document.getElementById(id) as ChartElement).ptChart!.overlay(), id);
const nonEmpty = (all: MarkSummary[], marktype: string) =>
  all.filter((m) => m.marktype === marktype && m.items.length > 0);
const shot = (id: string, name: string) =>
  page.locator(`#${id}`).screenshot({ path: `${ARTIFACTS}${name}.png` });

const telemetry: ColumnInfo[] = [
  { name: 'ts', type: 'timestamptz', role: 'time' },
  { name: 'pump_id', type: 'text', role: 'entity' },
  { name: 'vibration_rms', type: 'float8', unit: 'mm/s' },
  { name: 'bearing_temp', type: 'float8', unit: 'degC' },
];

function pumpRows(pumps: string[], perPump: number): KeyedRow[] {
  return pumps.flatMap((pump, p) =>
    Array.from({ length: perPump }, (_, i) => ({
      key: `${pump}-${i}`,
      row: {
        ts: T0 + i * 60_000,
        pump_id: pump,
        vibration_rms: 2 + p + Math.sin(i / 5),
        bearing_temp: 40 + p * 3 + Math.cos(i / 7),
      },
    })),
  );
}

describe('line chart', () => {
  it('waits for data, then draws one line per pump on a time axis with units, and follows updates and deletes', async () => {
    const id = await mount(
      'core/chart.line',
      { x: 'ts', y: ['vibration_rms'], color: 'pump_id', title: 'Vibration' },
      telemetry,
    );
    expect(await overlay(id)).toBe('Waiting for data');
    await push(id, batch(pumpRows(['P1', 'P2', 'P3'], 60)));
    expect(await overlay(id)).toBe('');
    expect(nonEmpty(await marks(id), 'line')).toHaveLength(3);
    const words = await texts(id);
    expect(words).toContain('vibration_rms (mm/s)');
    expect(words).toContain('Vibration');
    expect(words).toEqual(expect.arrayContaining(['P1', 'P2', 'P3']));
    expect(
      await page.evaluate(
        (id) => (document.getElementById(id) as ChartElement).ptChart!.view()!.scale('x').type,
        id,
      ),
    ).toBe('time');
    await shot(id, 'chart-line-3-pumps');

    // Deleting every row of one pump removes its line.
    await push(
      id,
      batch(
        [],
        [],
        Array.from({ length: 60 }, (_, i) => `P3-${i}`),
      ),
    );
    expect(nonEmpty(await marks(id), 'line')).toHaveLength(2);
    // An update replaces the point: the highest point of P1 is now the updated one.
    await push(
      id,
      batch(
        [],
        [{ key: 'P1-30', row: { ts: T0 + 30 * 60_000, pump_id: 'P1', vibration_rms: 50, bearing_temp: 0 } }],
      ),
    );
    const lines = nonEmpty(await marks(id), 'line');
    const p1 = lines.find((m) => m.items[0].datum.series === 'P1')!;
    expect(p1.items).toHaveLength(60);
    const top = p1.items.reduce((a, b) => ((a.y ?? 0) < (b.y ?? 0) ? a : b));
    expect(top.datum.y).toBe(50);
    await shot(id, 'chart-line-after-update-delete');
  });

  it('labels the time axis unambiguously: 24-hour clock, seconds and milliseconds for short spans', async () => {
    const id = await mount('core/chart.line', { x: 'ts', y: ['vibration_rms'], color: 'pump_id' }, telemetry);
    // 30 s of readings every 250 ms, starting at 14:38 local time (a 12-hour clock would say 02:38).
    const start = await page.evaluate(() => new Date(2026, 0, 5, 14, 38, 0).getTime());
    const rows = (count: number, step: number): KeyedRow[] =>
      Array.from({ length: count }, (_, i) => ({
        key: `P1-${i}`,
        row: { ts: start + i * step, pump_id: 'P1', vibration_rms: 2 + Math.sin(i / 9), bearing_temp: 40 },
      }));
    const clock = (words: string[]) => words.filter((w) => w.includes(':') || /^\.\d+$/.test(w));
    await push(id, batch(rows(120, 250)));
    const seconds = clock(await texts(id));
    expect(seconds.length).toBeGreaterThan(2);
    for (const label of seconds) expect(label).toMatch(/^14:38:[0-5]\d$/);
    expect(seconds).toContain('14:38:10');
    await shot(id, 'chart-line-time-seconds');

    // A span of two seconds: milliseconds are shown with the full time, never a bare ".500".
    await push(
      id,
      batch(
        [],
        [],
        Array.from({ length: 112 }, (_, i) => `P1-${i + 8}`),
      ),
    );
    const millis = clock(await texts(id));
    await shot(id, 'chart-line-time-millis');
    expect(new Set(millis).size, millis.join(' | ')).toBeGreaterThanOrEqual(2);
    for (const label of millis) expect(label).toMatch(/^14:38:0[0-2]\.\d{3}$/);
  });

  it('folds several plotted columns into one line each', async () => {
    const id = await mount('core/chart.line', { x: 'ts', y: ['vibration_rms', 'bearing_temp'] }, telemetry);
    await push(id, batch(pumpRows(['P1'], 40)));
    expect(nonEmpty(await marks(id), 'line')).toHaveLength(2);
    expect(await texts(id)).toContain('vibration_rms (mm/s); bearing_temp (degC)');
  });

  it.each(['lttb', 'm4'])(
    'keeps at most two points per pixel for 100,000 points (%s)',
    async (downsample) => {
      const id = await mount(
        'core/chart.line',
        { x: 'ts', y: ['vibration_rms'], downsample },
        telemetry,
        640,
        300,
      );
      await page.evaluate(
        async ({ id, T0 }) => {
          for (let start = 0; start < 100_000; start += 20_000) {
            const inserts = Array.from({ length: 20_000 }, (_, j) => {
              const i = start + j;
              return {
                key: String(i),
                row: { ts: T0 + i * 1000, vibration_rms: Math.sin(i / 300) + (i === 77_777 ? 9 : 0) },
              };
            });
            await window.ptHarness.push(id, { inserts, updates: [], deletes: [] });
          }
          await (document.getElementById(id) as ChartElement).ptChart!.settled();
        },
        { id, T0 },
      );
      const { shown, rows } = await page.evaluate(
        (id) => (document.getElementById(id) as ChartElement).ptChart!.counts(),
        id,
      );
      const plotWidth = await page.evaluate(
        (id) => Number((document.getElementById(id) as ChartElement).ptChart!.view()!.signal('width')),
        id,
      );
      expect(rows).toBe(100_000);
      expect(plotWidth).toBeGreaterThan(400);
      expect(plotWidth).toBeLessThan(640);
      const [line] = nonEmpty(await marks(id), 'line');
      expect(line.items.length).toBe(shown);
      expect(shown).toBeLessThanOrEqual(2 * plotWidth);
      expect(shown).toBeGreaterThan(plotWidth / 2);
      // First, last and the one spike are all kept.
      const xs = line.items.map((item) => item.datum.x);
      expect(Math.min(...(xs as number[]))).toBe(T0);
      expect(Math.max(...(xs as number[]))).toBe(T0 + 99_999_000);
      expect(line.items.some((item) => item.datum.y === Math.sin(77_777 / 300) + 9)).toBe(true);
      await shot(id, `chart-line-100k-${downsample}`);
    },
  );
});

describe('other chart types', () => {
  it('area chart: one overlapping area per series', async () => {
    const id = await mount('core/chart.area', { x: 'ts', y: ['vibration_rms'], color: 'pump_id' }, telemetry);
    await push(id, batch(pumpRows(['P1', 'P2'], 50)));
    expect(nonEmpty(await marks(id), 'area')).toHaveLength(2);
    await push(
      id,
      batch(
        [],
        [],
        Array.from({ length: 50 }, (_, i) => `P2-${i}`),
      ),
    );
    expect(nonEmpty(await marks(id), 'area')).toHaveLength(1);
    await shot(id, 'chart-area');
  });

  it('bar chart: bars sorted by value follow updates and deletes', async () => {
    const columns: ColumnInfo[] = [
      { name: 'pump_id', type: 'text' },
      { name: 'rul', type: 'float8', unit: 'h' },
    ];
    const id = await mount('core/chart.bar', { category: 'pump_id', value: 'rul' }, columns);
    const rul = (pump: string, value: number) => ({ key: pump, row: { pump_id: pump, rul: value } });
    await push(id, batch([rul('A', 10), rul('B', 30), rul('C', 20)]));
    const order = async () =>
      nonEmpty(await marks(id), 'rect')[0]
        .items.slice()
        .sort((a, b) => (a.x ?? 0) - (b.x ?? 0))
        .map((item) => [item.datum.category, Math.round(item.height ?? 0)] as const);
    const first = await order();
    expect(first.map(([c]) => c)).toEqual(['B', 'C', 'A']);
    expect(first[0][1]).toBeGreaterThan(first[1][1]);
    expect(first[1][1]).toBeGreaterThan(first[2][1]);
    expect(await texts(id)).toContain('mean of rul (h)');
    await shot(id, 'chart-bar');
    await push(id, batch([], [rul('A', 50)], ['B']));
    expect((await order()).map(([c]) => c)).toEqual(['A', 'C']);
  });

  it('pie and donut: one slice per category', async () => {
    const columns: ColumnInfo[] = [
      { name: 'state', type: 'text' },
      { name: 'machines', type: 'int4' },
    ];
    const rows = ['running', 'idle', 'alarm', 'maintenance'].map((state, i) => ({
      key: state,
      row: { state, machines: [12, 5, 2, 3][i] },
    }));
    const pie = await mount('core/chart.pie', { category: 'state', value: 'machines' }, columns, 360, 300);
    await push(pie, batch(rows));
    const arcs = nonEmpty(await marks(pie), 'arc')[0].items;
    expect(arcs).toHaveLength(4);
    const angle = (state: string) => {
      const a = arcs.find((item) => item.datum.category === state)!;
      return Math.abs(a.endAngle! - a.startAngle!);
    };
    expect(angle('running')).toBeCloseTo((12 / 22) * 2 * Math.PI, 3);
    await shot(pie, 'chart-pie');
    await push(pie, batch([], [], ['alarm']));
    expect(nonEmpty(await marks(pie), 'arc')[0].items).toHaveLength(3);

    const donut = await mount(
      'core/chart.pie',
      { category: 'state', value: 'machines', donut: true },
      columns,
      360,
      300,
    );
    await push(donut, batch(rows));
    const holes = nonEmpty(await marks(donut), 'arc')[0].items.map((item) => item.innerRadius ?? 0);
    expect(holes).toHaveLength(4);
    for (const r of holes) expect(r).toBeGreaterThan(20);
    await shot(donut, 'chart-donut');
  });

  it('scatter plot: one dot per row, moved and removed by key', async () => {
    const columns: ColumnInfo[] = [
      { name: 'speed', type: 'float8', unit: 'rpm' },
      { name: 'power', type: 'float8', unit: 'kW' },
      { name: 'site', type: 'text' },
    ];
    const id = await mount('core/chart.scatter', { x: 'speed', y: 'power', color: 'site' }, columns);
    const rows = Array.from({ length: 200 }, (_, i) => ({
      key: String(i),
      row: {
        speed: 1000 + i * 10,
        power: 5 + (i * i) / 4000 + (i % 2) * 2 + Math.sin(i),
        site: i % 2 ? 'north' : 'south',
      },
    }));
    await push(id, batch(rows));
    expect(nonEmpty(await marks(id), 'symbol')[0].items).toHaveLength(200);
    expect(await texts(id)).toEqual(expect.arrayContaining(['speed (rpm)', 'power (kW)', 'north', 'south']));
    await shot(id, 'chart-scatter');
    await push(
      id,
      batch([], [{ key: '0', row: { speed: 4000, power: 40, site: 'south' } }], ['1', '2', '3']),
    );
    const dots = nonEmpty(await marks(id), 'symbol')[0].items;
    expect(dots).toHaveLength(197);
    expect(dots.some((d) => d.datum.x === 4000 && d.datum.y === 40)).toBe(true);
  });

  it('heatmap: one cell per pump and hour, coloured by the mean', async () => {
    const columns: ColumnInfo[] = [
      { name: 'pump_id', type: 'text' },
      { name: 'shift', type: 'text' },
      { name: 'bearing_temp', type: 'float8', unit: 'degC' },
    ];
    const id = await mount(
      'core/chart.heatmap',
      { x: 'shift', y: 'pump_id', value: 'bearing_temp' },
      columns,
    );
    const rows: KeyedRow[] = [];
    for (const [p, pump] of ['P1', 'P2', 'P3'].entries())
      for (const [h, shift] of ['early', 'late', 'night', 'weekend'].entries())
        for (let k = 0; k < 3; k++)
          rows.push({
            key: `${pump}-${shift}-${k}`,
            row: { pump_id: pump, shift, bearing_temp: 40 + k + p * 3 + h * 2 },
          });
    await push(id, batch(rows));
    expect(nonEmpty(await marks(id), 'rect')[0].items).toHaveLength(12);
    expect(await texts(id)).toContain('mean of bearing_temp (degC)');
    // The cell colour is the mean of its three rows: P3 at the weekend (41 + 6 + 6) is the hottest.
    const cells = nonEmpty(await marks(id), 'rect')[0].items;
    const hottest = cells.reduce((a, b) => (Number(a.datum.mean_value) > Number(b.datum.mean_value) ? a : b));
    expect(hottest.datum).toMatchObject({ x: 'weekend', y: 'P3', mean_value: 53 });
    await shot(id, 'chart-heatmap');
    await push(
      id,
      batch(
        [],
        [],
        rows.filter((r) => r.row.shift === 'weekend').map((r) => r.key),
      ),
    );
    expect(nonEmpty(await marks(id), 'rect')[0].items).toHaveLength(9);
  });

  it('heatmap over time: number and time axes are cut into steps', async () => {
    const id = await mount(
      'core/chart.heatmap',
      { x: 'ts', y: 'vibration_rms', binsX: 10, binsY: 5 },
      telemetry,
    );
    await push(id, batch(pumpRows(['P1', 'P2', 'P3', 'P4'], 120)));
    const cells = nonEmpty(await marks(id), 'rect')[0].items;
    expect(cells.length).toBeGreaterThan(10);
    expect(cells.length).toBeLessThanOrEqual(12 * 6);
    await shot(id, 'chart-heatmap-time');
  });
});

describe('problems', () => {
  it('says plainly which configured column is missing from the arriving rows', async () => {
    const id = await mount('core/chart.line', { x: 'ts', y: ['vibration'] }, telemetry);
    await push(id, batch(pumpRows(['P1'], 10)));
    const text = await overlay(id);
    expect(text).toContain('"vibration"');
    expect(text).toContain('not in the rows arriving');
    const problems = await page.evaluate((id) => window.ptHarness.problems(id), id);
    expect(problems.map((p) => p.code)).toEqual(['PTR400']);
    await shot(id, 'chart-missing-column');
  });

  it('follows the panel size', async () => {
    const id = await mount('core/chart.line', { x: 'ts', y: ['vibration_rms'] }, telemetry, 400, 240);
    await push(id, batch(pumpRows(['P1'], 30)));
    const width = () =>
      page.evaluate(
        (id) => Number((document.getElementById(id) as ChartElement).ptChart!.view()!.signal('width')),
        id,
      );
    const before = await width();
    await page.evaluate((id) => window.ptHarness.resize(id, 800, 300), id);
    await page.waitForFunction(
      ({ id, before }) =>
        Number((document.getElementById(id) as ChartElement).ptChart!.view()!.signal('width')) > before + 300,
      { id, before },
    );
    // The canvas is redrawn at the new size on the view's next render, just after its width signal changes.
    await expect
      .poll(async () => (await page.locator(`#${id} canvas`).boundingBox())?.width ?? 0)
      .toBeGreaterThan(700);
    expect(await width()).toBeGreaterThan(before + 300);
  });
});
