import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * An error the API answers with `{ "error": { "code", "message", "details" } }`. `code` is stable (clients
 * branch on it); `message` is a sentence a non-programmer understands.
 * @example throw new ApiError(404, 'not_found', 'There is no blueprint called "pumps".')
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** Shorthands for the errors every route uses. */
export const apiErrors = {
  unauthorized: () => new ApiError(401, 'unauthorized', 'Log in first: this needs an account.'),
  forbidden: (what = 'do this') =>
    new ApiError(403, 'forbidden', `You are not allowed to ${what}; only its owner or an administrator can.`),
  notFound: (what: string) => new ApiError(404, 'not_found', `${what} does not exist, or you cannot see it.`),
  conflict: (code: string, message: string, details?: unknown) => new ApiError(409, code, message, details),
  invalid: (message: string, details?: unknown) => new ApiError(400, 'invalid_request', message, details),
};
