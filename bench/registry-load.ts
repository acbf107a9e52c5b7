/**
 * Runs a fixed-rate HTTP load (autocannon, in a child process) and summarises it: achieved requests/s,
 * latency percentiles from every response's exact time, non-2xx responses and connection errors.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** One load run: where, what, how fast, for how long. */
export interface LoadPlan {
  /** The server's origin, e.g. http://127.0.0.1:8787. */
  url: string;
  /** Request paths (with query), used in turn by consecutive requests. */
  paths: string[];
  /** Requests per second over all connections. */
  rate: number;
  connections: number;
  durationSeconds: number;
}

/** What the load generator measured (sent from the child process). */
export interface LoadSample {
  latenciesMs: number[];
  durationSeconds: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** CPU seconds the load generator's process used, start-up included. */
  clientCpuSeconds: number;
}

/** The summary of a run. */
export interface LoadStats {
  responses: number;
  requestsPerSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  statusCodes: Record<string, number>;
  clientCpuSeconds: number;
}

const CHILD = fileURLToPath(new URL('./registry-load-child.ts', import.meta.url));

/**
 * The nearest-rank percentile of ascending values (0 for none).
 * @example percentile([1, 2, 3, 4], 50) // 2
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * Summarises a sample: requests/s over the run's duration and latency percentiles.
 * @example const stats = summarise(sample); stats.p99Ms
 */
export function summarise(sample: LoadSample): LoadStats {
  const sorted = [...sample.latenciesMs].sort((a, b) => a - b);
  return {
    responses: sorted.length,
    requestsPerSecond: sample.durationSeconds > 0 ? sorted.length / sample.durationSeconds : 0,
    p50Ms: percentile(sorted, 50),
    p90Ms: percentile(sorted, 90),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.at(-1) ?? 0,
    non2xx: sample.non2xx,
    errors: sample.errors + sample.timeouts,
    statusCodes: sample.statusCodes,
    clientCpuSeconds: sample.clientCpuSeconds,
  };
}

/**
 * Runs autocannon at `plan.rate` requests/s over `plan.connections` connections for `plan.durationSeconds`,
 * in a child process (so the client does not share the server's event loop), and summarises the result.
 * @example const stats = await runLoad({ url, paths: ['/api/health'], rate: 200, connections: 10, durationSeconds: 20 })
 */
export function runLoad(plan: LoadPlan): Promise<LoadStats> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    child.once('message', (message: { sample?: LoadSample; error?: string }) => {
      settled = true;
      child.disconnect();
      if (message.sample) resolve(summarise(message.sample));
      else reject(new Error(`the load generator failed: ${message.error}`));
    });
    child.once('error', (error) => {
      settled = true;
      reject(error);
    });
    child.once('exit', (code, signal) => {
      if (!settled) reject(new Error(`the load generator exited early (${signal ?? `code ${code}`})`));
    });
    child.send(plan);
  });
}
