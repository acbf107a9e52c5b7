/**
 * npm run bench:transforms — 100,000 telemetry rows (50 pumps, one row per pump per second) through
 * core/filter → core/derive → core/window (10-minute time window, 4 summaries), node to node directly through
 * the node contract. Reports the median ms over runs for: batches of 1,000 rows, one batch of 100,000 rows,
 * and 20,000 rows one row per batch. Prints wall time and CPU time (user + system, less sensitive to other
 * processes on a shared machine), and a floor: three nodes that only copy each row and keep it by key.
 * Target: 100,000 rows well under a second.
 */
import { performance } from 'node:perf_hooks';
import type { ChangeBatch, NodeInstance, Row } from '../runtime/engine/node-api';
import { create as createDerive } from '../nodes/derive/derive-node';
import { create as createFilter } from '../nodes/filter/filter-node';
import { createTestContext } from '../nodes/transform-kit/test-context';
import { create as createWindow } from '../nodes/window/window-node';

const ROWS = 100_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const columns = [
  { name: 'id', type: 'int8' as const },
  { name: 'pump_id', type: 'text' as const },
  { name: 'ts', type: 'timestamptz' as const },
  { name: 'vibration', type: 'float8' as const },
  { name: 'temp', type: 'float8' as const },
];

function pipeline(sink: (batch: ChangeBatch) => void): NodeInstance {
  const chain = <C>(
    config: C,
    factory: (ctx: ReturnType<typeof createTestContext<C>>['ctx']) => NodeInstance,
    next: (b: ChangeBatch) => void,
  ) => {
    const t = createTestContext({ config, inputs: { rows: columns } });
    return factory({ ...t.ctx, emit: (_port, batch) => next(batch) });
  };
  const window = chain(
    {
      entity: 'pump_id',
      time: 'ts',
      by: 'time' as const,
      size: 600,
      aggregates: [
        { column: 'vibration', fn: 'mean' as const },
        { column: 'vibration', fn: 'std' as const },
        { column: 'temp', fn: 'max' as const },
        { column: 'power', fn: 'sum' as const },
      ],
    },
    createWindow,
    sink,
  );
  const derive = chain(
    { columns: [{ name: 'power', expression: 'vibration * temp / 36 + 1' }] },
    createDerive,
    (b) => window.receive?.('rows', b),
  );
  return chain(
    { conditions: [{ column: 'temp', op: '<' as const, value: 95 }], combine: 'all' as const },
    createFilter,
    (b) => derive.receive?.('rows', b),
  );
}

function rows(count: number): { key: string; row: Row }[] {
  const out: { key: string; row: Row }[] = [];
  for (let i = 0; i < count; i++) {
    const pump = i % 50;
    out.push({
      key: String(i),
      row: {
        id: i,
        pump_id: `pump-${pump}`,
        ts: 1_700_000_000_000 + Math.floor(i / 50) * 1000,
        vibration: 2 + Math.sin(i / 97) + pump / 50,
        temp: 60 + 40 * Math.abs(Math.sin(i / 1013)),
      },
    });
  }
  return out;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(
  label: string,
  data: { key: string; row: Row }[],
  batchSize: number,
  build = pipeline,
): void {
  const times: number[] = [];
  const cpu: number[] = [];
  let out = 0;
  for (let run = 0; run < RUNS; run++) {
    out = 0;
    const node = build((b) => (out += b.inserts.length));
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    for (let i = 0; i < data.length; i += batchSize)
      node.receive?.('rows', { inserts: data.slice(i, i + batchSize), updates: [], deletes: [] });
    const used = process.cpuUsage(cpuStart);
    times.push(performance.now() - start);
    cpu.push((used.user + used.system) / 1000);
  }
  console.log(
    `${label}: ${median(times).toFixed(1)} ms wall, ${median(cpu).toFixed(1)} ms CPU (median of ${RUNS}; ${out} rows out)`,
  );
}

/** A floor for the same machine and moment: three nodes that only copy each row and remember it by key. */
function floor(sink: (batch: ChangeBatch) => void): NodeInstance {
  const copy = (next: (b: ChangeBatch) => void): NodeInstance => {
    const kept = new Map<string, Row>();
    return {
      receive(_port, batch) {
        const inserts = batch.inserts.map(({ key, row }) => {
          const out = { ...row, extra: 1 };
          kept.set(key, out);
          return { key, row: out };
        });
        next({ inserts, updates: [], deletes: [] });
      },
    };
  };
  const third = copy(sink);
  const second = copy((b) => third.receive?.('rows', b));
  return copy((b) => second.receive?.('rows', b));
}

const data = rows(ROWS);
measure('floor: three copy-and-remember nodes, 100,000 rows in batches of 1,000', data, 1000, floor);
measure('filter → derive → window, 100,000 rows in batches of 1,000', data, 1000);
measure('filter → derive → window, 100,000 rows in one batch', data, ROWS);
measure('filter → derive → window, 20,000 rows one row per batch', data.slice(0, 20_000), 1);
