import { describe, expect, it } from 'vitest';
import { parse, View } from 'vega';
import { compile } from 'vega-lite';
import { DATA_NAME, seriesSpec, sized } from './chart-specs';

/** Draws a real line chart (Vega, headless SVG) of points at `times` and returns its x-axis tick labels. */
async function xLabels(times: Date[]): Promise<string[]> {
  const spec = sized(seriesSpec({ mark: 'line', x: { title: 'ts', kind: 'time' }, yTitle: 'v' }), 700, 300);
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  view.data(
    DATA_NAME,
    times.map((t, i) => ({ x: t.getTime(), y: i, series: 'a' })),
  );
  await view.runAsync();
  const svg = await view.toSVG();
  view.finalize();
  const axis = /<g class="mark-text role-axis-label"[^>]*>(.*?)<\/g>/.exec(svg)?.[1] ?? '';
  return [...axis.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? '');
}

/** Times from a local start, `step` ms apart. */
function times(start: Date, step: number, count: number): Date[] {
  return Array.from({ length: count }, (_, i) => new Date(start.getTime() + i * step));
}

describe('time axis labels', () => {
  it('shows hours, minutes and seconds on a 24-hour clock for a span of minutes', async () => {
    const labels = await xLabels(times(new Date(2026, 10, 25, 14, 37, 30), 500, 240));
    expect(labels.length).toBeGreaterThan(2);
    for (const label of labels) expect(label).toMatch(/^14:3[789]:\d\d$/);
  });

  it('adds milliseconds when the span is a few seconds, never a bare ".500"', async () => {
    const labels = await xLabels(times(new Date(2026, 10, 25, 14, 38, 0), 100, 40));
    expect(labels.length).toBeGreaterThan(2);
    for (const label of labels) expect(label).toMatch(/^14:38:0\d\.\d{3}$/);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('shows hours and minutes for a span of hours', async () => {
    const labels = await xLabels(times(new Date(2026, 10, 25, 9, 0, 0), 60_000, 8 * 60));
    expect(labels.length).toBeGreaterThan(2);
    for (const label of labels) expect(label).toMatch(/^(09|1\d):\d\d$/);
    expect(labels).toContain('14:00');
  });

  it('adds the date when the span crosses midnight', async () => {
    const labels = await xLabels(times(new Date(2026, 10, 24, 12, 0, 0), 3_600_000, 48));
    expect(labels).toContain('Nov 25');
    for (const label of labels) expect(label).toMatch(/^Nov 2[456]( \d\d:\d\d)?$/);
  });

  it('uses full dates for a span of months', async () => {
    const labels = await xLabels(times(new Date(2026, 0, 1), 86_400_000, 120));
    expect(labels.length).toBeGreaterThan(2);
    for (const label of labels) expect(label).toMatch(/^2026-0[1-5]-\d\d$/);
  });
});
