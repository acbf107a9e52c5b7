/**
 * The sync benchmark's fan-out clients (part (d)), run in a child process of their own (forked by
 * sync.bench.ts) so that the clients' CPU does not compete with the server's event loop they measure.
 *
 * Protocol over IPC:
 *  parent → child  FanoutPlan                       open `plan.clients` live ShapeStreams on `plan.table`
 *  child  → parent { type: 'ready' }                 every stream is up to date (waiting in a live request)
 *  child  → parent { type: 'seen', id, times }       every stream of this process has seen insert `id`;
 *                                                    `times` are the receipt times on the shared clock (below)
 *  parent → child  { type: 'stop', ids }             close the streams
 *  child  → parent { type: 'done', complete, seen, cpuMs }
 *                                                    clients that saw every id in `ids`, notifications in all,
 *                                                    CPU milliseconds this process used from 'ready' to 'stop'
 *
 * Shared clock: receipt times are `performance.timeOrigin + performance.now()`, i.e. the wall clock read once at
 * process start plus the monotonic clock since, in milliseconds with sub-millisecond resolution. The parent
 * stamps a commit's start the same way, so parent and child times are on one clock (same machine, same system
 * clock) and the latency is computed in the parent as receipt − commit start, with no IPC delay in it.
 */
import { performance } from 'node:perf_hooks';
import { isChangeMessage, ShapeStream, type Row } from '@electric-sql/client';

/** What a child is asked to run. */
export interface FanoutPlan {
  type: 'plan';
  shapeUrl: string;
  table: string;
  secret: string;
  clients: number;
  /** Live updates over SSE (one open response per client) instead of a long-poll request per change. */
  liveSse: boolean;
}

/** Messages from parent to child. */
export type FanoutCommand = FanoutPlan | { type: 'stop'; ids: number[] };

/** Messages from child to parent. */
export type FanoutReport =
  | { type: 'ready' }
  | { type: 'seen'; id: number; times: number[] }
  | { type: 'done'; complete: number; seen: number; cpuMs: number }
  | { type: 'error'; error: string };

/** The shared clock: wall-clock milliseconds with sub-millisecond resolution (see above). */
const sharedNow = () => performance.timeOrigin + performance.now();

const send = (report: FanoutReport, then?: () => void) =>
  process.send!(report, undefined, {}, () => then?.());

interface Client {
  seen: Set<number>;
  close: () => void;
}

function run(plan: FanoutPlan): void {
  /** Receipt times of each id, one per client, until every client has seen it. */
  const pending = new Map<number, number[]>();
  let upToDate = 0;
  let stopping = false;
  let cpuAtReady = process.cpuUsage();
  const clients: Client[] = Array.from({ length: plan.clients }, () => {
    const aborter = new AbortController();
    const client: Client = { seen: new Set(), close: () => aborter.abort() };
    const stream = new ShapeStream<Row>({
      url: plan.shapeUrl,
      params: { table: plan.table, secret: plan.secret },
      signal: aborter.signal,
      liveSse: plan.liveSse,
    });
    let ready = false;
    stream.subscribe(
      (messages) => {
        const at = sharedNow();
        for (const m of messages) {
          if (!isChangeMessage(m) || m.headers.operation !== 'insert') continue;
          const id = Number(m.value.id);
          if (client.seen.has(id)) continue;
          client.seen.add(id);
          const times = pending.get(id) ?? [];
          times.push(at);
          pending.set(id, times);
          if (times.length === plan.clients) {
            pending.delete(id);
            send({ type: 'seen', id, times });
          }
        }
        if (!ready && stream.isUpToDate) {
          ready = true;
          if (++upToDate === plan.clients) {
            cpuAtReady = process.cpuUsage();
            send({ type: 'ready' });
          }
        }
      },
      (error) => {
        if (!stopping) send({ type: 'error', error: String(error) });
      },
    );
    return client;
  });
  process.on('message', (command: FanoutCommand) => {
    if (command.type !== 'stop') return;
    stopping = true;
    const cpu = process.cpuUsage(cpuAtReady);
    for (const c of clients) c.close();
    const complete = clients.filter((c) => command.ids.every((id) => c.seen.has(id))).length;
    const seen = clients.reduce((sum, c) => sum + command.ids.filter((id) => c.seen.has(id)).length, 0);
    send({ type: 'done', complete, seen, cpuMs: (cpu.user + cpu.system) / 1000 }, () => process.exit(0));
  });
}

process.once('message', (command: FanoutCommand) => {
  if (command.type === 'plan') run(command);
});
