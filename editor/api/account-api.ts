import { apiRequest, currentUser, rememberCsrfToken } from '../twin/api-client';

/** A ProjectTwin account, as the API shows it to its owner. */
export interface Account {
  id: string;
  email: string;
  name: string;
  role: 'user' | 'admin';
}

interface Session {
  user: Account;
  csrfToken: string;
}

/**
 * Who is signed in in this browser, or null.
 * @example const me = await fetchAccount()
 */
export async function fetchAccount(): Promise<Account | null> {
  const me = await currentUser();
  if (!me) return null;
  rememberCsrfToken(me.csrfToken);
  return me.user as Account;
}

/**
 * Creates an account and signs in with it.
 * @example const user = await signUp({ name: 'Ada', email: 'ada@example.com', password: 'a long passphrase' })
 */
export async function signUp(form: { name: string; email: string; password: string }): Promise<Account> {
  const session = await apiRequest<Session>('POST', '/api/auth/signup', form);
  rememberCsrfToken(session.csrfToken);
  return session.user;
}

/**
 * Signs in with an email and a password.
 * @example const user = await logIn({ email: 'ada@example.com', password: 'a long passphrase' })
 */
export async function logIn(form: { email: string; password: string }): Promise<Account> {
  const session = await apiRequest<Session>('POST', '/api/auth/login', form);
  rememberCsrfToken(session.csrfToken);
  return session.user;
}

/**
 * Signs out of this browser.
 * @example await logOut()
 */
export async function logOut(): Promise<void> {
  try {
    await apiRequest<void>('POST', '/api/auth/logout');
  } finally {
    rememberCsrfToken(null);
  }
}
