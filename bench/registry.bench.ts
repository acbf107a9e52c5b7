/**
 * npm run bench:registry — full-text search of the blueprint registry under a fixed request rate.
 * Starts an embedded PostgreSQL in a temporary directory (removed at the end, also on Ctrl-C or an error),
 * migrates it, seeds the built-ins and 10,000 realistic blueprints, serves the real app on a free port, then
 * drives GET /api/blueprints?q=<term> (the term rotating through realistic words and prefixes) and, as a
 * baseline on the same server without the database, GET /api/health, both with autocannon at 200 requests/s
 * over 10 connections. Prints requests/s, p50/p99 and their ratio to the baseline.
 * Target: search p99 ≤ 25 ms at 200 req/s (2-core machine). Exits 1 when any request failed, since the figures
 * would then be invalid. BENCH_DURATION sets the seconds of each measured run (default 20), BENCH_CONNECTIONS the
 * connections (default 10), BENCH_PUBLISHED how many of the 10,000 go through the publish service rather than the
 * batch path (default 200).
 */
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { serve } from '@hono/node-server';
import { createApp } from '../server/app';
import { loadConfig } from '../server/config';
import { connectDatabase, migrateDatabase, type Database } from '../server/db/database';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../server/db/embedded-postgres';
import { freePort } from '../server/db/free-port';
import { seedBuiltins } from '../server/seed/seed-builtins';
import { generateCatalogue, SEARCH_TERMS } from './registry-catalogue';
import { removeOnExit } from './registry-cleanup';
import { cpuShare, cpuSnapshot, type CpuShare } from './registry-cpu';
import { runLoad, type LoadPlan, type LoadStats } from './registry-load';
import { seedCatalogue } from './registry-seed';

const BLUEPRINTS = 10_000;
const RATE = 200;
const TARGET_P99_MS = 25;
const WARMUP_SECONDS = 3;
const DURATION_SECONDS = wholeNumber('BENCH_DURATION', 20, 1);
const CONNECTIONS = wholeNumber('BENCH_CONNECTIONS', 10, 1);
const PUBLISHED = Math.min(BLUEPRINTS, wholeNumber('BENCH_PUBLISHED', 200, 0));
const SHOWN_TOTALS = ['pump', 'pum', 'vibration', 'hvac', 'anomaly detection', 'pumping', 'zeppelin'];

