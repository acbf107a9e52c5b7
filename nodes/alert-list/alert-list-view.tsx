import type { ReactNode } from 'react';
import type { RuntimeProblem } from '../../runtime/engine/node-api';
import { formatNumber, formatTime } from '../panel-kit/format';
import { PanelMessage, ProblemMessage, WaitingForData } from '../panel-kit/panel-states';
import { countBySeverity, type Alert } from './alert-rows';
import './alert-list.css';

export interface AlertListViewProps {
  title: string;
  /** Every active alert, newest first. */
  alerts: Alert[];
  maxShown: number;
  decimals: number;
  received: boolean;
  problem: RuntimeProblem | undefined;
}

const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;

/**
 * The active alerts, newest first, coloured by severity, under a header of their count and severities (the
 * title is the panel frame's, not repeated here; it names the list for screen readers).
 * @example <AlertListView title="Alerts" alerts={alerts} maxShown={200} decimals={2} received problem={undefined} />
 */
export function AlertListView(props: AlertListViewProps): ReactNode {
  const { alerts } = props;
  if (props.problem) return <ProblemMessage problem={props.problem} />;
  const counts = countBySeverity(alerts);
  const worst = counts.alarm > 0 ? 'alarm' : counts.warning > 0 ? 'warning' : 'none';
  const summary = [
    counts.alarm ? plural(counts.alarm, 'alarm') : '',
    counts.warning ? plural(counts.warning, 'warning') : '',
  ]
    .filter(Boolean)
    .join(', ');
  const shown = alerts.slice(0, props.maxShown);
  return (
    <>
      {/* The dashboard's panel frame shows the title; this header adds only the count and the severities. */}
      <div className="pt-panel-header" data-testid="alert-summary">
        <span
          className={`pt-alerts-count pt-alerts-count--${worst}`}
          data-testid="alert-count"
          aria-label={plural(alerts.length, 'active alert')}
        >
          {alerts.length.toLocaleString()}
        </span>
        <span className="pt-alerts-active" aria-hidden="true">
          active
        </span>
        <span className="pt-panel-meta">{summary}</span>
      </div>
      {!props.received ? (
        <WaitingForData />
      ) : alerts.length === 0 ? (
        <PanelMessage
          kind="empty"
          title="No active alerts"
          detail="Alerts appear here when a rule's level is crossed."
        />
      ) : (
        <>
          <ul className="pt-alerts" aria-label={props.title}>
            {shown.map((alert) => (
              <li
                key={alert.key}
                className={`pt-alert pt-alert--${alert.severity}`}
                data-alert-id={alert.alertId}
                data-severity={alert.severity}
              >
                <span className="pt-alert-severity">{alert.severity === 'alarm' ? 'Alarm' : 'Warning'}</span>
                <span className="pt-alert-message">{alert.message || alert.rule || 'Alert'}</span>
                <time
                  className="pt-alert-time"
                  dateTime={alert.ts === null ? undefined : new Date(alert.ts).toISOString()}
                >
                  {alert.ts === null ? '' : formatTime(alert.ts)}
                </time>
                <span className="pt-alert-meta">
                  {[
                    alert.entity,
                    alert.rule ? `rule ${alert.rule}` : '',
                    alert.value === null ? '' : `value ${formatNumber(alert.value, props.decimals)}`,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </li>
            ))}
          </ul>
          {alerts.length > shown.length ? (
            <div className="pt-alerts-more">{`and ${plural(alerts.length - shown.length, 'older alert')} not listed`}</div>
          ) : null}
        </>
      )}
    </>
  );
}
