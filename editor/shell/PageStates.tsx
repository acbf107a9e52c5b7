import type { ReactNode } from 'react';
import { Link } from 'react-router';

/**
 * A polite "please wait" line for a request in flight.
 * @example <Loading what="the library" />
 */
export function Loading({ what }: { what: string }) {
  return (
    <p className="state state-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      Loading {what}…
    </p>
  );
}

/**
 * A failed request: what failed, the server's plain message, and what to do (try again).
 * @example <Failure title="The library could not be loaded" message={state.message} onRetry={reload} />
 */
export function Failure({
  title,
  message,
  onRetry,
  children,
}: {
  title: string;
  message: string;
  onRetry?: () => void;
  children?: ReactNode;
}) {
  return (
    <div className="state state-error" role="alert">
      <h2>{title}</h2>
      <p>{message}</p>
      {children}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/**
 * Nothing to show yet, and what to do about it.
 * @example <Empty title="No twins yet" action={<Link to="/library">Find a blueprint</Link>}>Deploy one…</Empty>
 */
export function Empty({
  title,
  children,
  action,
}: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="state state-empty">
      <h3>{title}</h3>
      {children && <p>{children}</p>}
      {action}
    </div>
  );
}

/**
 * The page shown for an address that leads nowhere.
 * @example <Route path="*" element={<NotFoundPage />} />
 */
export function NotFoundPage({ what }: { what?: string }) {
  return (
    <section className="page narrow">
      <div className="state state-error" role="alert">
        <h1>Page not found</h1>
        <p>{what ?? 'There is nothing at this address. It may have moved, or the link may be mistyped.'}</p>
        <p className="state-actions">
          <Link className="button primary" to="/library">
            Browse the library
          </Link>
          <Link className="button" to="/">
            Go to the home page
          </Link>
        </p>
      </div>
    </section>
  );
}
