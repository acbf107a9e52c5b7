import { compareOffsets, parseOffset, upToDateLsn, type LogOffset } from './log-offset';
import type { Shape } from './shape';
import { readShapeParams } from './shape-definition';
import { ShapeRequestError } from './shape-request-error';
import { etagMatches, mustRefetch, shapeBody, shapeHeaders } from './shape-response';
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
        return respond(shape, offsetText, read.last, read.data, read.upToDate, live, request, sync);
      if (read) waitedForEnd = true;
      await log.waitForChange(read ? 100 : 1000, request.signal);
      if (request.signal.aborted) return new Response(null, { status: 204 });
      continue;
    }
    if (!requested) return respond(shape, offsetText, log.tail, Buffer.alloc(0), true, false, request, sync);
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
    if (read) return respond(shape, offsetText, read.last, read.data, read.upToDate, live, request, sync);
    const last = requested.tx < 0 ? log.tail : requested;
    const waited = Date.now() - startedAt;
    if (!live || waited >= sync.longPollMs || request.signal.aborted || stopped())
      return respond(shape, offsetText, last, Buffer.alloc(0), true, live, request, sync);
    await log.waitForChange(sync.longPollMs - waited, request.signal);
  }
}

function respond(
  shape: Shape,
  requestOffset: string,
  last: LogOffset,
  data: Buffer,
  upToDate: boolean,
  live: boolean,
  request: Request,
  sync: SyncService,
): Response {
  const headers = shapeHeaders({
    shape,
    requestOffset,
    last,
    live,
    upToDate,
    hasData: data.length > 0,
    cursor: new URL(request.url).searchParams.get('cursor'),
    longPollMs: sync.longPollMs,
  });
  if (etagMatches(request.headers.get('if-none-match') ?? undefined, headers.get('etag')!))
    return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(shapeBody(data, last, upToDate)), { status: 200, headers });
}

function snapshotError(error: Error & { code?: string }): ShapeRequestError {
  const code = error.code ?? '';
  if (code.startsWith('22') || code.startsWith('42'))
    return new ShapeRequestError(`The shape's query failed: ${error.message}`);
  return new ShapeRequestError(`The shape could not be loaded (${error.message}); retry shortly.`, 503);
}
