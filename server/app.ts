import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps, AppEnv } from './app-env';
import { authRoutes } from './auth/auth-routes';
import { authenticate } from './auth/authenticate';
import { connectionRoutes } from './connections/connection-routes';
import { demoTableRoutes } from './demo/demo-tables';
import { draftRoutes } from './drafts/draft-routes';
import { ApiError } from './http/api-error';
import { handleError } from './http/error-handler';
import { zodIssueMessages } from './http/zod-messages';
import { ingestRoutes } from './ingest/ingest-routes';
import { registryRoutes } from './registry/registry-routes';
import { syncRoutes } from './sync/sync-routes';
import { twinShapeRoutes } from './sync/twin-shape-routes';
import { twinRoutes } from './twins/twin-routes';

/** Paths whose bodies are uploads streamed to the artifact store, which enforces its own size limit. */
const STREAMED_UPLOADS =
  /^\/api\/(models|components)\/.+\/versions$|^\/api\/artifacts$|^\/api\/[a-z]+\/.+\/thumbnail$|^\/api\/ingest\/csv$/;

/**
 * The API as a Hono app (no network needed: tests call `app.request()`). Request bodies are size-limited and
 * validated from the same zod definitions that generate /api/openapi.json.
 * @example const app = createApp({ config, database }); serve({ fetch: app.fetch, port: 8787 })
 */
export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const messages = zodIssueMessages(result.error.issues);
        throw new ApiError(400, 'invalid_request', messages.join(' '), { problems: messages });
      }
    },
  });
  app.onError(handleError);
  app.use('*', secureHeaders({ crossOriginResourcePolicy: 'same-origin' }));
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  const limit = bodyLimit({
    maxSize: deps.config.maxBodyBytes,
    onError: () => {
      throw new ApiError(
        413,
        'payload_too_large',
        `The request body is larger than ${Math.round(deps.config.maxBodyBytes / 1024)} KB, the most this server accepts.`,
      );
    },
  });
  app.use('/api/*', (c, next) => (STREAMED_UPLOADS.test(c.req.path) ? next() : limit(c, next)));
  // Browsers' cross-site form posts always carry a content type; refuse those from another origin. Requests
  // with a session cookie are further checked for the X-CSRF-Token header in authenticate().
  const originCheck = csrf();
  // A bearer token is never sent by a browser on its own, so token requests (the CLI) need no origin check.
  app.use('/api/*', (c, next) =>
    c.req.header('content-type') && !c.req.header('authorization') ? originCheck(c, next) : next(),
  );
  app.use('/api/*', authenticate());

  app.get('/api/health', (c) => c.json({ ok: true }));
  app.route('/', authRoutes());
  app.route('/', registryRoutes());
  app.route('/', twinRoutes());
  app.route('/', draftRoutes());
  app.route('/', syncRoutes());
  app.route('/', twinShapeRoutes());
  app.route('/', ingestRoutes());
  app.route('/', connectionRoutes());
  app.route('/', demoTableRoutes());

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'ProjectTwin API',
      version: '1.0.0',
      description:
        'Registries (blueprints, models, components, layouts), accounts, twins and share links. Errors are ' +
        '{ "error": { "code", "message", "details" } }. Browser sessions must send X-CSRF-Token on changes; ' +
        'the CLI uses Authorization: Bearer <API token>.',
    },
  });
  app.notFound((c) => {
    throw new ApiError(404, 'not_found', `There is nothing at ${c.req.method} ${c.req.path}.`);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
