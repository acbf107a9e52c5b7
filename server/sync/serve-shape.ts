import { compareOffsets, parseOffset, upToDateLsn, type LogOffset } from './log-offset';
import type { Shape } from './shape';
import { readShapeParams } from './shape-definition';
import { ShapeRequestError } from './shape-request-error';
import { etagMatches, liveCursor, mustRefetch, shapeBody, shapeHeaders } from './shape-response';
import type { LogRead } from './shape-log';
import { sseResponse } from './shape-sse';
import type { SyncService } from './sync-service';

/**
 * Answers one `GET /v1/shape` request (the Electric HTTP protocol) from a sync service: initial snapshot in
 * chunks (`offset=-1`), catch-up (`handle` + `offset`), live long-poll (`live=true`), SSE (`live_sse=true`),
 * `offset=now`, and 409 must-refetch for a handle that no longer matches the shape. Refused requests throw
 * {@link ShapeRequestError}. The secret is checked by the caller.
 * @example const response = await serveShape(sync, new Request('http://x/v1/shape?table=items&offset=-1'))
 */
export async function serveShape(sync: SyncService, request: Request): Promise<Response> {
  const query = new URL(request.url).searchParams;
  const cursor = query.get('cursor');
  const offsetText = query.get('offset');
  if (!offsetText) throw new ShapeRequestError('The "offset" parameter is missing: use -1 to start.');
  const handle = query.get('handle');
  const live = query.get('live') === 'true';
  const sse = live && (query.get('live_sse') === 'true' || query.get('experimental_live_sse') === 'true');
  const requested = offsetText === 'now' ? null : parseOffset(offsetText);
  if (offsetText !== 'now' && !requested)
    throw new ShapeRequestError(
      `"${offsetText}" is not an offset (use -1, now, or an offset the server sent).`,
    );
  if (requested && requested.tx >= 0 && !handle)
    throw new ShapeRequestError('The "handle" parameter is needed with an offset other than -1 or now.');
  const stopped = () => sync.state === 'stopped';
  if (stopped()) throw new ShapeRequestError('The sync is shutting down; retry shortly.', 503);
  const params = readShapeParams(query);
  let shape = await sync.shapeFor(params);
  if (handle && handle !== shape.handle && offsetText !== '-1') return mustRefetch(shape.handle);

  const startedAt = Date.now();
  let outOfBoundsSince: number | null = null;
  let waitedForEnd = false;
  for (;;) {
    if (shape.invalid) {
      if (shape.failure) throw snapshotError(shape.failure);
      shape = await sync.shapeFor(params);
      return mustRefetch(shape.handle);
    }
    const log = shape.log;
    if (stopped() && !log.snapshotDone)
      throw new ShapeRequestError('The sync is shutting down; retry shortly.', 503);
    if (!log.snapshotDone && Date.now() - startedAt < 120_000) {
      const read = requested ? await log.read(requested) : null;
      // The newest chunk may be the last: give the snapshot a moment to finish so the answer can say up-to-date.
      const newest =
        read !== null && compareOffsets(read.last, log.tail) === 0 && read.data.length < log.chunkBytes;
      if (read && (!newest || waitedForEnd))
        return respond(shape, offsetText, read, live, cursor, request, sync);
      if (read) waitedForEnd = true;
      await log.waitForChange(read ? 100 : 1000, request.signal);
      if (request.signal.aborted) return new Response(null, { status: 204 });
      continue;
    }
    if (!requested) return respond(shape, offsetText, emptyRead(log.tail), false, cursor, request, sync);
    const bound: LogOffset = { tx: upToDateLsn(log.tail), op: 0 };
    if (requested.tx >= 0 && compareOffsets(requested, bound) > 0) {
      // Ahead of the log: after a restart the log may still be catching up with what the client saw.
      outOfBoundsSince ??= Date.now();
      if (Date.now() - outOfBoundsSince > sync.longPollMs / 2) return mustRefetch(shape.handle);
      await log.waitForChange(sync.longPollMs / 2, request.signal);
      continue;
    }
    if (sse) return sseResponse(sync, shape, requested, request);
    const read = await log.read(requested);
    if (read) return respond(shape, offsetText, read, live, cursor, request, sync);
    const last = requested.tx < 0 ? log.tail : requested;
    const waited = Date.now() - startedAt;
    if (!live || waited >= sync.longPollMs || request.signal.aborted || stopped())
      return respond(shape, offsetText, emptyRead(last), live, cursor, request, sync);
    await log.waitForChange(sync.longPollMs - waited, request.signal);
  }
}

/** An answer with no entries: the client has everything up to `last`. */
function emptyRead(last: LogOffset): LogRead {
  return { data: Buffer.alloc(0), last, upToDate: true };
}

/** The parts of a data response that do not depend on the request, by request offset and live-ness. */
interface SharedResponse {
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Data responses built from one (shared) log read: when a commit wakes many live requests at the same offset,
 * the body and the constant headers are built once and every response reuses them (only the cursor differs).
 */
const sharedResponses = new WeakMap<LogRead, Map<string, SharedResponse>>();

function respond(
  shape: Shape,
  requestOffset: string,
  read: LogRead,
  live: boolean,
  cursor: string | null,
  request: Request,
  sync: SyncService,
): Response {
  const init = {
    shape,
    requestOffset,
    last: read.last,
    live,
    upToDate: read.upToDate,
    hasData: read.data.length > 0,
    cursor,
    longPollMs: sync.longPollMs,
  };
  let response: SharedResponse;
  if (init.hasData) {
    let byRequest = sharedResponses.get(read);
    if (!byRequest) sharedResponses.set(read, (byRequest = new Map()));
    const key = `${requestOffset}|${live}`;
    let shared = byRequest.get(key);
    if (!shared) {
      shared = { headers: shapeHeaders(init), body: shapeBody(read.data, read.last, read.upToDate) };
      byRequest.set(key, shared);
    }
    const headers = { ...shared.headers };
    if (live) headers['electric-cursor'] = liveCursor(sync.longPollMs, cursor);
    response = { headers, body: shared.body };
  } else response = { headers: shapeHeaders(init), body: shapeBody(read.data, read.last, read.upToDate) };
  if (etagMatches(request.headers.get('if-none-match') ?? undefined, response.headers.etag))
    return new Response(null, { status: 304, headers: response.headers });
  const { body } = response;
  // A view, not a copy: the bytes may be shared by many responses, and nothing writes to them.
  return new Response(new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.length), {
    status: 200,
    headers: response.headers,
  });
}

function snapshotError(error: Error & { code?: string }): ShapeRequestError {
  const code = error.code ?? '';
  if (code.startsWith('22') || code.startsWith('42'))
    return new ShapeRequestError(`The shape's query failed: ${error.message}`);
  return new ShapeRequestError(`The shape could not be loaded (${error.message}); retry shortly.`, 503);
}
