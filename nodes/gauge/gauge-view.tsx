import { useCallback, useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import type { RuntimeProblem } from '../../runtime/engine/node-api';
import { levelOf, type Summary } from '../panel-kit/aggregate';
import { formatNumber } from '../panel-kit/format';
import { PanelMessage, ProblemMessage, WaitingForData } from '../panel-kit/panel-states';
import type { SummaryConfig } from '../panel-kit/summary-config';
import { arcPath, bandsOf, fractionOf, needleAngle, SWEEP, type Band } from './gauge-geometry';
import { gaugeLayout, type GaugeLayout } from './gauge-layout';
import './gauge.css';

export interface GaugeConfig extends SummaryConfig {
  min: number;
  max: number;
  style: 'dial' | 'bar';
}

export interface GaugeViewProps {
  config: GaugeConfig;
  summary: Summary;
  received: boolean;
  problem: RuntimeProblem | undefined;
}

const CX = 100;
const CY = 86;
const R = 68;

function Dial(props: {
  config: GaugeConfig;
  value: number;
  bands: Band[];
  text: string;
  style?: CSSProperties;
}): ReactNode {
  const { config, value, bands } = props;
  const angle = needleAngle(value, config.min, config.max);
  const at = (v: number) => needleAngle(v, config.min, config.max);
  const end = (deg: number, r: number) => {
    const rad = (deg * Math.PI) / 180;
    return { x: CX + r * Math.sin(rad), y: CY - r * Math.cos(rad) };
  };
  const low = end(-SWEEP, R);
  const high = end(SWEEP, R);
  return (
    <svg className="pt-gauge-dial" viewBox="20 0 160 142" aria-hidden="true" style={props.style}>
      {bands.map((band) => (
        <path
          key={`${band.level}-${band.from}`}
          className={`pt-gauge-band pt-band-${band.level}`}
          d={arcPath(CX, CY, R + 12, at(band.from), at(band.to))}
        />
      ))}
      <path className="pt-gauge-track" d={arcPath(CX, CY, R, -SWEEP, SWEEP)} />
      {angle > -SWEEP ? (
        <path
          className={`pt-gauge-fill pt-fill-${levelOf(value, config)}`}
          d={arcPath(CX, CY, R, -SWEEP, angle)}
        />
      ) : null}
      <g
        className="pt-gauge-needle"
        data-angle={angle.toFixed(1)}
        transform={`rotate(${angle.toFixed(2)} ${CX} ${CY})`}
      >
        <line x1={CX} y1={CY} x2={CX} y2={CY - R + 12} />
        <circle cx={CX} cy={CY} r={4.5} />
      </g>
      <text className="pt-gauge-end" x={low.x} y={low.y + 16} textAnchor="middle">
        {formatNumber(config.min, 0)}
      </text>
      <text className="pt-gauge-end" x={high.x} y={high.y + 16} textAnchor="middle">
        {formatNumber(config.max, 0)}
      </text>
    </svg>
  );
}

function Bar(props: { config: GaugeConfig; value: number; bands: Band[]; text: string }): ReactNode {
  const { config, value, bands } = props;
  const pct = (v: number) => fractionOf(v, config.min, config.max) * 100;
  return (
    <div className="pt-gauge-bar-wrap">
      <div className="pt-gauge-text-html">{props.text}</div>
      <div className="pt-gauge-bar">
        <div
          className={`pt-gauge-bar-fill pt-fill-${levelOf(value, config)}`}
          data-percent={pct(value).toFixed(1)}
          style={{ width: `${pct(value)}%` }}
        />
      </div>
      <div className="pt-gauge-bands">
        {bands.map((band) => (
          <div
            key={`${band.level}-${band.from}`}
            className={`pt-band-${band.level}`}
            style={{ left: `${pct(band.from)}%`, width: `${pct(band.to) - pct(band.from)}%` }}
          />
        ))}
      </div>
      <div className="pt-gauge-scale">
        <span>{formatNumber(config.min, 0)}</span>
        <span>{formatNumber(config.max, 0)}</span>
      </div>
    </div>
  );
}

/**
 * The content box size of an element, following it as it resizes; `ref` goes on the element.
 * @example const [ref, size] = useBoxSize(); return <div ref={ref}>{size?.width}</div>;
 */
export function useBoxSize(): [
  (el: HTMLElement | null) => void,
  { width: number; height: number } | undefined,
] {
  const [size, setSize] = useState<{ width: number; height: number }>();
  const observer = useRef<ResizeObserver>(undefined);
  const ref = useCallback((el: HTMLElement | null) => {
    observer.current?.disconnect();
    observer.current = undefined;
    if (!el || typeof ResizeObserver === 'undefined') return;
    observer.current = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const { width, height } = entry.contentRect;
      setSize((old) => (old && old.width === width && old.height === height ? old : { width, height }));
    });
    observer.current.observe(el);
  }, []);
  useEffect(() => () => observer.current?.disconnect(), []);
  return [ref, size];
}

