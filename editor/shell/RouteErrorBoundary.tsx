import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  failed: boolean;
}

/**
 * Catches a page that failed to load or draw (a lost connection while fetching its code, for instance) and says
 * what to do, instead of leaving a blank screen.
 * @example <RouteErrorBoundary><Outlet /></RouteErrorBoundary>
 */
export class RouteErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('A page failed to draw', error, info.componentStack);
  }

  override componentDidUpdate(previous: { resetKey: string }): void {
    if (previous.resetKey !== this.props.resetKey && this.state.failed) this.setState({ failed: false });
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <section className="page narrow">
        <div className="state state-error" role="alert">
          <h1>This page could not be shown</h1>
          <p>
            Something went wrong while loading it, perhaps a lost connection or a newer version of ProjectTwin
            on the server. Reload the page to try again.
          </p>
          <button type="button" className="button primary" onClick={() => window.location.reload()}>
            Reload the page
          </button>
        </div>
      </section>
    );
  }
}
