import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { fetchAccount, logOut, type Account } from '../api/account-api';
import { plainError } from '../api/plain-error';

/** Who is using the app: not known yet, nobody, or an account. */
export type SessionState =
  { status: 'loading' } | { status: 'signed-out'; problem?: string } | { status: 'signed-in'; user: Account };

interface SessionValue {
  session: SessionState;
  /** Records the account that just signed up or logged in. */
  signedIn(user: Account): void;
  /** Logs out of this browser. */
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

/**
 * Holds who is signed in for the whole app (asked once from /api/auth/me).
 * @example <SessionProvider><App /></SessionProvider>
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionState>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    fetchAccount().then(
      (user) => current && setSession(user ? { status: 'signed-in', user } : { status: 'signed-out' }),
      (error: unknown) => current && setSession({ status: 'signed-out', problem: plainError(error) }),
    );
    return () => {
      current = false;
    };
  }, []);
  const signedIn = useCallback((user: Account) => setSession({ status: 'signed-in', user }), []);
  const signOut = useCallback(async () => {
    await logOut();
    setSession({ status: 'signed-out' });
  }, []);
  const value = useMemo(() => ({ session, signedIn, signOut }), [session, signedIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/**
 * The session of the app, from the nearest SessionProvider.
 * @example const { session, signOut } = useSession()
 */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>.');
  return value;
}
