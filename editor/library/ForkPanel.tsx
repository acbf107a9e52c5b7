import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { useSession } from '../account/session';
import { TextField } from '../account/TextField';
import { plainError } from '../api/plain-error';
import { entryPagePath, forkEntry } from '../api/registry-api';
import { KIND_INFO, type EntryKind, type EntrySummary } from '../api/registry-types';
import { suggestForkName } from './fork-name';

type ForkState =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'done'; entry: EntrySummary }
  | { kind: 'failed'; message: string };

/**
 * "Make your own copy": forks an entry under a new name (signed in), and says plainly what happened.
 * @example <ForkPanel kind="blueprint" name="pump-fleet" />
 */
export function ForkPanel({ kind, name }: { kind: EntryKind; name: string }) {
  const { session } = useSession();
  const location = useLocation();
  const word = KIND_INFO[kind].singular;
  const [newName, setNewName] = useState<string | null>(null);
  const [state, setState] = useState<ForkState>({ kind: 'idle' });

  if (session.status !== 'signed-in') {
    return (
      <div className="side-card">
        <h2>Make your own copy</h2>
        <p className="hint">Fork this {word} to change it and publish your own version.</p>
        <Link className="button" to={`/login?next=${encodeURIComponent(location.pathname)}`}>
          Log in to fork
        </Link>
      </div>
    );
  }
  const value = newName ?? suggestForkName(kind, name, session.user.name);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setState({ kind: 'busy' });
    try {
      const published = await forkEntry(kind, name, value.trim());
      setState({ kind: 'done', entry: published.entry });
    } catch (error) {
      setState({ kind: 'failed', message: plainError(error) });
    }
  };
  return (
    <form className="side-card" onSubmit={(e) => void submit(e)} aria-labelledby="fork-title">
      <h2 id="fork-title">Make your own copy</h2>
      <p className="hint">
        A fork is a new {word} of yours that starts as this one; the original does not change.
      </p>
      <TextField
        label="Name of your copy"
        value={value}
        onChange={(e) => setNewName(e.target.value)}
        hint={
          kind === 'component'
            ? 'A scope and a name, e.g. acme/gauge.'
            : 'Lower-case letters, digits and dashes.'
        }
      />
      <button type="submit" className="button" disabled={state.kind === 'busy' || !value.trim()}>
        {state.kind === 'busy' ? 'Forking…' : `Fork this ${word}`}
      </button>
      {state.kind === 'done' && (
        <p className="status ok" role="status">
          Forked. Your copy is <Link to={entryPagePath(kind, state.entry.name)}>{state.entry.name}</Link>.
        </p>
      )}
      {state.kind === 'failed' && (
        <p className="form-failure" role="alert">
          {state.message}
        </p>
      )}
    </form>
  );
}
