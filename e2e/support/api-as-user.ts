/**
 * Calling the platform API from a test as a signed-up user, through a Playwright request context (which keeps
 * the session cookie), with the CSRF token on every change (not a test itself).
 */
import type { APIRequestContext } from 'playwright-core';

/** A user of the API in a test. */
export interface ApiUser {
  id: string;
  csrfToken: string;
  /** A JSON request; answers the status and the parsed body. */
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * Signs up through the API with the given request context and returns a caller for that session.
 * @example const ada = await signUpThroughApi(context.request, url, { email: 'ada@example.com', password: 'ada-password-1', name: 'Ada' })
 */
export async function signUpThroughApi(
  request: APIRequestContext,
  baseUrl: string,
  account: { email: string; password: string; name: string },
): Promise<ApiUser> {
  const response = await request.post(`${baseUrl}/api/auth/signup`, { data: account });
  if (response.status() !== 201) {
    throw new Error(`sign-up of ${account.email} failed: ${response.status()} ${await response.text()}`);
  }
  const session = (await response.json()) as { user: { id: string }; csrfToken: string };
  return {
    id: session.user.id,
    csrfToken: session.csrfToken,
    call: async (method, path, body) => {
      const answer = await request.fetch(`${baseUrl}${path}`, {
        method,
        headers: { 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
        data: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await answer.text();
      return { status: answer.status(), body: text ? JSON.parse(text) : undefined };
    },
  };
}
