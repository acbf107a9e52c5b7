import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ApiError, type ErrorBody } from './api-error';

/**
 * Turns any thrown error into the JSON error format. Expected errors keep their status and code; anything
 * else is logged with a reference and answered with a 500 that carries the reference but no stack trace.
 * @example app.onError(handleError)
 */
export function handleError(error: Error, c: Context): Response {
  if (error instanceof ApiError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.details !== undefined) body.error.details = error.details;
    return c.json(body, error.status);
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    if (status === 413) {
      return c.json(
        { error: { code: 'payload_too_large', message: 'The request is too large.' } } satisfies ErrorBody,
        413,
      );
    }
    if (status === 400 && /JSON/i.test(error.message)) {
      return c.json(
        {
          error: {
            code: 'malformed_json',
            message: 'The request body is not valid JSON; check its brackets, commas and quotes.',
          },
        } satisfies ErrorBody,
        400,
      );
    }
    if (status === 403) {
      return c.json(
        {
          error: {
            code: 'cross_site_refused',
            message:
              'This request came from another website, so it was refused; use ProjectTwin from its own address.',
          },
        } satisfies ErrorBody,
        403,
      );
    }
    if (status === 415) {
      return c.json(
        {
          error: {
            code: 'unsupported_media_type',
            message:
              'The request body is not of a type this route takes; send JSON (or the upload form the route documents).',
          },
        } satisfies ErrorBody,
        415,
      );
    }
    if (status < 500) {
      return c.json(
        {
          error: { code: 'bad_request', message: error.message || 'The request is not valid.' },
        } satisfies ErrorBody,
        status,
      );
    }
  }
  const reference = randomUUID();
  console.error(`[${reference}] ${c.req.method} ${c.req.path}:`, error);
  return c.json(
    {
      error: {
        code: 'internal_error',
        message: `Something went wrong on our side; please try again. If it keeps happening, report reference ${reference}.`,
        details: { reference },
      },
    } satisfies ErrorBody,
    500,
  );
}
