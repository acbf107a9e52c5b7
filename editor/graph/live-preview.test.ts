import { afterEach, describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../runtime/compiler/builtin-registry';
import type { Blueprint } from '../../runtime/compiler/document-types';
import type { DemoRows, DemoTable } from '../deploy/deploy-api';
import { runPreview, type PreviewReport, type RunningPreview } from './live-preview';

const table: DemoTable = {
  name: 'readings',
  qualifiedName: 'demo.readings',
  columns: [
    { name: 'machine', pgType: 'text', type: 'text', nullable: false },
    { name: 'recorded_at', pgType: 'timestamptz', type: 'timestamptz', nullable: false },
    { name: 'vibration', pgType: 'float8', type: 'float8', nullable: true },
  ],
  primaryKey: ['machine', 'recorded_at'],
  rowEstimate: 4,
  timeColumn: 'recorded_at',
};

/** What the demo rows route answers for the table above; `rows` may change between polls. */
let answer: DemoRows;

const doc = (limit: number): Blueprint => ({
  schemaVersion: 1,
  name: 'preview-test',
  version: '0.1.0',
  title: 'Preview test',
  inputs: {
    telemetry: {
      kind: 'table',
      columns: { machine: { type: 'text' }, ts: { type: 'timestamptz' }, vibration: { type: 'float8' } },
    },
  },
  nodes: [
    { id: 'src', type: 'core/source.table@^1', config: { input: 'telemetry' } },
    {
      id: 'high',
      type: 'core/filter@^1',
      config: { conditions: [{ column: 'vibration', op: '>', value: limit }] },
    },
  ],
  edges: [{ from: 'src.rows', to: 'high.rows' }],
});

let running: RunningPreview | null = null;
afterEach(async () => {
  await running?.dispose();
  running = null;
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(check()).toBe(true);
}

describe('the live preview', () => {
  it('runs the blueprint on the sample rows and reports row counts and samples per node', async () => {
    answer = {
      table: 'readings',
      columns: ['machine', 'recorded_at', 'vibration'],
      rows: [
        ['p1', '2024-01-01 00:00:00+00', '1.5'],
        ['p1', '2024-01-01 00:01:00+00', '3.5'],
        ['p2', '2024-01-01 00:00:00+00', '4.0'],
      ],
      order: 'newest first',
    };
    let last: PreviewReport | null = null;
    const feed = {
      tableFor: (input: string) => (input === 'telemetry' ? table : undefined),
      rows: async () => structuredClone(answer),
      limit: 50,
      intervalMs: 50,
    };
    running = await runPreview(doc(2), await builtinRegistry(), feed, (r) => (last = r));
    await until(() => last?.previews.get('high')?.rowCount === 2);
    expect(last!.previews.get('src')?.rowCount).toBe(3);
    // Times arrive as ISO text, which the node card formats as a date (preview-format.ts).
    expect(last!.previews.get('src')?.sample[0]).toEqual({
      machine: 'p1',
      ts: '2024-01-01T00:00:00.000Z',
      vibration: 1.5,
    });
    expect(last!.previews.get('high')?.sample[0]).toMatchObject({
      ts: expect.stringMatching(/^2024-01-01T/),
    });

    // The sample table changes: the next poll carries the change downstream.
    answer.rows = [...answer.rows, ['p3', '2024-01-01 00:00:00+00', '9']];
    await until(() => last?.previews.get('high')?.rowCount === 3);
    expect(last!.previews.get('src')?.rowCount).toBe(4);
  });

  it('says in plain words when a table input has no sample data, and answers null for a broken blueprint', async () => {
    let last: PreviewReport | null = null;
    const feed = {
      tableFor: () => undefined,
      rows: () => Promise.reject(new Error('unused')),
      limit: 5,
      intervalMs: 50,
    };
    running = await runPreview(doc(2), await builtinRegistry(), feed, (r) => (last = r));
    await until(() => last?.problems.src !== undefined);
    expect(last!.problems.src[0]).toMatchObject({ code: 'PTR140', severity: 'warning' });
    expect(last!.problems.src[0].message).toContain('No sample data is picked for the input "telemetry"');
    const broken = { ...doc(2), edges: [{ from: 'src.rows', to: 'nowhere.rows' }] };
    expect(await runPreview(broken, await builtinRegistry(), feed, () => {})).toBeNull();
  });
});
