import type { ReactNode } from 'react';

/**
 * A "please wait" line for a request in flight, announced politely.
 * @example <Waiting>Reading your file…</Waiting>
 */
export function Waiting({ children }: { children: ReactNode }) {
  return (
    <p className="dw-state dw-waiting" role="status">
      <span className="dw-spinner" aria-hidden="true" />
      {children}
    </p>
  );
}

/**
 * A failed request in plain words, with what to do next and an optional retry.
 * @example <Trouble title="Your tables could not be listed" message={state.message} onRetry={reload} />
 */
export function Trouble({
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
    <div className="dw-state dw-trouble" role="alert">
      <strong>{title}</strong>
      <p>{message}</p>
      {children}
      {onRetry && (
        <button type="button" className="dw-button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/**
 * Nothing to choose from yet, and what to do about it.
 * @example <Nothing title="No connections yet">Register your database first.</Nothing>
 */
export function Nothing({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="dw-state dw-nothing">
      <strong>{title}</strong>
      {children && <p>{children}</p>}
    </div>
  );
}
