import { Readable } from 'node:stream';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AppEnv } from '../app-env';
import type { Db } from '../db/database';
import { artifacts, registryEntries, registryVersions } from '../db/schema/index';
import { ApiError } from '../http/api-error';
import { errorResponses } from '../http/openapi-common';
import { ArtifactStore } from './artifact-store';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** True when an If-None-Match header names this ETag (or `*`). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}

async function countModelDownload(db: Db, sha256: string): Promise<void> {
  const owners = db
    .select({ id: registryVersions.entryId })
    .from(registryVersions)
    .where(eq(registryVersions.artifactSha256, sha256));
  await db
    .update(registryEntries)
    .set({ downloadCount: sql`${registryEntries.downloadCount} + 1` })
    .where(and(eq(registryEntries.kind, 'model'), inArray(registryEntries.id, owners)));
}

const download = createRoute({
  method: 'get',
  path: '/api/artifacts/{sha256}',
  tags: ['artifacts'],
  summary: 'Download a stored file (model, component bundle) by its SHA-256; cached forever',
  request: {
    params: z.object({
      sha256: z
        .string()
        .regex(/^[0-9a-f]{64}$/, 'SHA-256 (64 lower-case hex digits)')
        .openapi({ param: { name: 'sha256', in: 'path' } }),
    }),
  },
  responses: {
    200: {
      description: 'The file',
      content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
    },
    304: { description: 'Not modified (If-None-Match matched the ETag)' },
    ...errorResponses(400, 404),
  },
});

/**
 * Serves artifacts from the content-addressed store: streamed, with `ETag` (the SHA-256), a year-long immutable
 * cache, 304 on If-None-Match. Downloading a model's file counts a download of the model.
 * @example app.route('/', artifactRoutes())
 */
export function artifactRoutes() {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(download, async (c) => {
    const { sha256 } = c.req.valid('param');
    const { config, database } = c.var.deps;
    const [row] = await database.db.select().from(artifacts).where(eq(artifacts.sha256, sha256));
    const store = ArtifactStore.inDataDir(config.dataDir);
    const size = row ? await store.size(sha256) : null;
    if (!row || size === null) {
      throw new ApiError(404, 'not_found', 'There is no stored file with this SHA-256.');
    }
    const etag = `"${sha256}"`;
    const headers = { ETag: etag, 'Cache-Control': IMMUTABLE };
    if (matchesEtag(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
    const fileHeaders = {
      ...headers,
      'Content-Type': row.mediaType,
      'Content-Length': String(size),
      'Content-Disposition': `inline; filename="${sha256}"`,
    };
    // HEAD is answered without opening the file (and is not a download).
    if (c.req.method === 'HEAD') return c.body(null, 200, fileHeaders);
    await countModelDownload(database.db, sha256);
    const stream = Readable.toWeb(store.open(sha256)) as ReadableStream<Uint8Array>;
    return c.body(stream, 200, fileHeaders);
  });
  return app;
}
