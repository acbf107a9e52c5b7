import { describe, expect, it } from 'vitest';
import { compile, type TopLevelSpec } from 'vega-lite';
import { barSpec, heatmapSpec, pieSpec, scatterSpec, seriesSpec, sized } from './chart-specs';

/** Compiles a Vega-Lite spec to Vega, failing on any warning (a wrong encoding would only warn). */
function compiles(spec: TopLevelSpec) {
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    warn: (...m: unknown[]) => void warnings.push(m.join(' ')),
    info: () => logger,
    debug: () => logger,
    error: (...m: unknown[]) => void warnings.push(m.join(' ')),
  };
  const vega = compile(sized(spec, 480, 300), { logger: logger as never }).spec;
  expect(warnings).toEqual([]);
  return vega;
}

const encoding = (spec: TopLevelSpec) =>
  (spec as unknown as { encoding: Record<string, Record<string, unknown>> }).encoding;

describe('chart specs', () => {
  it('line: a time axis, one colour per series, data by name', () => {
    const spec = seriesSpec({
      mark: 'line',
      x: { title: 'ts', kind: 'time' },
      yTitle: 'v (mm/s)',
      legend: 'pump',
      title: 'T',
    });
    const vega = compiles(spec);
    expect(vega.data?.[0]).toEqual({ name: 'table' });
    expect(vega.scales?.find((s) => s.name === 'x')?.type).toBe('time');
    expect(encoding(spec).y.title).toBe('v (mm/s)');
    expect(encoding(spec).color.legend).toBeUndefined();
  });

  it('line without a legend when there is one series; area overlaps instead of stacking', () => {
    const line = seriesSpec({ mark: 'line', x: { title: 'n', kind: 'number' }, yTitle: 'v' });
    expect(encoding(line).color.legend).toBeNull();
    expect(compiles(line).scales?.find((s) => s.name === 'x')?.type).toBe('linear');
    const area = seriesSpec({ mark: 'area', x: { title: 'ts', kind: 'time' }, yTitle: 'v', legend: 'pump' });
    const vega = compiles(area);
    expect(JSON.stringify(vega.data)).not.toContain('"stack"');
  });

  it('bar: sorted by value, vertical or horizontal, counting rows without a value column', () => {
    const spec = barSpec({
      category: 'pump',
      value: 'rul (h)',
      aggregate: 'mean',
      sort: 'value-desc',
      horizontal: false,
    });
    compiles(spec);
    expect(encoding(spec).x).toMatchObject({ field: 'category', sort: '-y' });
    expect(encoding(spec).y).toMatchObject({ field: 'value', aggregate: 'mean', title: 'mean of rul (h)' });
    const flipped = barSpec({
      category: 'pump',
      aggregate: 'count',
      sort: 'category',
      horizontal: true,
      group: 'site',
    });
    compiles(flipped);
    expect(encoding(flipped).y).toMatchObject({ field: 'category', sort: 'ascending' });
    expect(encoding(flipped).x).toMatchObject({ aggregate: 'count', title: 'Number of rows' });
    expect(encoding(flipped).color).toMatchObject({ field: 'group' });
  });

  it('pie and donut', () => {
    const pie = pieSpec({ category: 'state', value: 'n', aggregate: 'sum', donut: false });
    compiles(pie);
    expect((pie as unknown as { mark: Record<string, unknown> }).mark.innerRadius).toBeUndefined();
    const donut = pieSpec({ category: 'state', aggregate: 'count', donut: true });
    compiles(donut);
    expect((donut as unknown as { mark: Record<string, unknown> }).mark.innerRadius).toEqual({
      expr: 'min(width, height) / 4',
    });
  });

  it('scatter: colour as categories or as a scale, optional size', () => {
    const spec = scatterSpec({
      x: { title: 'a', kind: 'number' },
      y: { title: 'b', kind: 'time' },
      color: { title: 'c', kind: 'number' },
      size: 'd',
    });
    compiles(spec);
    expect(encoding(spec).color.type).toBe('quantitative');
    expect(encoding(spec).y.type).toBe('temporal');
    expect(encoding(spec).size.field).toBe('size');
    const plain = scatterSpec({
      x: { title: 'a', kind: 'number' },
      y: { title: 'b', kind: 'number' },
      color: { title: 'site', kind: 'category' },
    });
    compiles(plain);
    expect(encoding(plain).color.type).toBe('nominal');
  });

  it('heatmap: number and time axes binned, categories whole', () => {
    const spec = heatmapSpec({
      x: { title: 'ts', kind: 'time' },
      y: { title: 'pump', kind: 'category' },
      value: 'temp',
      aggregate: 'mean',
      binsX: 24,
      binsY: 10,
    });
    compiles(spec);
    expect(encoding(spec).x).toMatchObject({ type: 'temporal', bin: { maxbins: 24 } });
    expect(encoding(spec).y).toEqual({ field: 'y', type: 'nominal', title: 'pump' });
    expect(encoding(spec).color).toMatchObject({ aggregate: 'mean', field: 'value' });
    const counts = heatmapSpec({
      x: { title: 'a', kind: 'number' },
      y: { title: 'b', kind: 'number' },
      aggregate: 'count',
      binsX: 5,
      binsY: 5,
    });
    compiles(counts);
    expect(encoding(counts).color).toMatchObject({ aggregate: 'count' });
  });
});
