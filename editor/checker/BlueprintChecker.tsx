import { useRef, useState, type ChangeEvent } from 'react';
import example from '../../docs/examples/pump-fleet.blueprint.json';
import type { Problem } from '../../schemas/problems';
import { locatePointer } from './locate-pointer';
import { PlanSummary } from './PlanSummary';
import { ProblemList } from './ProblemList';
import { useCompile } from './use-compile';

const EXAMPLE_TEXT = `${JSON.stringify(example, null, 2)}\n`;
const MAX_FILE_BYTES = 20 * 1024 * 1024;

/**
 * Paste or open a blueprint file and see, as you type, every problem the compiler finds (click one to select
 * it in the text) or, when there are none, the plan it compiles to. Runs entirely in the browser.
 */
export function BlueprintChecker() {
  const [text, setText] = useState(EXAMPLE_TEXT);
  const [fileError, setFileError] = useState<string | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const state = useCompile(text);

  function select(problem: Problem) {
    const el = area.current;
    if (!el) return;
    const { offset, length } = locatePointer(text, problem.pointer);
    el.focus();
    el.setSelectionRange(offset, offset + length);
    const line = text.slice(0, offset).split('\n').length;
    el.scrollTop = Math.max(0, (line - 3) * 18);
  }

  async function open(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setFileError(
        `${file.name} is ${(file.size / 1e6).toFixed(1)} MB; blueprints over 20 MB are not accepted.`,
      );
      return;
    }
    setFileError(null);
    setText(await file.text());
  }

  const errors =
    state.status === 'done' ? state.result.problems.filter((p) => p.severity === 'error').length : 0;
  const warnings = state.status === 'done' ? state.result.problems.length - errors : 0;

  return (
    <div className="checker">
      <section className="checker-input" aria-label="Blueprint">
        <div className="toolbar">
          <h2>Blueprint checker</h2>
          <label className="button">
            Open a blueprint file…
            <input type="file" accept=".json,application/json" onChange={open} className="visually-hidden" />
          </label>
          <button type="button" className="button" onClick={() => setText(EXAMPLE_TEXT)}>
            Load the example
          </button>
        </div>
        <p className="hint">
          Paste a blueprint (JSON) below or open a file. It is checked against the blueprint standard and the
          built-in node types as you type; nothing leaves your browser.
        </p>
        {fileError && (
          <p role="alert" className="error-text">
            {fileError}
          </p>
        )}
        <textarea
          ref={area}
          aria-label="Blueprint JSON"
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </section>
      <section className="checker-output" aria-label="Result" aria-live="polite">
        {state.status === 'compiling' && <p className="status">Checking…</p>}
        {state.status === 'failed' && (
          <p role="alert" className="status error-text">
            The checker itself failed ({state.message}). Reload the page and try again.
          </p>
        )}
        {state.status === 'done' && (
          <>
            <p className={`status ${errors ? 'error-text' : 'ok-text'}`} data-testid="summary">
              {errors === 0
                ? `No errors${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}: this blueprint compiles.`
                : `${errors} error${errors === 1 ? '' : 's'}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}: fix the errors below. Click one to see where it is.`}
            </p>
            {state.result.problems.length > 0 && (
              <ProblemList problems={state.result.problems} onSelect={select} />
            )}
            {state.result.ok && <PlanSummary plan={state.result.plan} />}
          </>
        )}
      </section>
    </div>
  );
}
