import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env';
import { errorResponses, jsonResponse } from '../http/openapi-common';
import { entryName, entryTarget } from './entry-paths';
import { getEntryDetail, getVersionDocument, listVersions } from './read-entries';
import { KINDS, type EntryKind } from './registry-kinds';
import {
  BlueprintQuerySchema,
  ComponentQuerySchema,
  EntryDetailSchema,
  EntryListSchema,
  LayoutQuerySchema,
  ModelQuerySchema,
  VersionDocumentSchema,
  VersionListSchema,
} from './registry-schemas';
import { searchEntries } from './search-entries';

const QUERIES = {
  blueprint: BlueprintQuerySchema,
  model: ModelQuerySchema,
  component: ComponentQuerySchema,
  layout: LayoutQuerySchema,
} as const;

/**
 * The read routes of one registry: list and search, an entry's page, its versions, one exact version.
 * Anyone may read; reading an exact version counts a download.
 * @example app.route('/', readRoutes('blueprint'))
 */
export function readRoutes(kind: EntryKind) {
  const app = new OpenAPIHono<AppEnv>();
  const target = entryTarget(kind);
  const { word, segment } = KINDS[kind];
  const tags = [segment];

  const list = createRoute({
    method: 'get',
    path: target.list,
    tags,
    summary: `List and search ${segment}`,
    request: { query: QUERIES[kind] },
    responses: { 200: jsonResponse(EntryListSchema, `Matching ${segment}`), ...errorResponses(400) },
  });
  app.openapi(list, async (c) => {
    const query = c.req.valid('query');
    return c.json(await searchEntries(c.var.deps.database.db, kind, query), 200);
  });

  const detail = createRoute({
    method: 'get',
    path: target.base,
    tags,
    summary: `A ${word}: its latest document, versions and what uses it`,
    request: { params: target.params },
    responses: { 200: jsonResponse(EntryDetailSchema, `The ${word}`), ...errorResponses(400, 404) },
  });
  app.openapi(detail, async (c) => {
    const name = entryName(c.req.valid('param'));
    return c.json(await getEntryDetail(c.var.deps.database.db, kind, name), 200);
  });

  const versions = createRoute({
    method: 'get',
    path: `${target.base}/versions`,
    tags,
    summary: `Every version of a ${word}, newest first`,
    request: { params: target.params },
    responses: { 200: jsonResponse(VersionListSchema, 'The versions'), ...errorResponses(400, 404) },
  });
  app.openapi(versions, async (c) => {
    const name = entryName(c.req.valid('param'));
    return c.json({ versions: await listVersions(c.var.deps.database.db, kind, name) }, 200);
  });

  const version = createRoute({
    method: 'get',
    path: `${target.base}/versions/{version}`,
    tags,
    summary: `One exact version of a ${word} with its document (counts a download)`,
    request: { params: target.versionParams },
    responses: {
      200: jsonResponse(VersionDocumentSchema, 'The version and its document'),
      ...errorResponses(400, 404),
    },
  });
  app.openapi(version, async (c) => {
    const params = c.req.valid('param');
    const document = await getVersionDocument(
      c.var.deps.database.db,
      kind,
      entryName(params),
      params.version,
    );
    return c.json(document, 200);
  });

  return app;
}
