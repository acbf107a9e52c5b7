import { z } from '@hono/zod-openapi';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'not_found' }),
      message: z.string().openapi({ example: 'There is no blueprint called "pumps".' }),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

const errorContent = { 'application/json': { schema: ErrorSchema } };

/**
 * Documented error responses to spread into a route's `responses`.
 * @example responses: { 200: ..., ...errorResponses(400, 401, 404) }
 */
export function errorResponses(...statuses: number[]) {
  const words: Record<number, string> = {
    400: 'The request is not valid; the message says what to fix.',
    401: 'Not logged in, or the API token is not valid.',
    403: 'Not allowed (not the owner), or the CSRF token is missing.',
    404: 'Not found, or not visible to you.',
    409: 'Conflicts with what exists (a taken name, a version that is not newer...).',
    413: 'The request body or upload is too large.',
    422: 'Understood but refused, e.g. a blueprint that does not compile.',
  };
  return Object.fromEntries(
    statuses.map((s) => [s, { description: words[s] ?? 'Error', content: errorContent }]),
  );
}

/** A JSON request body for a route definition. */
export function jsonBody<T extends z.ZodType>(schema: T, description?: string) {
  return { body: { required: true, description, content: { 'application/json': { schema } } } };
}

/** A JSON response for a route definition. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}
