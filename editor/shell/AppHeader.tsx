import { useState } from 'react';
import { Link, NavLink, useNavigate } from 'react-router';
import { plainError } from '../api/plain-error';
import { useSession } from '../account/session';

/**
 * The bar at the top of every page: the product name, the main places, and who is signed in.
 * @example <AppHeader />
 */
export function AppHeader() {
  const { session, signOut } = useSession();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<string | null>(null);
  const signedIn = session.status === 'signed-in';

  const logOut = async () => {
    setProblem(null);
    try {
      await signOut();
      navigate('/');
    } catch (error) {
      setProblem(`You could not be logged out: ${plainError(error)}`);
    }
  };

  return (
    <header className="app-header shell-header">
      <Link className="brand" to="/">
        ProjectTwin
      </Link>
      <nav className="shell-nav" aria-label="Main">
        <NavLink to="/" end>
          {signedIn ? 'My twins' : 'Home'}
        </NavLink>
        <NavLink to="/library">Library</NavLink>
        <NavLink to="/editor">New blueprint</NavLink>
        <NavLink to="/check">Check a blueprint</NavLink>
      </nav>
      <div className="shell-account">
        {session.status === 'loading' && <span className="shell-muted">Checking your account…</span>}
        {session.status === 'signed-out' && (
          <>
            <NavLink to="/login">Log in</NavLink>
            <Link className="button primary small" to="/signup">
              Sign up
            </Link>
          </>
        )}
        {session.status === 'signed-in' && (
          <>
            <span className="shell-user">
              <span className="visually-hidden">Signed in as </span>
              {session.user.name}
            </span>
            <button type="button" className="button small on-dark" onClick={() => void logOut()}>
              Log out
            </button>
          </>
        )}
        {problem && (
          <span className="shell-problem" role="alert">
            {problem}
          </span>
        )}
      </div>
    </header>
  );
}