function wholeNumber(name: string, fallback: number, min: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number ≥ ${min}`);
  return value;
}

const searchPath = (term: string) => `/api/blueprints?q=${encodeURIComponent(term)}`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(1)} s`;
const int = (value: number) => value.toLocaleString('en-US');

function row(label: string, s: LoadStats): string {
  return (
    `${label}: ${s.requestsPerSecond.toFixed(1)} req/s, p50 ${ms(s.p50Ms)}, p90 ${ms(s.p90Ms)}, ` +
    `p99 ${ms(s.p99Ms)}, max ${ms(s.maxMs)}, non-2xx ${s.non2xx}, errors ${s.errors} (${int(s.responses)} responses)`
  );
}

/** A pause between runs, so that requests the previous run left in flight do not spill into the next one. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1000));

function cpuRow(cpu: CpuShare | null): string {
  if (!cpu) return '  CPU: not measured (needs Linux /proc)';
  const c = (value: number) => value.toFixed(2);
  return (
    `  CPU, in cores of ${availableParallelism()}: server ${c(cpu.server)}, PostgreSQL ${c(cpu.postgres)}, ` +
    `load generator ${c(cpu.client)}, other processes on the machine ${c(cpu.other)}`
  );
}

async function measure(plan: LoadPlan, postgresDir: string): Promise<[LoadStats, CpuShare | null]> {
  await settle();
  const before = cpuSnapshot(postgresDir);
  const stats = await runLoad(plan);
  const after = cpuSnapshot(postgresDir);
  return [stats, before && after ? cpuShare(before, after, stats.clientCpuSeconds) : null];
}

function listen(app: ReturnType<typeof createApp>, port: number): Promise<Server> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve(server as Server));
  });
}

async function searchTotal(origin: string, term: string): Promise<number> {
  const response = await fetch(origin + searchPath(term));
  if (!response.ok) throw new Error(`GET ${searchPath(term)} answered ${response.status}`);
  return ((await response.json()) as { total: number }).total;
}

const dir = mkdtempSync(join(tmpdir(), 'projecttwin-bench-'));
// On Ctrl-C, embedded-postgres's exit hook stops the cluster, then exits; see removeOnExit for the rest.
removeOnExit(dir);
let interrupted = false;
process.once('SIGINT', () => {
  interrupted = true;
  console.error(`\ninterrupted: stopping PostgreSQL and removing ${dir}`);
  // Requests and queries cut short by the shutdown fail loudly (the server logs each one); that is expected now.
  console.error = () => {};
});

let embedded: EmbeddedDatabase | undefined;
let database: Database | undefined;
let server: Server | undefined;
let exitCode = 0;
try {
  console.log(
    `registry search benchmark: ${int(BLUEPRINTS)} blueprints; GET /api/blueprints?q=<term> vs GET /api/health, ` +
      `${RATE} req/s over ${CONNECTIONS} connections for ${DURATION_SECONDS} s each (after a ${WARMUP_SECONDS} s warm-up)`,
  );
  let start = performance.now();
  const postgresDir = join(dir, 'postgres');
  embedded = await startEmbeddedPostgres({ dir: postgresDir });
  await migrateDatabase(embedded.url);
  database = connectDatabase(embedded.url);
  await seedBuiltins(database);
  console.log(
    `embedded PostgreSQL in ${dir}: started, migrated, built-ins seeded in ${seconds(performance.now() - start)}`,
  );

  start = performance.now();
  const report = await seedCatalogue(database, generateCatalogue(BLUEPRINTS), { publish: PUBLISHED });
  console.log(
    `seeded ${int(BLUEPRINTS)} blueprints in ${seconds(performance.now() - start)}: ` +
      `${int(report.published)} through publishVersion in ${seconds(report.publishMs)}` +
      (report.published
        ? ` (${(report.publishMs / report.published).toFixed(1)} ms per blueprint, ${report.publishConcurrency} at a time)`
        : '') +
      `, ${int(report.inserted)} in batches with the service's searchVector in ${seconds(report.insertMs)}; ` +
      `search vectors identical on ${report.parityChecked} published entries; VACUUM ANALYZE ${seconds(report.vacuumMs)}`,
  );

  const port = await freePort();
  const config = loadConfig({ PROJECTTWIN_DATA_DIR: dir, HOST: '127.0.0.1', PORT: String(port) });
  server = await listen(createApp({ config, database }), port);
  const origin = `http://127.0.0.1:${port}`;

  const totals = await Promise.all(SHOWN_TOTALS.map((term) => searchTotal(origin, term)));
  console.log(`matching blueprints: ${SHOWN_TOTALS.map((t, i) => `"${t}" ${int(totals[i])}`).join(', ')}`);

  const searchPlan: LoadPlan = {
    url: origin,
    paths: SEARCH_TERMS.map(searchPath),
    rate: RATE,
    connections: CONNECTIONS,
    durationSeconds: DURATION_SECONDS,
  };
  const healthPlan: LoadPlan = { ...searchPlan, paths: ['/api/health'] };
  await runLoad({ ...searchPlan, durationSeconds: WARMUP_SECONDS });
  await settle();
  await runLoad({ ...healthPlan, durationSeconds: WARMUP_SECONDS });
  process.env.PROJECTTWIN_SEARCH_CACHE = 'off';
  const [uncached, uncachedCpu] = await measure(searchPlan, postgresDir);
  delete process.env.PROJECTTWIN_SEARCH_CACHE;
  const [search, searchCpu] = await measure(searchPlan, postgresDir);
  const [health, healthCpu] = await measure(healthPlan, postgresDir);

  console.log(`search terms (${SEARCH_TERMS.length}, in turn): ${SEARCH_TERMS.join(', ')}`);
  console.log(
    `(autocannon paces each connection per second: the ${+(RATE / CONNECTIONS).toFixed(1)} requests a connection owes go back to ` +
      `back from the start of each second, so the server sees bursts of up to ${CONNECTIONS} concurrent requests)`,
  );
  console.log(row('search, cache off (every request runs the query)', uncached));
  console.log(cpuRow(uncachedCpu));
  console.log(row('search, with the 30 s result cache', search));
  console.log(cpuRow(searchCpu));
  console.log(row('health (baseline)', health));
  console.log(cpuRow(healthCpu));
  console.log(
    `cache off: p99 / baseline p99 = ${(uncached.p99Ms / health.p99Ms).toFixed(1)}×, ` +
      `${uncached.requestsPerSecond >= RATE * 0.98 && uncached.p99Ms <= TARGET_P99_MS ? 'meets' : 'does NOT meet'} the target on its own`,
  );
  console.log(
    `cached: search p99 / baseline p99 = ${(search.p99Ms / health.p99Ms).toFixed(1)}×, ` +
      `p50 / baseline p50 = ${(search.p50Ms / health.p50Ms).toFixed(1)}×`,
  );
  const rateReached = search.requestsPerSecond >= RATE * 0.98;
  const met = rateReached && search.p99Ms <= TARGET_P99_MS;
  console.log(
    `target p99 ≤ ${TARGET_P99_MS} ms at ${RATE} req/s: ${met ? 'met' : 'NOT met'} (${ms(search.p99Ms)}` +
      `${rateReached ? '' : `, and only ${search.requestsPerSecond.toFixed(1)} req/s reached`})`,
  );
  const busy = [uncachedCpu, searchCpu, healthCpu].some((cpu) => cpu && cpu.other > 0.2);
  if (busy) {
    console.log(
      'warning: other processes used more than 0.2 cores during a run; rerun on a quiet machine to compare',
    );
  }
  for (const [label, stats] of [
    ['search (cache off)', uncached],
    ['search', search],
    ['health', health],
  ] as const) {
    if (stats.non2xx + stats.errors > 0) {
      exitCode = 1;
      console.error(
        `FAILED: ${stats.non2xx} non-2xx responses and ${stats.errors} errors on ${label} ` +
          `(status codes ${JSON.stringify(stats.statusCodes)}); the figures are invalid`,
      );
    }
  }
} catch (error) {
  exitCode = 1;
  if (!interrupted) console.error(error);
} finally {
  const closed = new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server?.closeAllConnections();
  await closed;
  await database?.close().catch(() => {});
  await embedded?.stop().catch(() => {});
}
// Explicitly: embedded-postgres's exit hook would otherwise end the process with code 0 when the loop empties.
process.exit(exitCode);
