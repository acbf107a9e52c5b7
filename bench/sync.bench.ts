/**
 * npm run bench:sync — the built-in shape sync, measured with the official client against a real PostgreSQL,
 * each figure beside a floor measured in the same run:
 *  (a) commit → ShapeStream callback latency over 1,000 single-row commits (long-poll and SSE), beside a bare
 *      pgoutput subscriber's commit → callback latency. Target p50 ≤ 2 ms, p99 ≤ 10 ms.
 *  (b) sustained change throughput to one client, beside the bare subscriber. Target ≥ 50,000 rows/s.
 *  (c) initial sync of a 1,000,000-row table, beside COPY ... TO STDOUT of the same rows. Target ≤ 5 s.
 *  (d) 200 live clients on one shape, one commit → all notified, p99. Target ≤ 100 ms.
 * Sizes can be lowered for a quick look: BENCH_COMMITS, BENCH_THROUGHPUT_ROWS, BENCH_INITIAL_ROWS, BENCH_CLIENTS;
 * BENCH_ONLY=ac runs only (a) and (c).
 */
import { performance } from 'node:perf_hooks';
import { isChangeMessage, ShapeStream, type Row } from '@electric-sql/client';
import postgres from 'postgres';
import { startRawReplication } from './sync-raw-replication';
import { BENCH_SECRET, percentile, startSyncBench, type SyncBench } from './sync-setup';

const COMMITS = Number(process.env.BENCH_COMMITS ?? 1000);
const THROUGHPUT_ROWS = Number(process.env.BENCH_THROUGHPUT_ROWS ?? 300_000);
const INITIAL_ROWS = Number(process.env.BENCH_INITIAL_ROWS ?? 1_000_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200);

const ms = (n: number) => `${n.toFixed(2)} ms`;
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');

/** A live ShapeStream whose callback reports each insert's id. */
function stream(bench: SyncBench, table: string, onId: (id: number) => void, liveSse = false) {
  const aborter = new AbortController();
  const s = new ShapeStream<Row>({
    url: bench.shapeUrl,
    params: { table, secret: BENCH_SECRET },
    signal: aborter.signal,
    liveSse,
  });
  let upToDate: () => void;
  const ready = new Promise<void>((resolve) => (upToDate = resolve));
  s.subscribe((messages) => {
    for (const m of messages)
      if (isChangeMessage(m) && m.headers.operation === 'insert') onId(Number(m.value.id));
    if (s.isUpToDate) upToDate();
  });
  return { ready, close: () => aborter.abort() };
}

async function latency(bench: SyncBench): Promise<void> {
  const sql = bench.database.sql;
  await sql`create table bench_latency (id int primary key, note text)`;
  const raw = await startRawReplication(sql, bench.url, 'bench_latency');
  let id = 0;
  const measure = async (arm: (resolve: () => void) => void) => {
    const times: number[] = [];
    for (let i = 0; i < COMMITS; i++) {
      const seen = new Promise<void>((resolve) => arm(resolve));
      const start = performance.now();
      await sql`insert into bench_latency values (${++id}, 'x')`;
      await seen;
      times.push(performance.now() - start);
    }
    return times;
  };
  let wake: (() => void) | null = null;
  raw.onInsert(() => wake?.());
  const floor = await measure((resolve) => (wake = resolve));
  await raw.stop();
  const results: [string, number[]][] = [];
  for (const sse of [false, true]) {
    let pending: (() => void) | null = null;
    const client = stream(bench, 'bench_latency', () => pending?.(), sse);
    await client.ready;
    results.push([
      sse ? 'ShapeStream (SSE)' : 'ShapeStream (long-poll)',
      await measure((resolve) => (pending = resolve)),
    ]);
    client.close();
  }
  console.log(`(a) commit → callback latency, ${COMMITS} single-row commits (insert sent → callback)`);
  console.log(
    `    floor: bare pgoutput subscriber   p50 ${ms(percentile(floor, 50))}  p99 ${ms(percentile(floor, 99))}`,
  );
  for (const [name, times] of results) {
    const p50 = percentile(times, 50);
    const p99 = percentile(times, 99);
    console.log(
      `    ${name.padEnd(30)} p50 ${ms(p50)}  p99 ${ms(p99)}  (target p50 ≤ 2 ms, p99 ≤ 10 ms: ${verdict(p50 <= 2 && p99 <= 10)})`,
    );
  }
}

