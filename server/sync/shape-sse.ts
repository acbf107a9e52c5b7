import { formatOffset, type LogOffset } from './log-offset';
import type { Shape } from './shape';
import { liveCursor, upToDateMessage } from './shape-response';
import type { SyncService } from './sync-service';

/**
 * Turns log entries (`{...},\n` lines) into SSE events (`data: {...}\n\n`).
 * @example sseEvents(Buffer.from('{"a":1},\n')).toString() // 'data: {"a":1}\n\n'
 */
export function sseEvents(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  const prefix = Buffer.from('data: ');
  const end = Buffer.from('\n\n');
  let start = 0;
  while (start < data.length) {
    const newline = data.indexOf(10, start);
    if (newline < 0) break;
    parts.push(prefix, data.subarray(start, newline - 1), end); // drop the "," before the newline
    start = newline + 1;
  }
  return Buffer.concat(parts);
}

/**
 * A live SSE response (`live=true&live_sse=true`): every change as a `data:` event, each batch followed by an
 * `up-to-date` message whose `global_last_seen_lsn` tells the client where it resumes, `: keep-alive` comments
 * while idle, closed after `sync.sseMs` (the client reconnects) or when the shape must be refetched.
 * @example return sseResponse(sync, shape, offset, request)
 */
export function sseResponse(sync: SyncService, shape: Shape, from: LogOffset, request: Request): Response {
  const url = new URL(request.url);
  const headers = new Headers({
    'content-type': 'text/event-stream',
    'cache-control': `public, max-age=${Math.max(1, Math.floor(sync.sseMs / 1000) - 1)}`,
    'x-accel-buffering': 'no',
    'electric-handle': shape.handle,
    'electric-offset': formatOffset(from),
    'electric-cursor': liveCursor(sync.longPollMs, url.searchParams.get('cursor')),
  });
  const stop = new AbortController();
  request.signal.addEventListener('abort', () => stop.abort(), { once: true });
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      let after = from;
      const endAt = Date.now() + sync.sseMs;
      let lastSent = Date.now();
      try {
        while (!stop.signal.aborted && Date.now() < endAt && !shape.invalid && sync.state !== 'stopped') {
          const read = await shape.log.read(after);
          if (read) {
            const events = [sseEvents(read.data)];
            after = read.last;
            if (read.upToDate) events.push(Buffer.from(`data: ${upToDateMessage(after)}\n\n`));
            controller.enqueue(Buffer.concat(events));
            lastSent = Date.now();
            continue;
          }
          const wait = Math.min(endAt, lastSent + sync.keepAliveMs) - Date.now();
          if (wait > 0) await shape.log.waitForChange(wait, stop.signal);
          if (Date.now() - lastSent >= sync.keepAliveMs) {
            controller.enqueue(Buffer.from(': keep-alive\n\n'));
            lastSent = Date.now();
          }
        }
        controller.close();
      } catch (error) {
        if (!stop.signal.aborted) controller.error(error);
      }
    },
    cancel() {
      stop.abort();
    },
  });
  return new Response(body, { status: 200, headers });
}
