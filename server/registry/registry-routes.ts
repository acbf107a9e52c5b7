import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env';
import { artifactRoutes } from '../artifacts/artifact-routes';
import { lifecycleRoutes } from './lifecycle-routes';
import { publishRoutes } from './publish-routes';
import { thumbnailRoutes } from './thumbnail-routes';
import { readRoutes } from './read-routes';
import { ENTRY_KINDS } from './registry-kinds';

/**
 * The four registries (blueprints, models, components, layouts) and the artifact downloads, under /api.
 * @example app.route('/', registryRoutes())
 */
export function registryRoutes() {
  const app = new OpenAPIHono<AppEnv>();
  for (const kind of ENTRY_KINDS) {
    app.route('/', readRoutes(kind));
    app.route('/', publishRoutes(kind));
    app.route('/', lifecycleRoutes(kind));
    app.route('/', thumbnailRoutes(kind));
  }
  app.route('/', artifactRoutes());
  return app;
}
