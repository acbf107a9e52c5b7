import { formatOffset, upToDateLsn, type LogOffset } from './log-offset';
import type { Shape } from './shape';

/** Seconds since 2024-10-09, the epoch Electric's live cursors count from. */
const CURSOR_EPOCH = Date.UTC(2024, 9, 9) / 1000;

/**
 * The `electric-cursor` of a live response: the end of the current long-poll interval, always greater than the
 * cursor the client sent, so caches never answer a live request with an older live response.
 * @example liveCursor(20_000, '1674440') // '1674460' (or later)
 */
export function liveCursor(longPollMs: number, previous: string | null): string {
  const interval = Math.max(1, Math.floor(longPollMs / 1000));
  const next = Math.ceil((Date.now() / 1000 - CURSOR_EPOCH) / interval) * interval;
  const prev = Number(previous ?? 0) || 0;
  return String(next > prev ? next : prev + 1 + Math.floor(Math.random() * 3600));
}

/**
 * The `up-to-date` control message (with the position an SSE client resumes from).
 * @example upToDateMessage({ tx: 0, op: 10 }) // '{"headers":{"control":"up-to-date","global_last_seen_lsn":"1"}}'
 */
export function upToDateMessage(last: LogOffset): string {
  return `{"headers":{"control":"up-to-date","global_last_seen_lsn":"${upToDateLsn(last)}"}}`;
}

export interface ShapeResponseInit {
  shape: Shape;
  requestOffset: string;
  /** The offset the response ends at (the requested one when it carries no data). */
  last: LogOffset;
  live: boolean;
  upToDate: boolean;
  hasData: boolean;
  cursor: string | null;
  longPollMs: number;
}

/**
 * The headers of a 200 shape response, as Electric sends them: handle, offset, schema (non-live), up-to-date,
 * cursor (live), a strong etag `"handle:from:to"` (unique for an empty live response) and cache-control. A plain
 * object, which the Node adapter writes out without building a Headers object.
 * @example const headers = shapeHeaders({ shape, requestOffset: '-1', last, live: false, ... })
 */
export function shapeHeaders(init: ShapeResponseInit): Record<string, string> {
  const lastText = formatOffset(init.last);
  const unique = init.hasData ? '' : `:${process.hrtime.bigint()}`;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'electric-handle': init.shape.handle,
    'electric-offset': lastText,
    'electric-has-data': String(init.hasData),
  };
  if (!init.live) headers['electric-schema'] = init.shape.schema;
  if (init.upToDate) headers['electric-up-to-date'] = 'true';
  if (init.live) headers['electric-cursor'] = liveCursor(init.longPollMs, init.cursor);
  headers.etag = `"${init.shape.handle}:${init.requestOffset}:${lastText}${unique}"`;
  headers['cache-control'] =
    init.requestOffset === '-1'
      ? 'public, max-age=604800, s-maxage=3600, stale-while-revalidate=2629746'
      : init.live
        ? 'public, max-age=5, stale-while-revalidate=5'
        : 'public, max-age=60, stale-while-revalidate=300';
  return headers;
}

/**
 * A 409 `must-refetch` answer naming the shape to use instead.
 * @example return mustRefetch(shape.handle)
 */
export function mustRefetch(handle: string | null): Response {
  const headers = new Headers({
    'content-type': 'application/json',
    'cache-control': handle ? 'public, max-age=60, must-revalidate' : 'public, max-age=1, must-revalidate',
  });
  if (handle) headers.set('electric-handle', handle);
  return new Response('[{"headers":{"control":"must-refetch"}}]', { status: 409, headers });
}

/**
 * The JSON array body: the log's entries (each ending `,\n`) followed by `up-to-date` when the client has it all.
 * @example shapeBody(read.data, read.last, read.upToDate)
 */
export function shapeBody(data: Buffer, last: LogOffset, upToDate: boolean): Buffer {
  const entries = upToDate || data.length === 0 ? data : data.subarray(0, data.length - 2);
  const end = upToDate ? `${upToDateMessage(last)}]` : ']';
  return Buffer.concat([Buffer.from('['), entries, Buffer.from(end)]);
}

/**
 * Whether the request's If-None-Match names this etag (then the answer is 304).
 * @example if (etagMatches(c.req.header('if-none-match'), headers.get('etag')!)) ...
 */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === etag.replace(/"/g, ''));
}
