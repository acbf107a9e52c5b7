import { and, eq, isNull } from 'drizzle-orm';
import type { AppDeps, AuthUser } from '../app-env';
import { hashToken } from '../auth/secret-tokens';
import { shareLinks, twins } from '../db/schema/index';
import { ApiError } from '../http/api-error';
import { DATA_SCHEMA } from '../ingest/identifiers';
import type { TableBinding, Twin } from '../../schemas/twin/twin.types';
import { DEMO_SCHEMA, mayReadBuiltinTable } from '../twins/bound-tables';
import { canView, findTwin, twinNotFound } from '../twins/twin-access';
import { connectionSyncFor, ownersConnection, type ConnectionRow } from './connection-sync';
import { serveShape } from './serve-shape';
import { splitIdentifiers } from './shape-definition';
import { ShapeRequestError } from './shape-request-error';
import { syncServiceFor } from './sync-registry';
import { loadTableInfo } from './table-catalog';
import { isUuid } from '../http/uuid';

/** A twin the caller may read, and whether its shapes may be cached by shared caches. */
export interface ReadableTwin {
  id: string;
  /** How the caller reached it: by its id (with their rights) or through a share link. */
  via: 'id' | 'link';
  document: Twin;
  ownerId: string;
  /** True for a public twin opened by id: anyone may see it, so shared caches may keep its chunks. */
  publiclyCacheable: boolean;
}

/** The shape the server decides for one input: the bound table and the columns a client receives. */
export interface InputShape {
  schema: string;
  table: string;
  /** The table's own column names: its primary key, then the columns the binding maps (deduplicated). */
  columns: string[];
  /** Set when the table is in a user's database connection rather than the built-in database. */
  connection?: ConnectionRow;
}

/** Query parameters that name the shape: the server sets them from the binding, a client may not. */
const REFUSED = /^(table|columns|where|params(\[\d*\])?|secret|api_secret)$/;

/**
 * Protocol parameters passed through to the sync, as the official client sends them (its
 * ELECTRIC_PROTOCOL_QUERY_PARAMS, plus `replica`). Any other parameter is dropped.
 */
const PASSED = new Set([
  'offset',
  'handle',
  'live',
  'live_sse',
  'experimental_live_sse',
  'cursor',
  'expired_handle',
  'log',
  'replica',
  'cache-buster',
  'subset__where',
  'subset__limit',
  'subset__offset',
  'subset__order_by',
  'subset__params',
  'subset__where_expr',
  'subset__order_by_expr',
]);

/** Response headers of the protocol that the proxy hands on to the client. */
const PASSED_HEADERS = /^(electric-.*|etag|cache-control|content-type)$/;

/**
 * The twin `id` if `user` may see it (owner, administrator, or anyone when public); 404 otherwise, as the twin
 * routes answer, so that a private twin's existence stays hidden.
 * @example const twin = await twinById(deps, c.var.user, id)
 */
export async function twinById(deps: AppDeps, user: AuthUser | null, id: string): Promise<ReadableTwin> {
  if (!isUuid(id)) throw twinNotFound();
  const twin = await findTwin(deps.database.db, id);
  if (!twin || !canView(user, twin)) throw twinNotFound();
  return {
    id,
    via: 'id',
    document: twin.document as Twin,
    ownerId: twin.ownerId,
    publiclyCacheable: twin.visibility === 'public',
  };
}

/**
 * The twin a live share link opens, for anyone holding its token; 404 share_link_invalid once it is revoked.
 * @example const twin = await twinByShareToken(deps, token)
 */
export async function twinByShareToken(deps: AppDeps, token: string): Promise<ReadableTwin> {
  const [row] = await deps.database.db
    .select({ id: twins.id, document: twins.document, ownerId: twins.ownerId })
    .from(shareLinks)
    .innerJoin(twins, eq(twins.id, shareLinks.twinId))
    .where(and(eq(shareLinks.tokenHash, hashToken(token)), isNull(shareLinks.revokedAt)));
  if (!row)
    throw new ApiError(
      404,
      'share_link_invalid',
      "This share link does not work: it may have been revoked, or replaced by a newer link. Ask the twin's owner for a new one.",
    );
  // Revoking the link must end access, so no shared cache may keep what it served.
  return {
    id: row.id,
    via: 'link',
    document: row.document as Twin,
    ownerId: row.ownerId,
    publiclyCacheable: false,
  };
}

