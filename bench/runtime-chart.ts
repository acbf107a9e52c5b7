/**
 * The line chart under live load, in Chromium: a core/chart.line panel holding 100,000 points receives 1,000
 * rows/s (60 batches/s of ~17 rows) for ~10 s. Measures frames per second (requestAnimationFrame callbacks) and
 * main-thread long tasks (PerformanceObserver 'longtask': count and total ms), beside a baseline of the same
 * page running the same timer with no chart. Target: ≥ 30 fps.
 *
 * Run alone with `tsx bench/runtime-chart.ts`; bench/runtime.bench.ts calls `runChartBenchmark()`.
 * Set BENCH_CHART_SECONDS to change the measured time.
 */
import { fileURLToPath } from 'node:url';
import type { ChartElement } from '../nodes/chart-kit/chart-view';
import { launchBrowser } from '../e2e/browser';
import { serveBuiltEditor } from '../e2e/editor-server';

const SECONDS = Number(process.env.BENCH_CHART_SECONDS ?? 10);
const POINTS = 100_000;
const ROWS_PER_SECOND = 1000;
const BATCHES_PER_SECOND = 60;
const TARGET_FPS = 30;

/** What one measured window in the page gives. */
interface WindowFigures {
  fps: number;
  longTasks: number;
  longTaskMs: number;
  rowsPushed: number;
  shown: number;
  rows: number;
}

/**
 * In the page: for `seconds`, counts animation frames and long tasks while a timer sends 1,000 rows/s to the
 * panel `id` (or, with no id, only runs the same timer and builds the same rows: the baseline).
 */
async function measureInPage(args: {
  id: string | null;
  seconds: number;
  startKey: number;
  rowsPerSecond: number;
  batchesPerSecond: number;
}): Promise<WindowFigures> {
  const { id, seconds, rowsPerSecond, batchesPerSecond } = args;
  let frames = 0;
  let longTasks = 0;
  let longTaskMs = 0;
  let running = true;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      longTasks++;
      longTaskMs += entry.duration;
    }
  });
  observer.observe({ type: 'longtask', buffered: false });
  const frame = () => {
    if (!running) return;
    frames++;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  let next = args.startKey;
  let owed = 0;
  let pushed = 0;
  const t0 = 1_700_000_000_000;
  const started = performance.now();
  let last = started;
  const timer = setInterval(() => {
    const now = performance.now();
    owed += ((now - last) / 1000) * rowsPerSecond;
    last = now;
    const count = Math.floor(owed);
    owed -= count;
    const inserts = [];
    for (let i = 0; i < count; i++, next++)
      inserts.push({
        key: String(next),
        row: { ts: t0 + next * 10, v: Math.sin(next / 400) + Math.random() * 0.2 },
      });
    pushed += count;
    if (id !== null) void window.ptHarness.push(id, { inserts, updates: [], deletes: [] });
  }, 1000 / batchesPerSecond);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  running = false;
  clearInterval(timer);
  const elapsed = (performance.now() - started) / 1000;
  observer.disconnect();
  const handle = id === null ? undefined : (document.getElementById(id) as ChartElement).ptChart;
  await handle?.settled();
  const counts = handle?.counts() ?? { shown: 0, rows: 0 };
  return { fps: frames / elapsed, longTasks, longTaskMs, rowsPushed: pushed, ...counts };
}

/**
 * Runs the chart benchmark in headless Chromium and prints its figures. Builds and serves the editor with the
 * harness pages unless `url` (a served build's root) is given.
 * @example await runChartBenchmark()
 */
export async function runChartBenchmark(options: { url?: string } = {}): Promise<void> {
  const server = options.url ? undefined : await serveBuiltEditor();
  const url = options.url ?? server!.url;
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 600 } });
    // tsx compiles with esbuild's keepNames, which wraps functions in __name(); page functions need it too.
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await page.goto(`${url}harness/components.html`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    const common = { seconds: SECONDS, rowsPerSecond: ROWS_PER_SECOND, batchesPerSecond: BATCHES_PER_SECOND };

    const baseline = await page.evaluate(measureInPage, { id: null, startKey: 0, ...common });

    const id = await page.evaluate(
      (points) =>
        window.ptHarness.mount({
          typeId: 'core/chart.line',
          config: { x: 'ts', y: ['v'], maxPoints: points, title: 'Live signal' },
          columns: [
            { name: 'ts', type: 'timestamptz', role: 'time' },
            { name: 'v', type: 'float8', unit: 'mm/s' },
          ],
          width: 900,
          height: 400,
        }),
      POINTS,
    );
    // Fill the chart with 100,000 points first (not measured).
    await page.evaluate(
      async ({ id, points }) => {
        const t0 = 1_700_000_000_000;
        for (let start = 0; start < points; start += 10_000) {
          const inserts = [];
          for (let i = start; i < start + 10_000; i++)
            inserts.push({
              key: String(i),
              row: { ts: t0 + i * 10, v: Math.sin(i / 400) + Math.random() * 0.2 },
            });
          await window.ptHarness.push(id, { inserts, updates: [], deletes: [] });
        }
        const element = document.getElementById(id) as ChartElement;
        while (!element.ptChart?.view()) await new Promise((resolve) => setTimeout(resolve, 20));
        await element.ptChart.settled();
      },
      { id, points: POINTS },
    );
    const chart = await page.evaluate(measureInPage, { id, startKey: POINTS, ...common });
    await page
      .locator(`#${id}`)
      .screenshot({ path: fileURLToPath(new URL('../e2e/artifacts/bench-chart.png', import.meta.url)) });

    const line = (name: string, f: WindowFigures) =>
      `${name.padEnd(44)} ${f.fps.toFixed(1).padStart(6)} ${String(f.longTasks).padStart(10)} ${f.longTaskMs
        .toFixed(0)
        .padStart(13)}`;
    console.log(
      `chart benchmark: ${SECONDS} s at ${ROWS_PER_SECOND.toLocaleString('en-US')} rows/s ` +
        `(${BATCHES_PER_SECOND} batches/s), headless Chromium`,
    );
    console.log(
      `${'page'.padEnd(44)} ${'fps'.padStart(6)} ${'long tasks'.padStart(10)} ${'long-task ms'.padStart(13)}`,
    );
    console.log(line('baseline: same page and timer, no chart', baseline));
    console.log(line(`line chart holding ${POINTS.toLocaleString('en-US')} points`, chart));
    console.log(
      `  rows kept ${chart.rows.toLocaleString('en-US')}, points on screen ${chart.shown.toLocaleString('en-US')}, ` +
        `rows sent ${chart.rowsPushed.toLocaleString('en-US')}; target ≥ ${TARGET_FPS} fps: ` +
        `${chart.fps >= TARGET_FPS ? 'met' : 'NOT met'}`,
    );
  } finally {
    await browser.close();
    await server?.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await runChartBenchmark();
