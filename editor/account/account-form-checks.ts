/** The shortest password the server accepts (server/auth/auth-schemas.ts). */
export const MIN_PASSWORD_LENGTH = 10;

/** A message per field that is not right yet; empty when the form can be sent. */
export type FieldProblems = Partial<Record<'name' | 'email' | 'password', string>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Checks a sign-up form before it is sent, in the same terms as the server, so that a person hears at once
 * what to change.
 * @example checkSignup({ name: 'Ada', email: 'ada@example.com', password: 'short' })
 * // { password: 'Use at least 10 characters: a few words make a password that is long and easy to remember.' }
 */
export function checkSignup(form: { name: string; email: string; password: string }): FieldProblems {
  const problems: FieldProblems = {};
  if (!form.name.trim()) problems.name = 'Enter your name, as others will see it on what you publish.';
  else if (form.name.trim().length > 80) problems.name = 'Use at most 80 characters for your name.';
  if (!EMAIL.test(form.email.trim())) problems.email = 'Enter an email address such as ada@example.com.';
  if (form.password.length < MIN_PASSWORD_LENGTH) {
    problems.password = `Use at least ${MIN_PASSWORD_LENGTH} characters: a few words make a password that is long and easy to remember.`;
  } else if (form.password.length > 200) problems.password = 'Use at most 200 characters.';
  return problems;
}

/**
 * Checks a log-in form before it is sent.
 * @example checkLogin({ email: '', password: 'x' }) // { email: 'Enter the email address of your account.' }
 */
export function checkLogin(form: { email: string; password: string }): FieldProblems {
  const problems: FieldProblems = {};
  if (!form.email.trim()) problems.email = 'Enter the email address of your account.';
  if (!form.password) problems.password = 'Enter your password.';
  return problems;
}

/**
 * Where to go after signing in: the `next` address when it is a page of this app, else the home page (so that a
 * crafted link cannot send someone to another site).
 * @example safeNext('/library/blueprints') // '/library/blueprints'
 * @example safeNext('https://evil.example') // '/'
 */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}
