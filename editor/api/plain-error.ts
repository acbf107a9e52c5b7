import { ApiError } from '../twin/api-client';

/**
 * A sentence a person can read for any failure: the server's own message for API errors, a generic one with
 * the cause otherwise (never an object dump).
 * @example plainError(new ApiError(401, 'invalid_credentials', 'The email or the password is not right.'))
 * // 'The email or the password is not right.'
 */
export function plainError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return `Something went wrong: ${error.message}`;
  return 'Something went wrong; try again.';
}
