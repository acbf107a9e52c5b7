import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env';
import { ArtifactStore, tooLarge } from '../artifacts/artifact-store';
import { requireUser } from '../auth/authenticate';
import { ApiError } from '../http/api-error';
import { errorResponses, jsonResponse } from '../http/openapi-common';
import { clearThumbnail, MAX_THUMBNAIL_BYTES, setThumbnail } from './entry-thumbnail';
import { entryName, entryTarget } from './entry-paths';
import { KINDS, type EntryKind } from './registry-kinds';
import { EntrySummarySchema } from './registry-schemas';

/**
 * The picture shown for an entry in the library: PUT the image bytes (image/png, image/jpeg or image/webp) to set
 * it, DELETE to remove it. Owner or administrator only.
 * @example app.route('/', thumbnailRoutes('blueprint'))
 */
export function thumbnailRoutes(kind: EntryKind) {
  const app = new OpenAPIHono<AppEnv>();
  const target = entryTarget(kind);
  const { word, segment } = KINDS[kind];

  const put = createRoute({
    method: 'put',
    path: `${target.base}/thumbnail`,
    tags: [segment],
    summary: `Set the picture of a ${word} (PNG, JPEG or WebP, at most 2 MB)`,
    request: {
      params: target.params,
      body: {
        required: true,
        content: {
          'image/png': { schema: z.string().openapi({ format: 'binary' }) },
          'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) },
          'image/webp': { schema: z.string().openapi({ format: 'binary' }) },
        },
      },
    },
    responses: {
      200: jsonResponse(EntrySummarySchema, 'The entry with its new picture'),
      ...errorResponses(400, 401, 403, 404, 413),
    },
  });
  app.openapi(put, async (c) => {
    const user = requireUser(c.var.user);
    const name = entryName(c.req.valid('param'));
    const declared = Number(c.req.header('content-length') ?? 0);
    const limit = Math.min(MAX_THUMBNAIL_BYTES, c.var.deps.config.maxArtifactBytes);
    if (declared > limit) throw tooLarge(limit, 'The picture');
    const body = c.req.raw.body;
    if (!body) throw new ApiError(400, 'missing_file', 'Send the picture itself as the request body.');
    const store = ArtifactStore.inDataDir(c.var.deps.config.dataDir);
    const staged = await store
      .stage(Readable.fromWeb(body as NodeReadableStream<Uint8Array>), limit)
      .catch((error: unknown) => {
        throw error instanceof ApiError && error.status === 413 ? tooLarge(limit, 'The picture') : error;
      });
    return c.json(await setThumbnail(c.var.deps.database.db, store, { kind, name, user }, staged), 200);
  });

  const remove = createRoute({
    method: 'delete',
    path: `${target.base}/thumbnail`,
    tags: [segment],
    summary: `Remove the picture of a ${word}`,
    request: { params: target.params },
    responses: {
      200: jsonResponse(EntrySummarySchema, 'The entry without a picture'),
      ...errorResponses(401, 403, 404),
    },
  });
  app.openapi(remove, async (c) => {
    const user = requireUser(c.var.user);
    const name = entryName(c.req.valid('param'));
    return c.json(await clearThumbnail(c.var.deps.database.db, { kind, name, user }), 200);
  });
  return app;
}
