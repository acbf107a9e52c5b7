import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  linearModel,
  mlpModel,
  optimumModel,
  testCard,
  type MlpWeights,
} from '../runtime/model/onnx-test-models';
import { ARTIFACTS, launchBrowser } from './browser';
import { serveBuiltEditor } from './editor-server';

const MLP: MlpWeights = {
  w1: [
    [0.5, -1.2, 0.3],
    [1.5, 0.7, -0.4],
  ],
  b1: [0.1, -0.2, 0.05],
  w2: [[1.0], [0.3], [-1.1]],
  b2: [0.25],
};

function mlpReference([a, b]: number[]): number {
  const hidden = MLP.b1.map((bias, j) => Math.max(0, bias + a * MLP.w1[0][j] + b * MLP.w1[1][j]));
  return MLP.b2[0] + hidden.reduce((s, h, j) => s + h * MLP.w2[j][0], 0);
}

let browser: Browser;
let page: Page;
let server: { url: string; close(): Promise<void> };
const wasmResponses: { url: string; status: number }[] = [];

beforeAll(async () => {
  server = await serveBuiltEditor();
  browser = await launchBrowser();
  page = await browser.newPage();
  page.on('response', (response) => {
    if (response.url().endsWith('.wasm'))
      wasmResponses.push({ url: response.url(), status: response.status() });
  });
  await page.goto(`${server.url}harness/model.html`);
  await page.waitForFunction(() => 'ptModelHarness' in window);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('model inference in Chromium', () => {
  it('runs a real MLP in a Web Worker with the wasm from the built app, matching a JS reference', async () => {
    const rows = Array.from({ length: 500 }, (_, i) => [Math.sin(i) * 5, Math.cos(i * 0.7) * 3]);
    const result = await page.evaluate((request) => window.ptModelHarness.predict(request), {
      onnx: Array.from(mlpModel(MLP)),
      card: testCard('mlp', ['a', 'b'], [{ tensor: 'y', columns: ['y'] }]),
      rows,
      batchSize: 64,
    });
    expect(result.where).toBe('worker');
    expect(result.values).toHaveLength(rows.length);
    rows.forEach((row, r) => expect(result.values[r]).toBeCloseTo(mlpReference(row), 4));
    // onnxruntime's wasm came from this server's build, not from a CDN.
    expect(wasmResponses.length).toBeGreaterThan(0);
    for (const response of wasmResponses) {
      expect(response.url.startsWith(server.url)).toBe(true);
      expect(response.status).toBe(200);
    }
    expect(await page.locator('#status').textContent()).toContain('(worker)');
    await page.screenshot({ path: `${ARTIFACTS}model-harness.png` });
  });

  it('runs the core/model.onnx node through its contract in the page', async () => {
    const result = await page.evaluate((request) => window.ptModelHarness.runNode(request), {
      typeId: 'core/model.onnx',
      onnx: Array.from(linearModel([[2], [3]], [0.5])),
      card: testCard('lin', ['a', 'b'], [{ tensor: 'y', columns: ['y'] }]),
      config: {
        model: 'lin@^1',
        features: [
          { name: 'a', column: 'x1' },
          { name: 'b', column: 'x2' },
        ],
        outputs: [{ name: 'pred' }],
        batchSize: 2,
      },
      batches: [
        {
          inserts: [
            { key: '1', row: { x1: 1, x2: 1 } },
            { key: '2', row: { x1: 'bad', x2: 1 } },
            { key: '3', row: { x1: -2, x2: 0.5 } },
          ],
          updates: [],
          deletes: ['9'],
        },
      ],
    });
    expect(result.problems.map((p) => p.code)).toEqual(['PTR305']);
    expect(result.emitted).toHaveLength(1);
    const batch = result.emitted[0].batch;
    expect(batch.deletes).toEqual(['9']);
    expect(batch.inserts.map((r) => [r.key, r.row.pred])).toEqual([
      ['1', 5.5],
      ['2', null],
      ['3', -2],
    ]);
  });

  it('runs core/optimise in the page and finds the known optimum per entity', async () => {
    const result = await page.evaluate((request) => window.ptModelHarness.runNode(request), {
      typeId: 'core/optimise',
      onnx: Array.from(optimumModel()),
      card: testCard(
        'energy',
        ['load', 'setting'],
        [
          { tensor: 'loss', columns: ['loss'] },
          { tensor: 'cost', columns: ['cost'] },
        ],
      ),
      config: {
        model: 'energy@^1',
        features: [{ name: 'load', column: 'load' }],
        parameter: 'setting',
        min: 0,
        max: 10,
        candidates: 21,
        objective: 'loss',
        constraint: { output: 'cost', op: '<=', bound: 12 },
        entity: 'pump',
      },
      batches: [
        {
          inserts: [
            { key: '1', row: { pump: 'a', load: 2.5 } },
            { key: '2', row: { pump: 'b', load: 8 } },
          ],
          updates: [],
          deletes: [],
        },
      ],
    });
    expect(result.problems).toEqual([]);
    const rows = result.emitted[0].batch.inserts.map((r) => r.row);
    expect(rows.map((r) => r.pump)).toEqual(['a', 'b']);
    // loss = (setting − load)² + 1, cost = 2 · setting ≤ 12 → best = min(load, 6).
    expect(rows[0].best_value as number).toBeCloseTo(2.5, 3);
    expect(rows[1].best_value as number).toBeCloseTo(6, 3);
    expect(rows[1].limit_met).toBe(true);
  });
});
