import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env';
import { ArtifactStore } from '../artifacts/artifact-store';
import { requireUser } from '../auth/authenticate';
import { errorResponses, jsonBody, jsonResponse } from '../http/openapi-common';
import { deleteEntry, recordUse, setDeprecation } from './entry-lifecycle';
import { entryName, entryTarget } from './entry-paths';
import { forkEntry } from './fork-entry';
import { KINDS, type EntryKind } from './registry-kinds';
import {
  DeprecateSchema,
  EntrySummarySchema,
  ForkComponentSchema,
  ForkSlugSchema,
  PublishedSchema,
  UseCountSchema,
} from './registry-schemas';

/**
 * What happens to an entry after publishing: fork it, deprecate it (and undo), delete it, report a use.
 * Everything here needs a logged-in user; deprecate and delete need the owner or an administrator.
 * @example app.route('/', lifecycleRoutes('layout'))
 */
export function lifecycleRoutes(kind: EntryKind) {
  const app = new OpenAPIHono<AppEnv>();
  const target = entryTarget(kind);
  const { word, segment } = KINDS[kind];
  const tags = [segment];

  const fork = createRoute({
    method: 'post',
    path: `${target.base}/fork`,
    tags,
    summary: `Fork a ${word}: a copy of its latest version under a new name, owned by you`,
    request: {
      params: target.params,
      ...jsonBody(kind === 'component' ? ForkComponentSchema : ForkSlugSchema),
    },
    responses: {
      201: jsonResponse(PublishedSchema, 'The fork'),
      ...errorResponses(400, 401, 403, 404, 409, 422),
    },
  });
  app.openapi(fork, async (c) => {
    const user = requireUser(c.var.user);
    const { config, database } = c.var.deps;
    const forked = await forkEntry(database.db, ArtifactStore.inDataDir(config.dataDir), {
      kind,
      name: entryName(c.req.valid('param')),
      newName: c.req.valid('json').name,
      user,
    });
    return c.json(forked, 201);
  });

  const deprecate = createRoute({
    method: 'post',
    path: `${target.base}/deprecate`,
    tags,
    summary: `Deprecate a ${word}, with a message saying what to use instead`,
    request: { params: target.params, ...jsonBody(DeprecateSchema) },
    responses: {
      200: jsonResponse(EntrySummarySchema, 'Deprecated'),
      ...errorResponses(400, 401, 403, 404),
    },
  });
  app.openapi(deprecate, async (c) => {
    const user = requireUser(c.var.user);
    const name = entryName(c.req.valid('param'));
    const { message } = c.req.valid('json');
    return c.json(await setDeprecation(c.var.deps.database.db, { kind, name, user }, message), 200);
  });

  const undeprecate = createRoute({
    method: 'delete',
    path: `${target.base}/deprecate`,
    tags,
    summary: `Lift the deprecation of a ${word}`,
    request: { params: target.params },
    responses: {
      200: jsonResponse(EntrySummarySchema, 'No longer deprecated'),
      ...errorResponses(400, 401, 403, 404),
    },
  });
  app.openapi(undeprecate, async (c) => {
    const user = requireUser(c.var.user);
    const name = entryName(c.req.valid('param'));
    return c.json(await setDeprecation(c.var.deps.database.db, { kind, name, user }, null), 200);
  });

  const remove = createRoute({
    method: 'delete',
    path: target.base,
    tags,
    summary: `Delete a ${word} and all its versions (refused while something uses it)`,
    request: { params: target.params },
    responses: { 204: { description: 'Deleted' }, ...errorResponses(400, 401, 403, 404, 409) },
  });
  app.openapi(remove, async (c) => {
    const user = requireUser(c.var.user);
    await deleteEntry(c.var.deps.database.db, { kind, name: entryName(c.req.valid('param')), user });
    return c.body(null, 204);
  });

  const use = createRoute({
    method: 'post',
    path: `${target.base}/use`,
    tags,
    summary: `Report one use of a ${word} (for the CLI and the editor)`,
    request: { params: target.params },
    responses: { 200: jsonResponse(UseCountSchema, 'The new use count'), ...errorResponses(401, 404) },
  });
  app.openapi(use, async (c) => {
    requireUser(c.var.user);
    const name = entryName(c.req.valid('param'));
    return c.json(await recordUse(c.var.deps.database.db, kind, name), 200);
  });

  return app;
}