/**
 * Works out the shape of one input from the twin's binding: the bound table, and its primary key plus the
 * columns the binding maps. In the built-in database only the demo tables and the twin owner's own data tables
 * are served (403 otherwise); in a user's database connection, only the tables chosen for streaming on it.
 * @example const shape = await inputShape(deps, twin, 'telemetry')
 */
export async function inputShape(deps: AppDeps, readable: ReadableTwin, input: string): Promise<InputShape> {
  const twin = readable.document;
  const binding = Object.hasOwn(twin.bindings, input) ? twin.bindings[input] : undefined;
  if (!binding) throw new ApiError(404, 'input_not_found', `This twin has no input called "${input}".`);
  if (binding.kind !== 'table')
    throw new ApiError(
      400,
      'input_not_table',
      `The input "${input}" is bound to a fixed value, not a table: there is nothing to stream.`,
    );
  const table = binding as TableBinding;
  let parts: string[];
  try {
    parts = splitIdentifiers(table.table, '.');
  } catch {
    parts = [];
  }
  if (parts.length < 1 || parts.length > 2)
    throw new ApiError(
      400,
      'binding_invalid',
      `The input "${input}" is bound to "${table.table}", which is not a table name.`,
    );
  const [schema, name] = parts.length === 2 ? parts : ['public', parts[0]];
  if (table.connection !== 'builtin') return connectionInputShape(deps, readable, input, table, schema, name);
  if (!(await mayReadBuiltinTable(deps.database.db, readable.ownerId, schema, name)))
    throw new ApiError(
      403,
      'table_not_streamable',
      `The input "${input}" is bound to ${schema}.${name}, which twins may not stream: only the demo tables (schema ${DEMO_SCHEMA}) and the twin owner's own data tables (schema ${DATA_SCHEMA}) are served.`,
    );
  const info = await loadTableInfo(deps.database.sql, schema, name);
  if (!info)
    throw new ApiError(
      404,
      'table_not_found',
      `The input "${input}" is bound to the table ${schema}.${name}, which does not exist.`,
    );
  const columns = [...new Set([...info.primaryKey, ...Object.values(table.columns)])];
  return { schema, table: name, columns };
}

