import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env';
import { requireUser } from '../auth/authenticate';
import { errorResponses, jsonBody, jsonResponse } from '../http/openapi-common';
import { createTwin } from './create-twin';
import { getTwin, listMyTwins, listPublicTwins } from './list-twins';
import { createShareLink, openSharedTwin, revokeShareLinks } from './share-links';
import {
  PublicListQuery,
  ShareLinkSchema,
  SharedTwinSchema,
  ShareTokenParams,
  TwinDocumentSchema,
  TwinIdParams,
  TwinListSchema,
  TwinPatchSchema,
  TwinSchema,
} from './twin-schemas';
import { deleteTwin, updateTwin } from './update-twin';
import { endTwinStreams } from '../sync/live-twin-streams';

const tags = ['twins'];

const create = createRoute({
  method: 'post',
  path: '/api/twins',
  tags,
  summary: 'Create a twin from a blueprint version, its bindings, overrides and layout',
  request: jsonBody(TwinDocumentSchema),
  responses: {
    201: jsonResponse(TwinSchema, 'The new twin'),
    ...errorResponses(400, 401, 403, 404, 413, 422),
  },
});

const listMine = createRoute({
  method: 'get',
  path: '/api/twins',
  tags,
  summary: 'List my twins',
  responses: { 200: jsonResponse(TwinListSchema, 'My twins, latest change first'), ...errorResponses(401) },
});

const listPublic = createRoute({
  method: 'get',
  path: '/api/twins/public',
  tags,
  summary: 'List public twins (no login needed)',
  request: { query: PublicListQuery },
  responses: {
    200: jsonResponse(TwinListSchema, 'Public twins, latest change first'),
    ...errorResponses(400),
  },
});

const getOne = createRoute({
  method: 'get',
  path: '/api/twins/{id}',
  tags,
  summary: 'One twin: its owner or an administrator, or anyone when it is public',
  request: { params: TwinIdParams },
  responses: { 200: jsonResponse(TwinSchema, 'The twin'), ...errorResponses(400, 404) },
});

const patch = createRoute({
  method: 'patch',
  path: '/api/twins/{id}',
  tags,
  summary: 'Change a twin (title, description, bindings, overrides, layout, visibility)',
  request: { params: TwinIdParams, ...jsonBody(TwinPatchSchema) },
  responses: {
    200: jsonResponse(TwinSchema, 'The changed twin'),
    ...errorResponses(400, 401, 403, 404, 413, 422),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/api/twins/{id}',
  tags,
  summary: 'Delete a twin and its share links',
  request: { params: TwinIdParams },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(400, 401, 403, 404) },
});

const share = createRoute({
  method: 'post',
  path: '/api/twins/{id}/share',
  tags,
  summary: 'Create the read-only share link (revokes the previous one); the link is shown once',
  request: { params: TwinIdParams },
  responses: { 201: jsonResponse(ShareLinkSchema, 'The new link'), ...errorResponses(400, 401, 403, 404) },
});

const unshare = createRoute({
  method: 'delete',
  path: '/api/twins/{id}/share',
  tags,
  summary: 'Revoke the share link: its URL stops working',
  request: { params: TwinIdParams },
  responses: { 204: { description: 'Revoked' }, ...errorResponses(400, 401, 403, 404) },
});

const openShared = createRoute({
  method: 'get',
  path: '/api/shared/{token}',
  tags,
  summary: 'Open a twin read-only through its share link (no login needed)',
  request: { params: ShareTokenParams },
  responses: { 200: jsonResponse(SharedTwinSchema, 'The shared twin'), ...errorResponses(404) },
});

/**
 * Twins and their share links. Thin: each handler checks who is calling and hands over to a service function.
 * @example app.route('/', twinRoutes())
 */
export function twinRoutes() {
  const app = new OpenAPIHono<AppEnv>();
  const db = (c: { var: AppEnv['Variables'] }) => c.var.deps.database.db;

  app.openapi(create, async (c) => {
    const user = requireUser(c.var.user);
    return c.json(await createTwin(db(c), user, c.req.valid('json')), 201);
  });

  app.openapi(listMine, async (c) => {
    const user = requireUser(c.var.user);
    return c.json({ twins: await listMyTwins(db(c), user) }, 200);
  });

  // Registered before /api/twins/{id}, which would otherwise take "public" for an id.
  app.openapi(listPublic, async (c) => {
    return c.json({ twins: await listPublicTwins(db(c), c.var.user, c.req.valid('query')) }, 200);
  });

  app.openapi(getOne, async (c) => {
    return c.json(await getTwin(db(c), c.var.user, c.req.valid('param').id), 200);
  });

  app.openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    const changes = c.req.valid('json');
    const updated = await updateTwin(db(c), c.var.user, id, changes);
    // Who may see what changed: open live requests ask again (a layout or title change leaves them be).
    if (changes.bindings !== undefined || changes.visibility !== undefined) endTwinStreams(id, 'all');
    return c.json(updated, 200);
  });

  app.openapi(remove, async (c) => {
    const { id } = c.req.valid('param');
    await deleteTwin(db(c), c.var.user, id);
    endTwinStreams(id, 'all');
    return c.body(null, 204);
  });

  app.openapi(share, async (c) => {
    const { id } = c.req.valid('param');
    const link = await createShareLink(db(c), c.var.user, id, c.var.deps.config.publicUrl);
    // The new link replaces the old ones: streams opened through those end now.
    endTwinStreams(id, 'link');
    return c.json(link, 201);
  });

  app.openapi(unshare, async (c) => {
    const { id } = c.req.valid('param');
    await revokeShareLinks(db(c), c.var.user, id);
    endTwinStreams(id, 'link');
    return c.body(null, 204);
  });

  app.openapi(openShared, async (c) => {
    const shared = await openSharedTwin(db(c), c.req.valid('param').token);
    c.header('cache-control', 'no-store');
    return c.json(shared, 200);
  });

  return app;
}
