import type { ReactNode } from 'react';
import type { RuntimeProblem } from '../../runtime/engine/node-api';

/**
 * A panel's whole-area message: waiting for data, nothing to show, or a problem, in plain words.
 *
 * @example <PanelMessage kind="empty" title="No rows yet" detail="Rows appear here as they arrive." />
 */
export function PanelMessage(props: {
  kind: 'loading' | 'empty' | 'error';
  title: string;
  detail?: string | undefined;
  code?: string | undefined;
}): ReactNode {
  return (
    <div
      className={`pt-state pt-state--${props.kind}`}
      role={props.kind === 'error' ? 'alert' : 'status'}
      data-state={props.kind}
    >
      {props.kind === 'loading' ? <span className="pt-spinner" aria-hidden="true" /> : null}
      {props.kind === 'error' ? (
        <span className="pt-state-icon" aria-hidden="true">
          !
        </span>
      ) : null}
      <p className="pt-state-title">{props.title}</p>
      {props.detail ? <p className="pt-state-detail">{props.detail}</p> : null}
      {props.code ? <p className="pt-state-code">{props.code}</p> : null}
    </div>
  );
}

/**
 * The loading state shown before the first rows arrive.
 * @example <WaitingForData />
 */
export function WaitingForData(): ReactNode {
  return <PanelMessage kind="loading" title="Waiting for data…" />;
}

/**
 * The error state for a problem the panel reported.
 * @example <ProblemMessage problem={problems.error} />
 */
export function ProblemMessage(props: { problem: RuntimeProblem }): ReactNode {
  return (
    <PanelMessage
      kind="error"
      title="This panel cannot be shown"
      detail={props.problem.message}
      code={props.problem.code}
    />
  );
}
