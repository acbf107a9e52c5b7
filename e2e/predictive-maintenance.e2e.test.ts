import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TWIN_TITLE } from '../server/seed/demo-twin';
import { ARTIFACTS, launchBrowser } from './browser';
import { signUpThroughApi } from './support/api-as-user';
import { startPlatformUnderTest, type PlatformUnderTest } from './support/platform-under-test';

// The first use case end to end: `npm start` seeds the pump blueprint, its models and layout, and a public demo
// twin fed by the pump simulator. Here the simulator runs 20 operating hours per second so that pumps wear
// visibly within the test.

/** The panel titles the blueprint gives its eight panels. */
const PANEL_TITLES = [
  'Fleet remaining life',
  'Closest to failure',
  'What-if: fleet life',
  'Alerts',
  'Pump health, riskiest first',
  'What-if: life per pump',
  'Vibration per pump',
  'Predicted remaining life per pump',
];

/** A number as a panel writes it (`1,234.5 h`), or undefined when there is none. */
function numberIn(text: string | null | undefined): number | undefined {
  const match = /-?[\d,]+(\.\d+)?/.exec(text ?? '');
  return match ? Number(match[0].replace(/,/g, '')) : undefined;
}

const kpiNumber = async (p: Page, panel: string) =>
  numberIn(await p.locator(`[data-panel="${panel}"] [data-testid="kpi-value"]`).textContent());

const gaugeNumber = async (p: Page, panel: string) =>
  Number(await p.locator(`[data-panel="${panel}"] [role="meter"]`).getAttribute('aria-valuenow'));

/** The health table's rows, top to bottom as shown (by row index; the virtualised rows are placed by transform). */
async function healthRows(p: Page): Promise<{ pump: string; rul: number }[]> {
  const rows = await p.locator('[data-panel="health"] .pt-table-body [role="row"]').evaluateAll((els) =>
    els
      .map((el) => ({
        index: Number(el.getAttribute('aria-rowindex')),
        cells: [...el.querySelectorAll('[role="cell"]')].map((c) => c.textContent ?? ''),
      }))
      .sort((a, b) => a.index - b.index),
  );
  return rows.map(({ cells }) => ({ pump: cells[0], rul: numberIn(cells[1]) ?? NaN }));
}

/** Lines drawn (one mark per series) or bars drawn (items of the rect marks) in a chart panel. */
async function chartMarks(p: Page, panel: string, marktype: 'line' | 'rect'): Promise<number> {
  return p.locator(`[data-panel="${panel}"]`).evaluate((root, type) => {
    type Mark = { marktype: string; items: unknown[] };
    const holder = [root, ...root.querySelectorAll('*')].find((el) => 'ptChart' in el) as
      (Element & { ptChart: { marks(): Mark[] } }) | undefined;
    const marks = (holder?.ptChart.marks() ?? []).filter((m) => m.marktype === type && m.items.length > 0);
    return type === 'line' ? marks.length : marks.reduce((n, m) => n + m.items.length, 0);
  }, marktype);
}

/** Moves a range input as a user does: sets its value and fires the input event React listens to. */
async function setSlider(slider: Locator, value: number): Promise<void> {
  await slider.evaluate((el, v) => {
    const input = el as HTMLInputElement;
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, String(v));
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
}

/**
 * Holds the simulator's next write (an exclusive lock on its table) until the returned function is called, so
 * that every panel settles on the same data and their figures can be compared exactly.
 */
async function freezeTelemetry(): Promise<() => Promise<void>> {
  const connection = await underTest.platform.database.sql.reserve();
  await connection`begin`;
  await connection`lock table demo.pump_telemetry in exclusive mode`;
  return async () => {
    await connection`commit`;
    connection.release();
  };
}

/** Waits until the health table shows the same rows twice, a second apart. */
async function settledHealthRows(p: Page): Promise<{ pump: string; rul: number }[]> {
  let last = '';
  for (let i = 0; i < 30; i++) {
    const rows = await healthRows(p);
    const now = JSON.stringify(rows);
    if (now === last) return rows;
    last = now;
    await p.waitForTimeout(1000);
  }
  throw new Error(`the health table did not settle: ${last}`);
}

let underTest: PlatformUnderTest;
let browser: Browser;
let page: Page;
let twinId: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  // The platform reads the demo settings from the environment (see server/seed/demo-twin.ts): on, and fast.
  process.env.PROJECTTWIN_DEMO = 'on';
  process.env.PROJECTTWIN_DEMO_SPEED = '20';
  try {
    underTest = await startPlatformUnderTest('pump-demo');
  } finally {
    delete process.env.PROJECTTWIN_DEMO;
    delete process.env.PROJECTTWIN_DEMO_SPEED;
  }
  const listed = (await (await fetch(`${underTest.url}/api/twins/public`)).json()) as {
    items?: { id: string; title: string }[];
    twins?: { id: string; title: string }[];
  };
  const demo = (listed.items ?? listed.twins ?? []).find((t) => t.title === DEMO_TWIN_TITLE);
  if (!demo) throw new Error(`no public demo twin in ${JSON.stringify(listed)}`);
  twinId = demo.id;
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await underTest?.stop();
});

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