/** The shape of an input bound to a table of the twin owner's own database connection. */
async function connectionInputShape(
  deps: AppDeps,
  readable: ReadableTwin,
  input: string,
  table: TableBinding,
  schema: string,
  name: string,
): Promise<InputShape> {
  const connection = await ownersConnection(deps, readable.ownerId, table.connection);
  if (!connection.tables.includes(`${schema}.${name}`))
    throw new ApiError(
      422,
      'table_not_published',
      `The input "${input}" is bound to ${schema}.${name}, which is not among the tables chosen for streaming on the data connection "${connection.name}". Its owner should add it there.`,
    );
  const { sql } = await connectionSyncFor(deps, connection);
  const info = await loadTableInfo(sql, schema, name);
  if (!info)
    throw new ApiError(
      404,
      'table_not_found',
      `The input "${input}" is bound to the table ${schema}.${name}, which no longer exists on the data connection "${connection.name}".`,
    );
  const columns = [...new Set([...info.primaryKey, ...Object.values(table.columns)])];
  return { schema, table: name, columns, connection };
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * 400 shape_parameter_refused when a client names the shape itself (`table`, `columns`, `where`, `params`,
 * `secret`): the server decides it from the twin's binding.
 * @example refuseShapeParams(new URL(request.url).searchParams)
 */
export function refuseShapeParams(query: URLSearchParams): void {
  const refused = [...new Set([...query.keys()].filter((k) => REFUSED.test(k)))];
  if (refused.length > 0)
    throw new ApiError(
      400,
      'shape_parameter_refused',
      `This endpoint decides the shape from the twin's binding; remove ${refused.map((k) => `"${k}"`).join(', ')} from the request.`,
    );
}

/**
 * The sync request for a client's shape request: the client's protocol parameters (offset, handle, live, ...)
 * with the server-decided `table` and `columns` and the sync secret. 400 when the client names the shape
 * itself (`table`, `columns`, `where`, `params`, `secret`).
 * @example const target = upstreamUrl('http://in-process/v1/shape', clientQuery, shape, secret)
 */
export function upstreamUrl(base: string, query: URLSearchParams, shape: InputShape, secret: string): URL {
  refuseShapeParams(query);
  const target = new URL(base);
  for (const [key, value] of query) if (PASSED.has(key)) target.searchParams.append(key, value);
  target.searchParams.set('table', `${quote(shape.schema)}.${quote(shape.table)}`);
  target.searchParams.set('columns', shape.columns.map(quote).join(','));
  target.searchParams.set('secret', secret);
  return target;
}

function forwardedRequestHeaders(incoming: Request): Headers {
  const headers = new Headers();
  for (const name of ['if-none-match', 'accept']) {
    const value = incoming.headers.get(name);
    if (value) headers.set(name, value);
  }
  return headers;
}

/** A response body read on as it comes; once the client has gone, the upstream's abort ends it quietly. */
function relay(
  body: ReadableStream<Uint8Array> | null,
  signal: AbortSignal,
): ReadableStream<Uint8Array> | null {
  if (!body) return null;
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        if (signal.aborted) controller.close();
        else controller.error(error);
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

/** The sync's answer with only the protocol's headers, and `public` caching made `private` when asked. */
function passOn(
  upstream: Response,
  publiclyCacheable: boolean,
  body: BodyInit | null = upstream.body,
): Response {
  const headers = new Headers();
  for (const [name, value] of upstream.headers)
    if (PASSED_HEADERS.test(name))
      headers.set(
        name,
        name === 'cache-control' && !publiclyCacheable ? value.replace(/\bpublic\b/g, 'private') : value,
      );
  return new Response(body, { status: upstream.status, headers });
}

/**
 * Forwards a twin-scoped shape request: to `${ELECTRIC_URL}/v1/shape` over HTTP when ELECTRIC_URL is set (read
 * per request), else to the built-in sync in-process. The response body is streamed; the protocol's headers
 * and status (200, 204, 304, 400, 409, ...) are passed through.
 * @example return forwardShape(deps, c.req.raw, shape, twin.publiclyCacheable)
 */
export async function forwardShape(
  deps: AppDeps,
  incoming: Request,
  shape: InputShape,
  publiclyCacheable: boolean,
): Promise<Response> {
  const query = new URL(incoming.url).searchParams;
  const electricUrl = process.env.ELECTRIC_URL?.trim();
  const init = { headers: forwardedRequestHeaders(incoming), signal: incoming.signal };
  if (shape.connection) {
    // A user's own database is streamed by a built-in sync of its own (an Electric service serves one database).
    const target = upstreamUrl('http://in-process/v1/shape', query, shape, deps.config.syncSecret);
    try {
      const { sync } = await connectionSyncFor(deps, shape.connection);
      return passOn(await serveShape(sync, new Request(target, init)), publiclyCacheable);
    } catch (error) {
      if (error instanceof ShapeRequestError) throw new ApiError(error.status, error.code, error.message);
      throw error;
    }
  }
  if (electricUrl) {
    const secret = process.env.ELECTRIC_SECRET || deps.config.syncSecret;
    const target = upstreamUrl(`${electricUrl.replace(/\/+$/, '')}/v1/shape`, query, shape, secret);
    let upstream: Response;
    try {
      upstream = await fetch(target, init);
    } catch (error) {
      if (incoming.signal.aborted) return new Response(null, { status: 204 });
      throw new ApiError(
        502,
        'sync_unavailable',
        `The sync service could not be reached (${(error as Error).message}); retry shortly.`,
      );
    }
    return passOn(upstream, publiclyCacheable, relay(upstream.body, incoming.signal));
  }
  const target = upstreamUrl('http://in-process/v1/shape', query, shape, deps.config.syncSecret);
  try {
    const sync = await syncServiceFor(deps);
    return passOn(await serveShape(sync, new Request(target, init)), publiclyCacheable);
  } catch (error) {
    if (error instanceof ShapeRequestError) throw new ApiError(error.status, error.code, error.message);
    throw error;
  }
}
