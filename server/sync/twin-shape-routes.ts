import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import {
  forwardShape,
  inputShape,
  refuseShapeParams,
  twinById,
  twinByShareToken,
  type ReadableTwin,
} from './twin-shape-service';

/**
 * The browser-facing shape endpoint, an auth proxy in front of the sync (Electric's pattern): the viewer must be
 * allowed to see the twin (`/api/twins/{id}/...`) or hold a live share link (`/api/shared/{token}/...`); the
 * server sets `table` and `columns` from the twin's binding of the input, adds the sync secret and forwards the
 * Electric protocol to the built-in sync, or to `ELECTRIC_URL` when set.
 * @example app.route('/', twinShapeRoutes())
 */
export function twinShapeRoutes() {
  const app = new Hono<AppEnv>();
  const stream = async (
    request: Request,
    deps: AppEnv['Variables']['deps'],
    twin: ReadableTwin,
    input: string,
  ) => forwardShape(deps, request, await inputShape(deps, twin, input), twin.publiclyCacheable);

  app.get('/api/twins/:id/inputs/:input/shape', async (c) => {
    refuseShapeParams(new URL(c.req.url).searchParams);
    const deps = c.var.deps;
    const twin = await twinById(deps, c.var.user, c.req.param('id'));
    return stream(c.req.raw, deps, twin, c.req.param('input'));
  });

  app.get('/api/shared/:token/inputs/:input/shape', async (c) => {
    refuseShapeParams(new URL(c.req.url).searchParams);
    const deps = c.var.deps;
    const twin = await twinByShareToken(deps, c.req.param('token'));
    return stream(c.req.raw, deps, twin, c.req.param('input'));
  });

  return app;
}