describe('the pump fleet demo twin in Chromium', { timeout: 180_000 }, () => {
  it('is in the library, and its dashboard fills every panel with live data, with no login', async () => {
    await page.goto(`${underTest.url}/library/blueprints`);
    await expect
      .poll(() => page.getByRole('link', { name: 'Pump fleet predictive maintenance' }).count(), {
        timeout: 30_000,
      })
      .toBe(1);

    await page.goto(`${underTest.url}/twins/${twinId}`);
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 60_000 }).toBe(DEMO_TWIN_TITLE);
    expect((await page.locator('.panel-title').allTextContents()).sort()).toEqual([...PANEL_TITLES].sort());

    // Fleet figures: predicted lives within the model's 0..500 h.
    await expect.poll(() => kpiNumber(page, 'fleet_rul'), { timeout: 90_000 }).toBeGreaterThan(0);
    expect(await kpiNumber(page, 'fleet_rul')).toBeLessThanOrEqual(500);
    const worst = await gaugeNumber(page, 'worst_rul');
    expect(worst).toBeGreaterThanOrEqual(0);
    expect(worst).toBeLessThanOrEqual(500);
    await expect.poll(() => kpiNumber(page, 'whatif_fleet'), { timeout: 30_000 }).toBeGreaterThan(0);

    // The health table: one row per pump (eight), riskiest (shortest life) first.
    await expect.poll(async () => (await healthRows(page)).length, { timeout: 30_000 }).toBe(8);
    const rows = await healthRows(page);
    expect(rows.map((r) => r.pump).sort()).toEqual([
      'P-01',
      'P-02',
      'P-03',
      'P-04',
      'P-05',
      'P-06',
      'P-07',
      'P-08',
    ]);
    const lives = rows.map((r) => r.rul);
    expect(lives).toEqual([...lives].sort((a, b) => a - b));
    expect(lives.every((l) => l >= 0 && l <= 500)).toBe(true);

    // With the simulator held, every panel settles on the same readings: the figures must agree.
    const resume = await freezeTelemetry();
    try {
      const settled = await settledHealthRows(page);
      const settledLives = settled.map((r) => r.rul);
      const mean = settledLives.reduce((a, b) => a + b, 0) / settledLives.length;
      await expect.poll(() => gaugeNumber(page, 'worst_rul')).toBeCloseTo(settledLives[0], 0);
      await expect.poll(() => kpiNumber(page, 'fleet_rul')).toBe(Math.round(mean));
      // At the default what-if speed (1450 rpm), pumps running near 1450 rpm keep about their predicted life.
      expect(await kpiNumber(page, 'whatif_fleet')).toBeGreaterThan(0);
    } finally {
      await resume();
    }

    // Trends: one line per pump; the what-if bars: one per pump.
    for (const chart of ['vibration', 'rul_trend'])
      await expect.poll(() => chartMarks(page, chart, 'line'), { timeout: 30_000 }).toBe(8);
    await expect.poll(() => chartMarks(page, 'whatif_pumps', 'rect'), { timeout: 30_000 }).toBe(8);
    expect(await page.locator('.panel-problem').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}pm-dashboard.png` });
  });

  it('shows a pump’s predicted life falling as it wears, and raises an alert', async () => {
    // A pump in mid-life: its predicted life must drop as the simulator runs it for more hours.
    const rows = await healthRows(page);
    const watched = rows.find((r) => r.rul > 150 && r.rul < 420) ?? rows[Math.floor(rows.length / 2)];
    const lifeOf = async () => (await healthRows(page)).find((r) => r.pump === watched.pump)?.rul ?? NaN;
    await expect.poll(lifeOf, { timeout: 60_000, interval: 500 }).toBeLessThan(watched.rul - 40);

    // Some pump nears failure or behaves abnormally: an alert appears, naming the pump.
    const alerts = page.locator('[data-panel="alerts"] .pt-alert');
    await expect.poll(() => alerts.count(), { timeout: 120_000, interval: 500 }).toBeGreaterThan(0);
    const first = (await alerts.first().textContent()) ?? '';
    expect(first).toMatch(/P-0[1-8]/);
    expect(first).toMatch(/predicted to fail within 100 h|behaves abnormally/);
    await page.screenshot({ path: `${ARTIFACTS}pm-alert.png` });
    await page.locator('[data-panel="alerts"]').screenshot({ path: `${ARTIFACTS}pm-alerts-panel.png` });
  });

  it('answers the what-if: a faster speed predicts a shorter life, a slower one a longer life', async () => {
    // The simulator is held meanwhile (its repairs would raise lives too), so every change is the slider's doing.
    const resume = await freezeTelemetry();
    try {
      const slider = page.locator('.param-bar input[type="range"]');
      await expect(slider.count()).resolves.toBe(1);
      await setSlider(slider, 1750);
      await expect.poll(() => page.locator('.param-bar .param-value').textContent()).toBe('1,750');
      await page.waitForTimeout(1500);
      const fast = (await kpiNumber(page, 'whatif_fleet'))!;
      await setSlider(slider, 1150);
      await expect
        .poll(() => kpiNumber(page, 'whatif_fleet'), { timeout: 20_000 })
        .toBeGreaterThan(fast + 40);
      const slow = (await kpiNumber(page, 'whatif_fleet'))!;
      await page.screenshot({ path: `${ARTIFACTS}pm-what-if.png` });
      await setSlider(slider, 1750);
      await expect.poll(() => kpiNumber(page, 'whatif_fleet'), { timeout: 20_000 }).toBeLessThan(slow - 40);
    } finally {
      await resume();
    }
  });

  it('runs the same blueprint on a telemetry table with other column names, bound through the API', async () => {
    // A plant's own table: different names for every column. It gets real simulated readings, copied from the
    // demo table under the plant's names.
    const sql = underTest.platform.database.sql;
    await sql`create table demo.plant4_pumps (
      reading_id bigserial primary key, unit text not null, recorded_at timestamptz not null,
      vib_mm_s float8, bearing_c float8, discharge_bar float8, flow_m3h float8, shaft_rpm float8)`;
    const copy = (after: number) => sql`
      insert into demo.plant4_pumps (unit, recorded_at, vib_mm_s, bearing_c, discharge_bar, flow_m3h, shaft_rpm)
      select 'Plant4-' || pump_id, ts, vibration_rms, bearing_temp, pressure, flow, speed
      from demo.pump_telemetry where step > ${after} and step <= ${after + 200} order by step, pump_id`;
    const [{ first }] = await sql<
      { first: number }[]
    >`select min(step)::int as first from demo.pump_telemetry`;
    await copy(first);

    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const ada = await signUpThroughApi(context.request, underTest.url, {
      email: 'ada@example.com',
      password: 'ada-password-123',
      name: 'Ada',
    });
    const twin = await ada.call('POST', '/api/twins', {
      schemaVersion: 1,
      title: 'Plant 4 pumps',
      blueprint: { name: 'pump-fleet-maintenance', version: '1.0.0' },
      bindings: {
        telemetry: {
          kind: 'table',
          connection: 'builtin',
          table: 'demo.plant4_pumps',
          columns: {
            id: 'reading_id',
            pump_id: 'unit',
            ts: 'recorded_at',
            vibration_rms: 'vib_mm_s',
            bearing_temp: 'bearing_c',
            pressure: 'discharge_bar',
            flow: 'flow_m3h',
            speed: 'shaft_rpm',
          },
        },
      },
      visibility: 'private',
    });
    expect(twin.status, JSON.stringify(twin.body)).toBe(201);

    const plant = await context.newPage();
    plant.on('pageerror', (error) => pageErrors.push(error.message));
    await plant.goto(`${underTest.url}/twins/${twin.body.id}`);
    await expect.poll(() => plant.locator('h1').textContent(), { timeout: 60_000 }).toBe('Plant 4 pumps');
    await expect.poll(async () => (await healthRows(plant)).length, { timeout: 60_000 }).toBe(8);
    const before = await healthRows(plant);
    expect(before.every((r) => r.pump.startsWith('Plant4-P-0'))).toBe(true);
    expect(before.every((r) => r.rul >= 0 && r.rul <= 500)).toBe(true);
    await expect.poll(() => kpiNumber(plant, 'fleet_rul'), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => chartMarks(plant, 'vibration', 'line'), { timeout: 30_000 }).toBe(8);

    // 200 more hours arrive: the table follows (new readings change the predicted lives).
    await copy(first + 200);
    await expect
      .poll(async () => JSON.stringify(await healthRows(plant)), { timeout: 30_000 })
      .not.toBe(JSON.stringify(before));
    expect(await plant.locator('.panel-problem').count()).toBe(0);
    await plant.screenshot({ path: `${ARTIFACTS}pm-own-table.png` });
    await context.close();
  });

  it('deploys the blueprint through the wizard on a demo table with other column names, and fills with its data', async () => {
    // A plant's telemetry under its own names, in the demo schema that the wizard's "Built-in demo data" lists.
    const sql = underTest.platform.database.sql;
    await sql`create table demo.plant7_telemetry (
      reading_id bigserial primary key, machine text not null, recorded_at timestamptz not null,
      vib_mm_s float8, bearing_c float8, discharge_bar float8, flow_m3h float8, rpm float8)`;
    const copy = (after: number) => sql`
      insert into demo.plant7_telemetry (machine, recorded_at, vib_mm_s, bearing_c, discharge_bar, flow_m3h, rpm)
      select 'Plant7-' || pump_id, ts, vibration_rms, bearing_temp, pressure, flow, speed
      from demo.pump_telemetry where step > ${after} and step <= ${after + 200} order by step, pump_id`;
    const [{ first }] = await sql<
      { first: number }[]
    >`select min(step)::int as first from demo.pump_telemetry`;
    await copy(first);
    const [{ newest }] = await sql<{ newest: string }[]>`
      select machine as newest from demo.plant7_telemetry order by recorded_at desc, reading_id desc limit 1`;

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await signUpThroughApi(context.request, underTest.url, {
      email: 'grace@example.com',
      password: 'grace-password-123',
      name: 'Grace',
    });
    const wizard = await context.newPage();
    wizard.on('pageerror', (error) => pageErrors.push(error.message));
    await wizard.goto(`${underTest.url}/deploy/pump-fleet-maintenance/1.0.0`);
    await expect
      .poll(() => wizard.locator('h1').textContent(), { timeout: 30_000 })
      .toBe('Pump fleet predictive maintenance');

    // Step 1: the built-in demo data lists the plant's table; choose it.
    await wizard.getByRole('radio', { name: /Built-in demo data/ }).check();
    const demoTables = wizard.getByRole('list', { name: 'Demo tables' });
    await expect.poll(() => demoTables.count(), { timeout: 30_000 }).toBe(1);
    expect(await demoTables.textContent()).toContain('demo.pump_telemetry');
    await wizard.screenshot({ path: `${ARTIFACTS}pm-wizard-demo-tables.png`, fullPage: true });
    await wizard.getByRole('button', { name: 'Use demo.plant7_telemetry' }).click();
    await expect
      .poll(() => wizard.getByRole('status').filter({ hasText: 'Using' }).textContent())
      .toContain('demo.plant7_telemetry (built-in demo data');

    // Step 2: every column suggested right, though no name matches the blueprint's.
    await wizard.getByRole('button', { name: 'Next: Match the columns' }).click();
    const mapping = wizard.getByRole('table', { name: 'Columns of Pump telemetry' });
    await expect.poll(() => mapping.count()).toBe(1);
    const chosen = async (column: string) =>
      mapping.getByRole('combobox', { name: new RegExp(`^${column}\\b`) }).inputValue();
    const expected = {
      id: 'reading_id',
      pump_id: 'machine',
      ts: 'recorded_at',
      vibration_rms: 'vib_mm_s',
      bearing_temp: 'bearing_c',
      pressure: 'discharge_bar',
      flow: 'flow_m3h',
      speed: 'rpm',
    };
    for (const [declared, column] of Object.entries(expected)) expect(await chosen(declared)).toBe(column);
    expect(await mapping.getByRole('alert').count()).toBe(0);
    await wizard.screenshot({ path: `${ARTIFACTS}pm-wizard-mapping.png`, fullPage: true });

    // Step 3: the real first rows, read from the server, newest first, in the blueprint's names.
    await wizard.getByRole('button', { name: 'Next: Preview' }).click();
    const preview = wizard.getByRole('table', { name: 'Preview of Pump telemetry' });
    await expect.poll(() => preview.count(), { timeout: 30_000 }).toBe(1);
    expect(await preview.locator('thead th').allTextContents()).toEqual(
      Object.entries(expected).map(([declared, column]) => `${declared}from ${column}`),
    );
    expect(await preview.locator('tbody tr').count()).toBe(8);
    const firstRow = await preview.locator('tbody tr').first().locator('td').allTextContents();
    expect(firstRow[1]).toBe(newest);
    expect(Number(firstRow[3])).toBeGreaterThan(0);
    expect(await wizard.getByText('(newest first, by recorded_at)', { exact: false }).count()).toBe(1);
    await wizard.screenshot({ path: `${ARTIFACTS}pm-wizard-preview.png`, fullPage: true });

    // Step 4: name and deploy; the twin is bound to the plant's table with the suggested columns.
    await wizard.getByRole('button', { name: 'Next: Name and deploy' }).click();
    await wizard.getByLabel('Name of your twin').fill('Plant 7 pumps');
    await wizard.getByRole('button', { name: 'Deploy the twin' }).click();
    await expect
      .poll(() => wizard.getByRole('heading', { level: 2 }).first().textContent(), { timeout: 30_000 })
      .toBe('Your twin “Plant 7 pumps” is live');
    const twinHref = (await wizard.getByRole('link', { name: 'Open my twin' }).getAttribute('href'))!;
    const stored = await context.request.get(`${underTest.url}/api${twinHref}`);
    expect((await stored.json()).document.bindings.telemetry).toEqual({
      kind: 'table',
      connection: 'builtin',
      table: 'demo.plant7_telemetry',
      columns: expected,
    });

    // The twin's panels fill with the plant's readings, and follow new ones.
    await wizard.getByRole('link', { name: 'Open my twin' }).click();
    await expect.poll(() => wizard.locator('h1').textContent(), { timeout: 60_000 }).toBe('Plant 7 pumps');
    await expect.poll(async () => (await healthRows(wizard)).length, { timeout: 60_000 }).toBe(8);
    const before = await healthRows(wizard);
    expect(before.every((r) => r.pump.startsWith('Plant7-P-0'))).toBe(true);
    expect(before.every((r) => r.rul >= 0 && r.rul <= 500)).toBe(true);
    await expect.poll(() => kpiNumber(wizard, 'fleet_rul'), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => gaugeNumber(wizard, 'worst_rul'), { timeout: 30_000 }).toBeGreaterThanOrEqual(0);
    for (const chart of ['vibration', 'rul_trend'])
      await expect.poll(() => chartMarks(wizard, chart, 'line'), { timeout: 30_000 }).toBe(8);
    await expect.poll(() => chartMarks(wizard, 'whatif_pumps', 'rect'), { timeout: 30_000 }).toBe(8);
    await copy(first + 200);
    await expect
      .poll(async () => JSON.stringify(await healthRows(wizard)), { timeout: 30_000 })
      .not.toBe(JSON.stringify(before));
    expect(await wizard.locator('.panel-problem').count()).toBe(0);
    await wizard.screenshot({ path: `${ARTIFACTS}pm-wizard-twin.png` });
    await context.close();
  });
});
