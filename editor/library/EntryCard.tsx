import { Link } from 'react-router';
import { entryPagePath } from '../api/registry-api';
import { KIND_INFO, type EntrySummary } from '../api/registry-types';

/**
 * A registry entry in a list: picture, title (a link to its page), description, owner, latest version, and a
 * badge when it is deprecated; `showKind` names the registry too (for lists that mix them).
 * @example <EntryCard entry={entry} showKind />
 */
export function EntryCard({ entry, showKind = false }: { entry: EntrySummary; showKind?: boolean }) {
  const href = entryPagePath(entry.kind, entry.name);
  return (
    <article className={entry.deprecated ? 'entry-card deprecated' : 'entry-card'}>
      <div className="entry-thumb" aria-hidden="true">
        {entry.thumbnail ? (
          <img src={entry.thumbnail} alt="" loading="lazy" />
        ) : (
          <span className={`entry-glyph glyph-${entry.kind}`}>{entry.title.slice(0, 1).toUpperCase()}</span>
        )}
      </div>
      <div className="entry-body">
        <h3 className="entry-title">
          <Link to={href}>{entry.title}</Link>
        </h3>
        <p className="entry-name">
          <code>{entry.name}</code>
        </p>
        <p className="entry-description">
          {entry.description || `No description was given for this ${KIND_INFO[entry.kind].singular}.`}
        </p>
        <p className="entry-meta">
          {showKind && <span className="badge">{KIND_INFO[entry.kind].singular}</span>}
          <span>by {entry.owner.name}</span>
          <span>
            <span className="visually-hidden">latest version </span>v{entry.latestVersion}
          </span>
          {entry.useCount > 0 && (
            <span>{entry.useCount === 1 ? 'used once' : `used ${entry.useCount} times`}</span>
          )}
          {entry.deprecated && <span className="badge badge-warning">Deprecated</span>}
        </p>
      </div>
    </article>
  );
}
