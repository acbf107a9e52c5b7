import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env';
import { artifactRoutes } from '../artifacts/artifact-routes';
import { lifecycleRoutes } from './lifecycle-routes';
import { publishRoutes } from './publish-routes';
import { thumbnailRoutes } from './thumbnail-routes';
import { readRoutes } from './read-routes';
import { ENTRY_KINDS } from './registry-kinds';
import { searchCacheOf } from './search-cache';

/**
 * The four registries (blueprints, models, components, layouts) and the artifact downloads, under /api.
 * @example app.route('/', registryRoutes())
 */
export function registryRoutes() {
  const app = new OpenAPIHono<AppEnv>();
  // Any successful change to an entry (publish, fork, deprecate, delete, picture) clears the search cache.
  app.use('/api/*', async (c, next) => {
    await next();
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.res.status < 400) {
      searchCacheOf(c.var.deps.database.db).clear();
    }
  });
  for (const kind of ENTRY_KINDS) {
    app.route('/', readRoutes(kind));
    app.route('/', publishRoutes(kind));
    app.route('/', lifecycleRoutes(kind));
    app.route('/', thumbnailRoutes(kind));
  }
  app.route('/', artifactRoutes());
  return app;
}
