import type { RuntimeProblem } from '../../runtime/engine/node-api';

interface PanelHeaderProps {
  title: string;
  problems: readonly RuntimeProblem[];
  /** Shown in edit mode: takes the panel off the dashboard (it can be restored). */
  onHide?: () => void;
}

/**
 * A tile's title bar: the panel's title, its problems in plain words (the first one written out, the rest
 * counted; every message in the tooltip), and in edit mode a button that hides the panel.
 * @example <PanelHeader title="Vibration" problems={problems.trend ?? []} onHide={() => hide('trend')} />
 */
export function PanelHeader({ title, problems, onHide }: PanelHeaderProps) {
  const worst = problems.find((p) => p.severity === 'error') ?? problems[0];
  const more = problems.length - 1;
  return (
    <div className="panel-header">
      <span className="panel-title" title={title}>
        {title}
      </span>
      {worst && (
        <span
          className={`panel-problem ${worst.severity}`}
          role="status"
          title={problems.map((p) => `${p.code}: ${p.message}`).join('\n')}
        >
          <span aria-hidden="true">{worst.severity === 'error' ? '⛔' : '⚠'}</span> {worst.message}
          {more > 0 && ` (+${more} more)`}
        </span>
      )}
      {onHide && (
        <button
          type="button"
          className="panel-hide"
          aria-label={`Hide ${title}`}
          title="Hide this panel"
          onClick={onHide}
          onMouseDown={(e) => e.stopPropagation()}
        >
          Hide
        </button>
      )}
    </div>
  );
}
