import { Link } from 'react-router';
import { useRequest } from '../api/use-request';
import { listDrafts } from '../drafts/drafts-api';
import { formatDate } from '../library/document-views';
import { Empty, Failure, Loading } from '../shell/PageStates';

/**
 * The signed-in user's draft blueprints, latest change first, each opening in the editor.
 * @example <MyDrafts />
 */
export function MyDrafts() {
  const { state, reload } = useRequest(() => listDrafts().then((r) => r.drafts), []);
  return (
    <section className="detail-section" aria-labelledby="my-drafts">
      <div className="section-heading">
        <h2 id="my-drafts">My drafts</h2>
        <Link className="button" to="/editor">
          New blueprint
        </Link>
      </div>
      {state.status === 'loading' && <Loading what="your drafts" />}
      {state.status === 'error' && (
        <Failure title="Your drafts could not be loaded" message={state.message} onRetry={reload} />
      )}
      {state.status === 'ready' && state.data.length === 0 && (
        <Empty title="No drafts">
          A draft is a blueprint you are still building: press Save draft in the editor to keep one here.
        </Empty>
      )}
      {state.status === 'ready' && state.data.length > 0 && (
        <ul className="twin-list" aria-label="My drafts">
          {state.data.map((draft) => (
            <li key={draft.id} className="twin-card">
              <h3>
                <Link to={`/editor/${draft.id}`}>{draft.title}</Link>
              </h3>
              <p className="entry-meta">
                <span>changed {formatDate(draft.updatedAt)}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
