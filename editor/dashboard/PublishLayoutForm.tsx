import { useState, type FormEvent } from 'react';

/** What the viewer fills in to publish the dashboard's layout to the layout registry. */
export interface PublishRequest {
  name: string;
  title: string;
  version: string;
}

/**
 * The plain sentences to show for a failed request: the error's message, then each problem the server listed
 * in `details.problems` (as the registry does for an invalid document).
 * @example errorLines(new Error('The name is taken.')) // ['The name is taken.']
 */
export function errorLines(error: unknown): string[] {
  const message = error instanceof Error ? error.message : String(error);
  const details = (error as { details?: { problems?: unknown } } | null)?.details;
  const problems = Array.isArray(details?.problems) ? details.problems : [];
  const extra = problems
    .map((p) => (p && typeof p === 'object' && typeof p.message === 'string' ? p.message : null))
    .filter((m): m is string => m !== null && !message.includes(m));
  return [message, ...extra];
}

/**
 * The "Publish as layout" form: name, title and version, sent to `onPublish`; the registry's refusal is shown in
 * its own words, and success with a link to the published layout's API page.
 * @example <PublishLayoutForm suggestedName="pump-wall" onPublish={publish} onClose={close} />
 */
export function PublishLayoutForm(props: {
  suggestedName: string;
  suggestedTitle: string;
  onPublish: (request: PublishRequest) => Promise<void>;
  onClose: () => void;
}) {
  const [name, setName] = useState(props.suggestedName);
  const [title, setTitle] = useState(props.suggestedTitle);
  const [version, setVersion] = useState('1.0.0');
  const [state, setState] = useState<
    { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; ref: string } | { kind: 'failed'; lines: string[] }
  >({ kind: 'idle' });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setState({ kind: 'busy' });
    try {
      await props.onPublish({ name: name.trim(), title: title.trim(), version: version.trim() });
      setState({ kind: 'done', ref: `${name.trim()}@${version.trim()}` });
    } catch (error) {
      setState({ kind: 'failed', lines: errorLines(error) });
    }
  };
  return (
    <form className="publish-form" aria-label="Publish as layout" onSubmit={submit}>
      <h3>Publish this layout</h3>
      <p className="hint">Others can then use it for twins of the same blueprint.</p>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="pump-wall" required />
      </label>
      <label>
        Title
        <input value={title} onChange={(e) => setTitle(e.target.value)} required />
      </label>
      <label>
        Version
        <input value={version} onChange={(e) => setVersion(e.target.value)} placeholder="1.0.0" required />
      </label>
      <div className="publish-actions">
        <button className="button primary" type="submit" disabled={state.kind === 'busy'}>
          {state.kind === 'busy' ? 'Publishing…' : 'Publish'}
        </button>
        <button className="button" type="button" onClick={props.onClose}>
          Close
        </button>
      </div>
      {state.kind === 'done' && (
        <p className="status ok" role="status">
          Published {state.ref} to the layout registry.
        </p>
      )}
      {state.kind === 'failed' && (
        <div className="status error" role="alert">
          {state.lines.map((line, i) => (
            <p key={i}>{line}</p>
          ))}
        </div>
      )}
    </form>
  );
}
