import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env';
import { errorResponses, jsonBody, jsonResponse } from '../http/openapi-common';
import { DraftIdParams, DraftInputSchema, DraftListSchema, DraftSchema } from './draft-schemas';
import { createDraft, deleteDraft, getDraft, listMyDrafts, saveDraft } from './draft-store';

const tags = ['drafts'];

const create = createRoute({
  method: 'post',
  path: '/api/drafts',
  tags,
  summary: 'Save a new draft blueprint (it may still have problems)',
  request: jsonBody(DraftInputSchema),
  responses: { 201: jsonResponse(DraftSchema, 'The saved draft'), ...errorResponses(400, 401, 403, 413) },
});

const listMine = createRoute({
  method: 'get',
  path: '/api/drafts',
  tags,
  summary: 'List my drafts, latest change first',
  responses: { 200: jsonResponse(DraftListSchema, 'My drafts, without documents'), ...errorResponses(401) },
});

const getOne = createRoute({
  method: 'get',
  path: '/api/drafts/{id}',
  tags,
  summary: 'One of my drafts, with its document and preview settings',
  request: { params: DraftIdParams },
  responses: { 200: jsonResponse(DraftSchema, 'The draft'), ...errorResponses(400, 401, 404) },
});

const replace = createRoute({
  method: 'put',
  path: '/api/drafts/{id}',
  tags,
  summary: "Save a draft's new title and document (and preview settings, when sent)",
  request: { params: DraftIdParams, ...jsonBody(DraftInputSchema) },
  responses: {
    200: jsonResponse(DraftSchema, 'The saved draft'),
    ...errorResponses(400, 401, 403, 404, 413),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/api/drafts/{id}',
  tags,
  summary: 'Delete a draft',
  request: { params: DraftIdParams },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(400, 401, 403, 404) },
});

/**
 * Draft blueprints: what a user is building in the editor, saved as it is (problems and all) until published.
 * Only their owner (or an administrator) sees them.
 * @example app.route('/', draftRoutes())
 */
export function draftRoutes() {
  const app = new OpenAPIHono<AppEnv>();
  const db = (c: { var: AppEnv['Variables'] }) => c.var.deps.database.db;

  app.openapi(create, async (c) => c.json(await createDraft(db(c), c.var.user, c.req.valid('json')), 201));
  app.openapi(listMine, async (c) => c.json(await listMyDrafts(db(c), c.var.user), 200));
  app.openapi(getOne, async (c) => c.json(await getDraft(db(c), c.var.user, c.req.valid('param').id), 200));
  app.openapi(replace, async (c) =>
    c.json(await saveDraft(db(c), c.var.user, c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(remove, async (c) => {
    await deleteDraft(db(c), c.var.user, c.req.valid('param').id);
    return c.body(null, 204);
  });
  return app;
}