/** Level words under the value. */
function noteOf(level: string, outside: string | undefined): string {
  if (outside) return `${outside[0]!.toUpperCase()}${outside.slice(1)}`;
  return level === 'warning' ? 'Warning' : level === 'alarm' ? 'Alarm' : ' ';
}

/**
 * A value on a dial (or bar) between the lowest and highest value, over warning and alarm bands.
 * @example <GaugeView config={config} summary={{ value: 42, previous: null, skipped: 0 }} received problem={undefined} />
 */
export function GaugeView(props: GaugeViewProps): ReactNode {
  const { config, summary } = props;
  const [boxRef, box] = useBoxSize();
  if (props.problem) return <ProblemMessage problem={props.problem} />;
  if (!props.received) return <WaitingForData />;
  const label = config.label ?? config.value;
  if (summary.value === null) {
    return (
      <PanelMessage
        kind="empty"
        title={`${label}: no value yet`}
        detail="The gauge moves when rows arrive."
      />
    );
  }
  const value = summary.value;
  const level = levelOf(value, config);
  const text = formatNumber(value, config.aggregate === 'count' ? 0 : config.decimals, config.unit);
  const bands = bandsOf(config.min, config.max, config);
  const outside = value < config.min ? 'below the scale' : value > config.max ? 'above the scale' : undefined;
  // The dial is sized to the panel once it has been measured (until then, CSS lets it fill the space).
  const layout: GaugeLayout | undefined =
    config.style === 'dial' && box && box.width > 0 && box.height > 0
      ? gaugeLayout(box.width, box.height, text.length)
      : undefined;
  const arrangement = layout?.arrangement ?? 'below';
  const note = <div className={`pt-gauge-note pt-level-${level}`}>{noteOf(level, outside)}</div>;
  return (
    <div
      ref={boxRef}
      className={`pt-gauge pt-gauge--${config.style}${config.style === 'dial' ? ` pt-gauge--${arrangement}` : ''}`}
      role="meter"
      aria-label={label}
      aria-valuemin={config.min}
      aria-valuemax={config.max}
      aria-valuenow={Math.min(config.max, Math.max(config.min, value))}
      aria-valuetext={outside ? `${text}, ${outside}` : text}
      data-level={level}
    >
      <div className="pt-gauge-label" title={label}>
        {label}
      </div>
      {config.style === 'bar' ? (
        <>
          <Bar config={config} value={value} bands={bands} text={text} />
          {note}
        </>
      ) : (
        <div className="pt-gauge-body" data-arrangement={arrangement}>
          <Dial
            config={config}
            value={value}
            bands={bands}
            text={text}
            style={layout ? { width: layout.dialWidth, height: layout.dialHeight, flex: 'none' } : undefined}
          />
          <div className="pt-gauge-readout">
            <div className="pt-gauge-text-html" style={layout ? { fontSize: layout.valueFont } : undefined}>
              {text}
            </div>
            {note}
          </div>
        </div>
      )}
    </div>
  );
}
