import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { logIn, signUp } from '../api/account-api';
import { plainError } from '../api/plain-error';
import {
  checkLogin,
  checkSignup,
  MIN_PASSWORD_LENGTH,
  safeNext,
  type FieldProblems,
} from './account-form-checks';
import { useSession } from './session';
import { TextField } from './TextField';

function useAfterSignIn() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'));
  return { next, go: () => navigate(next, { replace: true }) };
}

/**
 * The state and submit handler both account forms share: check the fields here, then send them; on success
 * sign in and go on, on refusal show the server's plain message.
 */
function useAccountForm<F extends Record<string, string>>(
  initial: F,
  check: (form: F) => FieldProblems,
  send: (form: F) => ReturnType<typeof logIn>,
) {
  const { session, signedIn } = useSession();
  const { next, go } = useAfterSignIn();
  const [form, setForm] = useState(initial);
  const [problems, setProblems] = useState<FieldProblems>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = check(form);
    setProblems(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      signedIn(await send(form));
      go();
    } catch (error) {
      setFailure(plainError(error));
      setBusy(false);
    }
  };
  const alreadySignedIn = session.status === 'signed-in' && !busy;
  return { form, setForm, problems, failure, busy, submit, next, alreadySignedIn };
}

/**
 * The sign-up page: name, email and password, checked here first and then by the server.
 * @example <Route path="/signup" element={<SignupPage />} />
 */
export function SignupPage() {
  const { form, setForm, problems, failure, busy, submit, next, alreadySignedIn } = useAccountForm(
    { name: '', email: '', password: '' },
    checkSignup,
    (f) => signUp({ ...f, name: f.name.trim(), email: f.email.trim() }),
  );
  if (alreadySignedIn) return <Navigate to={next} replace />;

  return (
    <section className="page narrow">
      <form
        className="card auth-form"
        onSubmit={(e) => void submit(e)}
        noValidate
        aria-labelledby="signup-title"
      >
        <h1 id="signup-title">Create your account</h1>
        <p className="lead">
          With an account you can deploy twins on your own data, save your work and publish to the library.
        </p>
        <TextField
          label="Your name"
          autoComplete="name"
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
          problem={problems.name}
        />
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          value={form.email}
          onChange={(e) => setForm({ ...form, email: e.target.value })}
          problem={problems.email}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters. A short sentence works well.`}
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
          problem={problems.password}
        />
        {failure && (
          <p className="form-failure" role="alert">
            {failure}
          </p>
        )}
        <button type="submit" className="button primary wide" disabled={busy}>
          {busy ? 'Creating your account…' : 'Create account'}
        </button>
        <p className="form-switch">
          Already have an account?{' '}
          <Link to={`/login${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`}>Log in</Link>
        </p>
      </form>
    </section>
  );
}

/**
 * The log-in page: email and password; a refusal shows the server's plain message.
 * @example <Route path="/login" element={<LoginPage />} />
 */
export function LoginPage() {
  const { form, setForm, problems, failure, busy, submit, next, alreadySignedIn } = useAccountForm(
    { email: '', password: '' },
    checkLogin,
    (f) => logIn({ email: f.email.trim(), password: f.password }),
  );
  if (alreadySignedIn) return <Navigate to={next} replace />;

  return (
    <section className="page narrow">
      <form
        className="card auth-form"
        onSubmit={(e) => void submit(e)}
        noValidate
        aria-labelledby="login-title"
      >
        <h1 id="login-title">Log in</h1>
        <p className="lead">Welcome back. Log in to see your twins and published work.</p>
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          value={form.email}
          onChange={(e) => setForm({ ...form, email: e.target.value })}
          problem={problems.email}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
          problem={problems.password}
        />
        {failure && (
          <p className="form-failure" role="alert">
            {failure}
          </p>
        )}
        <button type="submit" className="button primary wide" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
        <p className="form-switch">
          New to ProjectTwin?{' '}
          <Link to={`/signup${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`}>
            Create an account
          </Link>
        </p>
      </form>
    </section>
  );
}
