import { memo } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { Problem } from '../../schemas/problems';
import { splitEnd } from './document-ops';
import { useGraphEditor } from './editor-context';
import { inputOfPointer, useInputFocus } from './input-focus';
import type { GraphCompileState } from './use-graph-compile';

/** Where a problem is: its node or connection, or the blueprint input it is about. */
function where(p: Problem): string | null {
  const input = inputOfPointer(p.pointer);
  return p.nodeId ?? p.edgeId ?? (input ? `input ${input}` : null);
}

function ProblemsPanelInner({ compile, empty }: { compile: GraphCompileState; empty: boolean }) {
  const { store } = useGraphEditor();
  const flow = useReactFlow();
  const problems = compile.problems;
  const errors = problems.filter((p) => p.severity === 'error').length;

  const focus = (p: Problem) => {
    const input = p.nodeId || p.edgeId ? null : inputOfPointer(p.pointer);
    if (input) {
      useInputFocus.getState().show(input);
      return;
    }
    const nodeId = p.nodeId ?? (p.edgeId ? splitEnd(p.edgeId.split('->')[1] ?? '').node : undefined);
    store.getState().select(nodeId && !p.edgeId ? [nodeId] : [], p.edgeId ? [p.edgeId] : []);
    if (p.edgeId && !p.nodeId) {
      const from = splitEnd(p.edgeId.split('->')[0]).node;
      const ids = [from, nodeId].filter((id): id is string => Boolean(id)).map((id) => ({ id }));
      void flow.fitView({ nodes: ids, duration: 300, maxZoom: 1.2, padding: 0.4 });
      return;
    }
    if (nodeId) {
      store.getState().select([nodeId], p.edgeId ? [p.edgeId] : []);
      void flow.fitView({ nodes: [{ id: nodeId }], duration: 300, maxZoom: 1.2, padding: 0.6 });
    }
  };

  let summary: string;
  if (compile.status === 'failed') summary = `The check could not run: ${compile.message}`;
  else if (compile.status === 'checking' && problems.length === 0) summary = 'Checking…';
  else if (empty && problems.length === 0)
    summary = 'Nothing to check yet: add nodes from the list on the left.';
  else if (problems.length === 0) summary = 'No problems: this blueprint is ready to publish.';
  else
    summary =
      errors > 0
        ? `${errors} ${errors === 1 ? 'problem' : 'problems'} to fix before publishing. Click one to find it.`
        : `${problems.length} ${problems.length === 1 ? 'note' : 'notes'}; the blueprint can be published.`;

  return (
    <section className="pt-problems" aria-label="Problems">
      <h2>
        Problems{' '}
        <span
          className={`pt-count ${errors ? 'pt-count-error' : compile.status === 'done' ? 'pt-count-ok' : 'pt-count-checking'}`}
        >
          {errors}
        </span>
        {compile.status === 'checking' && <small className="pt-checking"> checking…</small>}
      </h2>
      <p
        className={`pt-hint ${errors === 0 && compile.status === 'done' && !empty ? 'pt-ok' : ''}`}
        role="status"
      >
        {summary}
      </p>
      <ul>
        {problems.map((p, i) => (
          <li key={`${p.code}-${p.pointer}-${i}`}>
            <button type="button" className={`pt-problem pt-sev-${p.severity}`} onClick={() => focus(p)}>
              <span className="pt-problem-code">{p.code}</span>
              <span className="pt-problem-message">{p.message}</span>
              {where(p) && <span className="pt-problem-where">{where(p)}</span>}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The compiler's problems for the graph; clicking one selects and centres its node or connection, or shows the
 * card of the blueprint input it is about.
 * @example <ProblemsPanel compile={compileState} empty={doc.nodes.length === 0} />
 */
export const ProblemsPanel = memo(ProblemsPanelInner);
