import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { ApiError } from '../http/api-error';
import { serveShape } from './serve-shape';
import { ShapeRequestError } from './shape-request-error';
import { syncServiceFor } from './sync-registry';

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/** The expected secret's digest, computed once (this check runs on every live request). */
let expectedDigest: { secret: string; digest: Buffer } | null = null;

function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  if (expectedDigest?.secret !== expected) expectedDigest = { secret: expected, digest: sha256(expected) };
  return timingSafeEqual(sha256(given), expectedDigest.digest);
}

/**
 * The built-in sync's raw Electric protocol: `GET /v1/shape` (requires `secret`, the server's sync secret, like
 * Electric's API secret) and `GET /v1/health`. Browsers never call it directly: the twin-scoped proxy does.
 * @example app.route('/', syncRoutes())
 */
export function syncRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/v1/health', async (c) => {
    const sync = await syncServiceFor(c.get('deps')).catch(() => null);
    const active = sync?.state === 'active' && sync.stream.connected;
    return c.json({ status: active ? 'active' : 'starting' }, active ? 200 : 202);
  });
  app.get('/v1/shape', async (c) => {
    const { config } = c.get('deps');
    if (!sameSecret(c.req.query('secret') ?? c.req.query('api_secret'), config.syncSecret))
      throw new ApiError(401, 'unauthorized', 'The shape sync needs the server\'s sync secret in "secret".');
    try {
      const sync = await syncServiceFor(c.get('deps'));
      return await serveShape(sync, c.req.raw);
    } catch (error) {
      if (error instanceof ShapeRequestError) throw new ApiError(error.status, error.code, error.message);
      throw error;
    }
  });
  return app;
}