async function throughput(bench: SyncBench): Promise<void> {
  const sql = bench.database.sql;
  await sql`create table bench_flow (id int primary key, name text, value float8)`;
  const batch = 10_000;
  const load = async () => {
    for (let from = 1; from <= THROUGHPUT_ROWS; from += batch)
      await sql`insert into bench_flow select i, 'row ' || i, i * 0.5 from generate_series(${from}::int, ${Math.min(from + batch - 1, THROUGHPUT_ROWS)}::int) i`;
  };
  const run = async (subscribe: (count: () => void) => void) => {
    let seen = 0;
    let done: () => void;
    const all = new Promise<void>((resolve) => (done = resolve));
    subscribe(() => {
      if (++seen === THROUGHPUT_ROWS) done();
    });
    const start = performance.now();
    await load();
    await all;
    return THROUGHPUT_ROWS / ((performance.now() - start) / 1000);
  };
  const raw = await startRawReplication(sql, bench.url, 'bench_flow');
  const floor = await run((count) => raw.onInsert(count));
  await raw.stop();
  await sql`truncate bench_flow`;
  let counter = () => {};
  const client = stream(bench, 'bench_flow', () => counter());
  await client.ready;
  const rate = await run((count) => (counter = count));
  client.close();
  console.log(
    `(b) sustained change throughput to one client, ${THROUGHPUT_ROWS.toLocaleString()} rows in ${batch.toLocaleString()}-row commits`,
  );
  console.log(`    floor: bare pgoutput subscriber   ${Math.round(floor).toLocaleString()} rows/s`);
  console.log(
    `    ShapeStream                      ${Math.round(rate).toLocaleString()} rows/s  (target ≥ 50,000: ${verdict(rate >= 50_000)})`,
  );
}

async function initialSync(bench: SyncBench): Promise<void> {
  const sql = bench.database.sql;
  await sql`create table bench_initial (id int primary key, name text, value float8, at timestamptz)`;
  await sql`insert into bench_initial select i, 'device-' || (i % 1000), random() * 100, now() - i * interval '1 second'
    from generate_series(1, ${INITIAL_ROWS}::int) i`;
  await sql`vacuum analyze bench_initial`;
  // COPY on a connection of its own: postgres.js keeps a COPY connection busy after its stream ends.
  const copier = postgres(bench.url, { max: 1, onnotice: () => {} });
  let start = performance.now();
  let bytes = 0;
  const copy = await copier`copy (select * from bench_initial) to stdout`.readable();
  for await (const chunk of copy) bytes += (chunk as Buffer).length;
  const copyMs = performance.now() - start;
  await copier.end({ timeout: 1 });
  start = performance.now();
  let rows = 0;
  const client = stream(bench, 'bench_initial', () => rows++);
  await client.ready;
  const syncMs = performance.now() - start;
  client.close();
  if (rows !== INITIAL_ROWS) throw new Error(`initial sync delivered ${rows} rows, not ${INITIAL_ROWS}`);
  console.log(
    `(c) initial sync of a ${INITIAL_ROWS.toLocaleString()}-row table (first request → up-to-date, rows parsed by the client)`,
  );
  console.log(`    floor: COPY ... TO STDOUT          ${ms(copyMs)} (${(bytes / 1e6).toFixed(0)} MB)`);
  console.log(
    `    ShapeStream                      ${ms(syncMs)}  (target ≤ 5 s: ${verdict(syncMs <= 5000)})`,
  );
}

async function fanOut(bench: SyncBench): Promise<void> {
  const sql = bench.database.sql;
  await sql`create table bench_fanout (id int primary key, note text)`;
  let commitStart = 0;
  let expectedId = 0;
  const latencies: number[] = [];
  let notified = 0;
  let allNotified: () => void = () => {};
  const clients = Array.from({ length: CLIENTS }, () =>
    stream(bench, 'bench_fanout', (id) => {
      if (id !== expectedId) return;
      latencies.push(performance.now() - commitStart);
      if (++notified === CLIENTS) allNotified();
    }),
  );
  await Promise.all(clients.map((c) => c.ready));
  await new Promise((resolve) => setTimeout(resolve, 500)); // every client is waiting in a live request
  const rounds = 20;
  const worst: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    notified = 0;
    expectedId = round;
    const all = new Promise<void>((resolve) => (allNotified = resolve));
    const before = latencies.length;
    commitStart = performance.now();
    await sql`insert into bench_fanout values (${round}, 'x')`;
    await all;
    worst.push(Math.max(...latencies.slice(before)));
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  for (const c of clients) c.close();
  const p99 = percentile(latencies, 99);
  console.log(`(d) ${CLIENTS} live clients on one shape, ${rounds} commits, commit → each client's callback`);
  console.log(
    `    p50 ${ms(percentile(latencies, 50))}  p99 ${ms(p99)}  last client (median over commits) ${ms(percentile(worst, 50))}  (target p99 ≤ 100 ms: ${verdict(p99 <= 100)})`,
  );
}

const bench = await startSyncBench();
try {
  console.log(
    `sync benchmark (PostgreSQL ${process.env.DATABASE_URL ? 'from DATABASE_URL' : 'embedded'}; server and clients in one Node process)`,
  );
  const only = process.env.BENCH_ONLY; // e.g. BENCH_ONLY=c runs only (c)
  if (!only || only.includes('a')) await latency(bench);
  if (!only || only.includes('b')) await throughput(bench);
  if (!only || only.includes('c')) await initialSync(bench);
  if (!only || only.includes('d')) await fanOut(bench);
} finally {
  await bench.stop();
}
