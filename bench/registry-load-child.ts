/**
 * The registry benchmark's load generator, run in a child process of its own (forked by registry-load.ts) so
 * that the client never shares an event loop with the server it measures. Receives one LoadPlan over IPC, runs
 * autocannon at the plan's fixed overall rate, rotating through the plan's paths, and sends back every
 * response's latency and the error counts.
 */
import { createRequire } from 'node:module';
import type { LoadPlan, LoadSample } from './registry-load';

/** The part of autocannon's API used here (the package ships no types). */
interface AutocannonRequest {
  method?: string;
  path?: string;
}
interface AutocannonOptions {
  url: string;
  connections: number;
  overallRate: number;
  duration: number;
  ignoreCoordinatedOmission: boolean;
  requests: { method: string; setupRequest: (request: AutocannonRequest) => AutocannonRequest }[];
}
interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
}
interface AutocannonInstance {
  on(
    event: 'response',
    listener: (client: unknown, statusCode: number, bytes: number, responseTimeMs: number) => void,
  ): void;
}
type Autocannon = (
  options: AutocannonOptions,
  done: (error: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

function run(plan: LoadPlan): Promise<LoadSample> {
  let next = 0;
  const latenciesMs: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: plan.url,
        connections: plan.connections,
        overallRate: plan.rate,
        duration: plan.durationSeconds,
        // Percentiles are computed from the raw latencies below. autocannon's own correction for coordinated
        // omission assumes an interval of ceil(1 / rate) ms (1 ms at 20 req/s per connection) and would add
        // synthetic samples to every response slower than 1 ms; a shortfall in rate is reported instead.
        ignoreCoordinatedOmission: true,
        requests: [
          {
            method: 'GET',
            // One counter for all connections: consecutive requests rotate through the paths.
            setupRequest: (request) => ({ ...request, path: plan.paths[next++ % plan.paths.length] }),
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        const statusCodes: Record<string, number> = {};
        for (const [code, { count }] of Object.entries(result.statusCodeStats)) statusCodes[code] = count;
        const cpu = process.cpuUsage();
        resolve({
          clientCpuSeconds: (cpu.user + cpu.system) / 1e6,
          latenciesMs,
          durationSeconds: result.duration,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          statusCodes,
        });
      },
    );
    // autocannon's latency histogram has 1 ms resolution; the raw response times are exact.
    instance.on('response', (_client, _status, _bytes, responseTimeMs) => latenciesMs.push(responseTimeMs));
  });
}

let reported = false;
// The parent going away ends the run: after the report, or early (Ctrl-C, a crash).
process.on('disconnect', () => process.exit(reported ? 0 : 1));
process.once('message', (plan: LoadPlan) => {
  run(plan).then(
    (sample) => process.send?.({ sample }, () => (reported = true)),
    (error: unknown) => process.send?.({ error: String(error) }, () => (reported = true)),
  );
});
