import { OpenAPIHono, z } from '@hono/zod-openapi';
import { errorResponses } from '../http/openapi-common';
import { trackTwinStream } from './live-twin-streams';
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
  const app = new OpenAPIHono<AppEnv>();
  // Documented for /api/openapi.json; the handlers below are plain routes, since they pass the Electric protocol
  // (its own query parameters and streamed responses) through unchanged.
  const protocol = z.object({
    offset: z.string().describe('Where to continue: -1 for the start, or the offset the last response gave.'),
    handle: z.string().optional(),
    live: z.enum(['true', 'false']).optional(),
    live_sse: z.enum(['true', 'false']).optional(),
    cursor: z.string().optional(),
  });
  const shapeResponses = {
    200: { description: 'Electric shape messages (JSON array), or a server-sent event stream in SSE mode' },
    304: { description: 'Not modified (etag)' },
    409: { description: 'must-refetch: the shape changed; start again from offset -1' },
    ...errorResponses(400, 403, 404),
  };
  for (const [path, params, who] of [
    [
      '/api/twins/{id}/inputs/{input}/shape',
      z.object({ id: z.string(), input: z.string() }),
      'whoever may see the twin',
    ],
    [
      '/api/shared/{token}/inputs/{input}/shape',
      z.object({ token: z.string(), input: z.string() }),
      'whoever holds a live share link',
    ],
  ] as const) {
    app.openAPIRegistry.registerPath({
      method: 'get',
      path,
      tags: ['live data'],
      summary: `Stream a twin input's rows live (Electric shape protocol), for ${who}`,
      description:
        "The server chooses the table and columns from the twin's binding; table, columns, where, params and secret may not be sent.",
      request: { params, query: protocol },
      responses: shapeResponses,
    });
  }
  const stream = async (
    request: Request,
    deps: AppEnv['Variables']['deps'],
    twin: ReadableTwin,
    input: string,
  ) => {
    const shape = await inputShape(deps, twin, input);
    // Ended early when the viewer's rights change (link revoked, twin changed or deleted).
    const tracked = trackTwinStream(twin.id, twin.via, request);
    try {
      const response = await forwardShape(
        deps,
        new Request(request, { signal: tracked.signal }),
        shape,
        twin.publiclyCacheable,
      );
      if (!response.body) {
        tracked.done();
        return response;
      }
      return new Response(
        response.body.pipeThrough(new TransformStream({ flush: () => tracked.done() })),
        response,
      );
    } catch (error) {
      tracked.done();
      throw error;
    }
  };

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
