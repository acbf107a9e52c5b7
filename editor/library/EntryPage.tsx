import { Link, useParams } from 'react-router';
import { entryPagePath, getEntry } from '../api/registry-api';
import { KIND_INFO, type EntryDetail, type EntryKind } from '../api/registry-types';
import { useRequest } from '../api/use-request';
import { Empty, Failure, Loading, NotFoundPage } from '../shell/PageStates';
import { usePageTitle } from '../shell/page-title';
import { BlueprintInputs } from './BlueprintInputs';
import { ComponentPorts } from './ComponentPorts';
import { formatBytes, formatDate } from './document-views';
import { EntryCard } from './EntryCard';
import { ForkPanel } from './ForkPanel';
import { kindOfSegment } from './library-query';
import { ModelCardView } from './ModelCardView';

/**
 * The page of one registry entry at /library/<kind>/<name> (components: /library/components/<scope>/<name>):
 * description, what it needs or its model card, versions, which entries use it, and what to do with it.
 * @example <Route path="/library/:segment/:name" element={<EntryPage />} />
 */
export function EntryPage() {
  const { segment, scope, name = '' } = useParams();
  const kind = kindOfSegment(segment);
  if (!kind || (kind === 'component') !== (scope !== undefined)) return <NotFoundPage />;
  const fullName = scope === undefined ? name : `${scope}/${name}`;
  return <EntryLoader key={`${kind}:${fullName}`} kind={kind} name={fullName} />;
}

function EntryLoader({ kind, name }: { kind: EntryKind; name: string }) {
  const { state, reload } = useRequest(() => getEntry(kind, name), [kind, name]);
  const info = KIND_INFO[kind];
  usePageTitle(state.status === 'ready' ? state.data.title : info.title);
  if (state.status === 'loading') return <Loading what={`the ${info.singular}`} />;
  if (state.status === 'error') {
    return (
      <section className="page narrow">
        <Failure
          title={
            state.notFound
              ? `This ${info.singular} is not in the library`
              : `The ${info.singular} could not be loaded`
          }
          message={state.message}
          onRetry={state.notFound ? undefined : reload}
        >
          <p>
            <Link to={`/library/${info.segment}`}>Browse all {info.plural}</Link>
          </p>
        </Failure>
      </section>
    );
  }
  return <EntryDetailView detail={state.data} />;
}

function EntryDetailView({ detail }: { detail: EntryDetail }) {
  const info = KIND_INFO[detail.kind];
  return (
    <article className="page entry-page">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to="/library">Library</Link> <span aria-hidden="true">›</span>{' '}
        <Link to={`/library/${info.segment}`}>{info.title}</Link> <span aria-hidden="true">›</span>{' '}
        <span aria-current="page">{detail.title}</span>
      </nav>
      <header className="entry-header">
        {detail.thumbnail && <img className="entry-picture" src={detail.thumbnail} alt="" />}
        <div>
          <h1>{detail.title}</h1>
          <p className="entry-facts">
            <code>{detail.name}</code>
            <span>version {detail.latestVersion}</span>
            <span>by {detail.owner.name}</span>
            <span>updated {formatDate(detail.updatedAt)}</span>
            {detail.forkedFrom && (
              <span>
                forked from{' '}
                <Link to={entryPagePath(detail.kind, detail.forkedFrom.name)}>
                  {detail.forkedFrom.name} {detail.forkedFrom.version}
                </Link>
              </span>
            )}
          </p>
          {detail.usages.length > 0 && (
            <p className="tag-list">
              <span className="visually-hidden">What it is for: </span>
              {detail.usages.map((u) => (
                <span key={u} className="badge usage-badge">
                  {u}
                </span>
              ))}
            </p>
          )}
        </div>
      </header>
      {detail.deprecated && (
        <div className="notice warning" role="note">
          <strong>Deprecated</strong> since {formatDate(detail.deprecated.at)}. {detail.deprecated.message}
        </div>
      )}
      <div className="entry-layout">
        <div className="entry-main">
          <section className="detail-section" aria-labelledby="about-title">
            <h2 id="about-title">About</h2>
            <p className="description">
              {detail.description || `The publisher wrote no description of this ${info.singular}.`}
            </p>
          </section>
          {detail.kind === 'blueprint' && (
            <section className="detail-section" aria-labelledby="needs-title">
              <h2 id="needs-title">The data it needs</h2>
              <p className="hint">When you use this blueprint, you connect each of these to your own data.</p>
              <BlueprintInputs document={detail.document} />
            </section>
          )}
          {detail.kind === 'model' && <ModelCardView detail={detail} />}
          {detail.kind === 'component' && <ComponentPorts manifest={detail.document} />}
          <VersionsTable detail={detail} />
          {/* Only blueprints depend on other entries, so a blueprint is never "used by" one: it is deployed. */}
          {detail.kind !== 'blueprint' && (
            <section className="detail-section" aria-labelledby="used-by-title">
              <h2 id="used-by-title">Blueprints that use it</h2>
              {detail.usedBy.length === 0 ? (
                <Empty title={`Nothing in the library uses this ${info.singular} yet`}>
                  Blueprints whose latest version uses this {info.singular} appear here.
                </Empty>
              ) : (
                <ul className="entry-grid compact" aria-label={`Entries that use this ${info.singular}`}>
                  {detail.usedBy.map((entry) => (
                    <li key={`${entry.kind}:${entry.name}`}>
                      <EntryCard entry={entry} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
          )}
        </div>
        <aside className="entry-aside" aria-label="What you can do">
          {detail.kind === 'blueprint' && (
            <div className="side-card">
              <h2>Use it on your data</h2>
              <p className="hint">Connect your data to its inputs and get a live dashboard.</p>
              <Link
                className="button primary wide"
                to={`/deploy/${encodeURIComponent(detail.name)}/${encodeURIComponent(detail.latestVersion)}`}
              >
                Use this blueprint
              </Link>
            </div>
          )}
          <ForkPanel kind={detail.kind} name={detail.name} />
          <div className="side-card">
            <h2>In numbers</h2>
            <dl className="facts compact">
              <dt>Used</dt>
              <dd>{detail.useCount === 1 ? 'once' : `${detail.useCount} times`}</dd>
              <dt>Downloaded</dt>
              <dd>{detail.downloadCount === 1 ? 'once' : `${detail.downloadCount} times`}</dd>
              <dt>First published</dt>
              <dd>{formatDate(detail.createdAt)}</dd>
            </dl>
          </div>
        </aside>
      </div>
    </article>
  );
}

function VersionsTable({ detail }: { detail: EntryDetail }) {
  const files = detail.versions.some((v) => v.artifact);
  return (
    <section className="detail-section" aria-labelledby="versions-title">
      <h2 id="versions-title">Versions</h2>
      <table className="data-table">
        <caption className="visually-hidden">Versions, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Published</th>
            {files && <th scope="col">File</th>}
          </tr>
        </thead>
        <tbody>
          {detail.versions.map((v) => (
            <tr key={v.version}>
              <th scope="row">
                {v.version}
                {v.version === detail.latestVersion && (
                  <>
                    {' '}
                    <span className="badge version-badge">latest</span>
                  </>
                )}
              </th>
              <td>{formatDate(v.publishedAt)}</td>
              {files && (
                <td>
                  {v.artifact ? (
                    <a href={v.artifact.url} download>
                      Download ({formatBytes(v.artifact.bytes)})
                    </a>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
