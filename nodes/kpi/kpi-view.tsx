import type { ReactNode } from 'react';
import type { RuntimeProblem } from '../../runtime/engine/node-api';
import { levelOf, trendOf, type Summary } from '../panel-kit/aggregate';
import { formatNumber } from '../panel-kit/format';
import { PanelMessage, ProblemMessage, WaitingForData } from '../panel-kit/panel-states';
import type { PanelSize } from '../panel-kit/react-panel';
import type { SummaryConfig } from '../panel-kit/summary-config';
import './kpi.css';

export interface KpiViewProps {
  config: SummaryConfig;
  summary: Summary;
  received: boolean;
  problem: RuntimeProblem | undefined;
  size: PanelSize;
}

const LEVEL_WORDS = { none: '', ok: 'Normal', warning: 'Warning', alarm: 'Alarm' } as const;

/**
 * One big number with its label, unit, trend arrow and warning/alarm colour.
 * @example <KpiView config={config} summary={{ value: 3, previous: 2, skipped: 0 }} received problem={undefined} size={size} />
 */
export function KpiView(props: KpiViewProps): ReactNode {
  const { config, summary } = props;
  if (props.problem) return <ProblemMessage problem={props.problem} />;
  if (!props.received) return <WaitingForData />;
  const label = config.label ?? config.value;
  if (summary.value === null) {
    return (
      <PanelMessage
        kind="empty"
        title={`${label}: no value yet`}
        detail="The number appears when rows arrive."
      />
    );
  }
  const level = levelOf(summary.value, config);
  const text = formatNumber(summary.value, config.aggregate === 'count' ? 0 : config.decimals, config.unit);
  const trend = trendOf(summary.value, summary.previous, config.higherIsBetter);
  // As large as fits: by height, and by width for the number of characters.
  const fontSize = Math.round(
    Math.max(18, Math.min(props.size.height * 0.36, (props.size.width - 24) / (text.length * 0.6), 96)),
  );
  return (
    <div className={`pt-kpi pt-kpi--${level}`} data-level={level}>
      <div className="pt-kpi-label" title={label}>
        {label}
      </div>
      <div className={`pt-kpi-value pt-level-${level}`} data-testid="kpi-value" style={{ fontSize }}>
        {text}
      </div>
      <div className="pt-kpi-foot">
        {trend ? (
          <span
            className={`pt-kpi-trend pt-trend-${trend.mood}`}
            data-direction={trend.direction}
            aria-label={`${trend.direction === 'flat' ? 'Unchanged' : trend.direction === 'up' ? 'Up' : 'Down'} from ${formatNumber(summary.previous!, config.decimals, config.unit)}`}
          >
            <span aria-hidden="true">
              {trend.direction === 'up' ? '▲' : trend.direction === 'down' ? '▼' : '▶'}
            </span>{' '}
            {trend.direction === 'flat'
              ? 'no change'
              : `${trend.delta > 0 ? '+' : '−'}${formatNumber(Math.abs(trend.delta), config.decimals, config.unit)}`}
          </span>
        ) : null}
        {level === 'warning' || level === 'alarm' ? (
          <span className={`pt-kpi-badge pt-kpi-badge--${level}`}>{LEVEL_WORDS[level]}</span>
        ) : null}
      </div>
    </div>
  );
}
