import { useId, useState } from 'react';
import { plainError } from '../api/plain-error';
import {
  createShareLink,
  revokeShareLinks,
  setVisibility,
  type ShareLink,
  type Visibility,
} from './deploy-api';
import { VisibilityChoice } from './VisibilityChoice';
import { Trouble, Waiting } from './DeployStates';
import './deploy-wizard.css';

type Busy = null | 'visibility' | 'create' | 'revoke';

/**
 * A twin's sharing: who can open it (saved at once), and its read-only share link: create it (shown once, with a
 * copy button; an earlier link stops working) or turn links off.
 * @example <ShareSettings twinId={twin.id} visibility={twin.visibility} />
 */
export function ShareSettings({
  twinId,
  visibility: initial,
  onVisibilityChange,
}: {
  twinId: string;
  visibility: Visibility;
  onVisibilityChange?: (visibility: Visibility) => void;
}) {
  const [visibility, setShown] = useState<Visibility>(initial);
  const [busy, setBusy] = useState<Busy>(null);
  const [link, setLink] = useState<ShareLink | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<{ title: string; message: string } | null>(null);
  const linkId = useId();

  async function run(what: Exclude<Busy, null>, title: string, action: () => Promise<string>) {
    setBusy(what);
    setError(null);
    setStatus('');
    try {
      setStatus(await action());
    } catch (e) {
      setError({ title, message: plainError(e) });
    } finally {
      setBusy(null);
    }
  }

  const changeVisibility = (next: Visibility) => {
    const before = visibility;
    setShown(next);
    return run('visibility', 'The visibility was not changed', async () => {
      try {
        const saved = await setVisibility(twinId, next);
        setShown(saved.visibility);
        onVisibilityChange?.(saved.visibility);
        return `Saved: the twin is now ${saved.visibility}.`;
      } catch (error) {
        setShown(before);
        throw error;
      }
    });
  };

  async function copy(url: string) {
    try {
      await navigator.clipboard.writeText(url);
      setStatus('Link copied. Paste it into an email or a chat.');
    } catch {
      (document.getElementById(linkId) as HTMLInputElement | null)?.select();
      setStatus('Your browser did not allow copying: the link is selected, press Ctrl+C (⌘C on a Mac).');
    }
  }

  return (
    <section className="dw-card dw-share" aria-label="Share settings">
      <h3>Sharing</h3>
      <VisibilityChoice
        value={visibility}
        onChange={(v) => void changeVisibility(v)}
        disabled={busy !== null}
      />
      <h4>Read-only share link</h4>
      <p className="dw-hint">
        Whoever has the link sees the twin’s live data but cannot change anything. Creating a new link turns
        off the previous one.
      </p>
      {link && (
        <div className="dw-link-row">
          <label className="visually-hidden" htmlFor={linkId}>
            Share link
          </label>
          <input
            id={linkId}
            className="dw-input"
            readOnly
            value={link.url}
            onFocus={(e) => e.target.select()}
          />
          <button type="button" className="dw-button dw-primary" onClick={() => void copy(link.url)}>
            Copy link
          </button>
        </div>
      )}
      <div className="dw-actions">
        <button
          type="button"
          className="dw-button"
          disabled={busy !== null}
          onClick={() =>
            void run('create', 'The share link was not created', async () => {
              setLink(await createShareLink(twinId));
              return 'A new share link is ready. It is shown only now: copy it.';
            })
          }
        >
          {link ? 'Replace the share link' : 'Create a share link'}
        </button>
        <button
          type="button"
          className="dw-button dw-danger"
          disabled={busy !== null}
          onClick={() =>
            void run('revoke', 'The share links were not turned off', async () => {
              await revokeShareLinks(twinId);
              setLink(null);
              return 'Share links turned off: links given out no longer open the twin.';
            })
          }
        >
          Turn off share links
        </button>
      </div>
      {busy && <Waiting>Saving…</Waiting>}
      {status && !busy && (
        <p className="dw-note dw-done" role="status">
          {status}
        </p>
      )}
      {error && <Trouble title={error.title} message={error.message} />}
    </section>
  );
}
