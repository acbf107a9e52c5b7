import type { LivePreviewState } from './use-live-preview';
import { PREVIEW_MAX_NODES, PREVIEW_POLL_S, PREVIEW_ROW_LIMIT } from './use-live-preview';

/**
 * One line under the canvas saying what the live preview runs on, or why it is not running, and the runtime's
 * problems (e.g. a table input without sample data), and a notice about the sample data when there is one (e.g. a
 * saved demo table that no longer exists).
 * @example <PreviewStatus preview={preview} notice={choice.notice} />
 */
export function PreviewStatus({ preview, notice }: { preview: LivePreviewState; notice?: string | null }) {
  const problems = Object.entries(preview.problems).flatMap(([node, list]) =>
    list.map((p) => ({ node, ...p })),
  );
  const text = {
    idle: 'Live preview: waiting for the first check of the blueprint.',
    empty: 'Live preview: add nodes, and each one shows the rows it puts out.',
    paused:
      'Live preview paused: it runs again once the blueprint has no errors. Fix the problems listed below.',
    starting: 'Live preview: starting…',
    running: `Live preview: the blueprint runs on sample data (up to ${PREVIEW_ROW_LIMIT} rows of each picked demo table, read again every ${PREVIEW_POLL_S} seconds; CSV sources read their files). Each node shows its rows.`,
    failed: `Live preview stopped: ${preview.message ?? 'the runtime could not start'}.`,
    'too-big': `Live preview is off for blueprints of more than ${PREVIEW_MAX_NODES} nodes.`,
  }[preview.status];
  return (
    <div className="pt-preview-status" role="status" aria-label="Live preview">
      <span>{text}</span>
      {notice && <p className="pt-sev-warning">{notice}</p>}
      {problems.length > 0 && (
        <ul>
          {problems.slice(0, 3).map((p, i) => (
            <li key={i} className={`pt-sev-${p.severity}`}>
              {p.node}: {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
