/**
 * A floor for the sync benchmark's initial sync (part (c)): the responses our server gave for a shape, captured
 * once and served again by a trivial static HTTP server, so that the same official client can read exactly the
 * same bytes with (almost) no server work. What that run costs is what the client alone costs.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One captured response: its Electric headers and body. */
interface Captured {
  headers: Record<string, string>;
  body: Buffer;
}

/** Headers that belong to one HTTP exchange, not to the shape response. */
const HOP_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date']);

/** A static server replaying captured shape responses, keyed by the request's `offset`. */
export interface StaticReplay {
  /** `http://127.0.0.1:<port>/v1/shape` */
  shapeUrl: string;
  responses: number;
  bytes: number;
  stop(): Promise<void>;
}

/**
 * Reads a whole shape from `shapeUrl` (offset -1, then each response's offset, until up-to-date) with plain
 * fetch, and serves the captured responses from a static server on a free port.
 * @example const replay = await captureShape(bench.shapeUrl, { table: 'bench_initial', secret }); ...; await replay.stop()
 */
export async function captureShape(shapeUrl: string, params: Record<string, string>): Promise<StaticReplay> {
  const byOffset = new Map<string, Captured>();
  let offset = '-1';
  let handle: string | null = null;
  let bytes = 0;
  for (;;) {
    const url = new URL(shapeUrl);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    url.searchParams.set('offset', offset);
    if (handle) url.searchParams.set('handle', handle);
    const response = await fetch(url);
    if (response.status !== 200) throw new Error(`capturing the shape: HTTP ${response.status} at ${offset}`);
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (!HOP_HEADERS.has(name)) headers[name] = value;
    });
    const body = Buffer.from(await response.arrayBuffer());
    bytes += body.length;
    byOffset.set(offset, { headers, body });
    handle = response.headers.get('electric-handle');
    offset = response.headers.get('electric-offset') ?? '';
    if (response.headers.has('electric-up-to-date')) break;
  }
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const captured = url.searchParams.get('live') ? null : byOffset.get(url.searchParams.get('offset') ?? '');
    if (!captured) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { ...captured.headers, 'content-length': captured.body.length });
    response.end(captured.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    shapeUrl: `http://127.0.0.1:${port}/v1/shape`,
    responses: byOffset.size,
    bytes,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
