/**
 * The sync benchmark's initial-sync client (part (c)), run in a child process of its own (forked by
 * sync.bench.ts), as a browser would be: on another CPU than the server, so that parsing the rows and serving
 * them overlap as they do in real use.
 *
 * Protocol over IPC:
 *  child  → parent { type: 'ready' }                       modules loaded
 *  parent → child  { type: 'go', shapeUrl, table, secret }  read the whole shape with the official client
 *  child  → parent { type: 'done', rows, ms, cpuMs }        rows inserted, ms from the first request to
 *                                                           up-to-date, CPU ms this process used meanwhile
 */
import { performance } from 'node:perf_hooks';
import { isChangeMessage, ShapeStream, type Row } from '@electric-sql/client';

/** Messages from child to parent. */
export type InitialClientReport =
  | { type: 'ready' }
  | { type: 'done'; rows: number; ms: number; cpuMs: number }
  | { type: 'error'; error: string };

/** What the parent asks for. */
export interface InitialClientGo {
  type: 'go';
  shapeUrl: string;
  table: string;
  secret: string;
}

const send = (report: InitialClientReport) => process.send!(report);

function run(go: InitialClientGo): void {
  const aborter = new AbortController();
  const cpu = process.cpuUsage();
  const start = performance.now();
  let rows = 0;
  const stream = new ShapeStream<Row>({
    url: go.shapeUrl,
    params: { table: go.table, secret: go.secret },
    signal: aborter.signal,
  });
  stream.subscribe(
    (messages) => {
      for (const m of messages) if (isChangeMessage(m) && m.headers.operation === 'insert') rows++;
      if (!stream.isUpToDate) return;
      const ms = performance.now() - start;
      const used = process.cpuUsage(cpu);
      aborter.abort();
      send({ type: 'done', rows, ms, cpuMs: (used.user + used.system) / 1000 });
    },
    (error) => send({ type: 'error', error: String(error) }),
  );
}

process.on('message', (message: InitialClientGo) => {
  if (message.type === 'go') run(message);
});
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
