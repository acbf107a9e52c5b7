import { Link } from 'react-router';
import type { Account } from '../api/account-api';
import { listEntries } from '../api/registry-api';
import { ENTRY_KINDS, type EntrySummary } from '../api/registry-types';
import { listMyTwins } from '../api/twins-api';
import { useRequest } from '../api/use-request';
import { useSession } from '../account/session';
import { EntryCard } from '../library/EntryCard';
import { Empty, Failure, Loading } from '../shell/PageStates';
import { TwinCard } from './TwinCard';
import { usePageTitle } from '../shell/page-title';
import { MyDrafts } from './MyDrafts';
import { LiveTwins } from './PublicTwins';

const VISIBILITY: Record<string, string> = {
  private: 'Only you',
  unlisted: 'Anyone with the link',
  public: 'Public',
};

/**
 * The home page: for a visitor, what ProjectTwin does and where to start; for a signed-in user, their twins and
 * what they have published.
 * @example <Route path="/" element={<HomePage />} />
 */
export function HomePage() {
  const { session } = useSession();
  usePageTitle(session.status === 'signed-in' ? 'My twins' : '');
  if (session.status === 'loading') return <Loading what="your account" />;
  if (session.status === 'signed-out') return <Welcome problem={session.problem} />;
  return <MyHome user={session.user} />;
}

function Welcome({ problem }: { problem?: string }) {
  return (
    <section className="page welcome">
      {problem && (
        <div className="notice warning" role="alert">
          Your account could not be checked: {problem}
        </div>
      )}
      <div className="hero">
        <h1>Digital twins of your equipment, without the specialists</h1>
        <p className="lead">
          Pick a ready-made blueprint, connect it to your own data, and get a live dashboard you can share, in
          minutes and without writing code.
        </p>
        <p className="hero-actions">
          <Link className="button primary" to="/library/blueprints">
            Browse the blueprints
          </Link>
          <Link className="button" to="/signup">
            Create a free account
          </Link>
          <span className="hint">
            Already have one? <Link to="/login">Log in</Link>
          </span>
        </p>
      </div>
      <ol className="steps" aria-label="How it works">
        <li>
          <h2>1. Pick a blueprint</h2>
          <p>Each blueprint is a use case: monitoring pumps, predicting failures, simulating a change…</p>
        </li>
        <li>
          <h2>2. Connect your data</h2>
          <p>Use the demo data, one of your databases, or a CSV file, and match your columns.</p>
        </li>
        <li>
          <h2>3. Watch it live</h2>
          <p>Your twin updates as new data arrives. Share a read-only link with your team.</p>
        </li>
      </ol>
      <LiveTwins />
    </section>
  );
}

function MyHome({ user }: { user: Account }) {
  return (
    <section className="page home">
      <header className="page-heading">
        <h1>Hello, {user.name}</h1>
        <p className="lead">Your twins, your drafts and what you have published.</p>
      </header>
      <MyTwins />
      <MyDrafts />
      <MyEntries userId={user.id} />
      <LiveTwins />
    </section>
  );
}

function MyTwins() {
  const { state, reload } = useRequest(() => listMyTwins(), []);
  return (
    <section className="detail-section" aria-labelledby="my-twins">
      <div className="section-heading">
        <h2 id="my-twins">My twins</h2>
        <Link className="button" to="/library/blueprints">
          New twin from a blueprint
        </Link>
      </div>
      {state.status === 'loading' && <Loading what="your twins" />}
      {state.status === 'error' && (
        <Failure title="Your twins could not be loaded" message={state.message} onRetry={reload} />
      )}
      {state.status === 'ready' && state.data.length === 0 && (
        <Empty
          title="You have no twins yet"
          action={
            <Link className="button primary" to="/library/blueprints">
              Find a blueprint
            </Link>
          }
        >
          A twin is a blueprint running on your data. Pick a blueprint in the library and use it.
        </Empty>
      )}
      {state.status === 'ready' && state.data.length > 0 && (
        <ul className="twin-list" aria-label="My twins">
          {state.data.map((twin) => (
            <TwinCard key={twin.id} twin={twin} detail={VISIBILITY[twin.visibility] ?? twin.visibility} />
          ))}
        </ul>
      )}
    </section>
  );
}

async function listMine(owner: string): Promise<EntrySummary[]> {
  const lists = await Promise.all(
    ENTRY_KINDS.map((kind) =>
      listEntries(kind, { owner, includeDeprecated: true, sort: 'recent', limit: 100 }),
    ),
  );
  return lists.flatMap((list) => list.items);
}

function MyEntries({ userId }: { userId: string }) {
  const { state, reload } = useRequest(() => listMine(userId), [userId]);
  return (
    <section className="detail-section" aria-labelledby="my-entries">
      <div className="section-heading">
        <h2 id="my-entries">Published by me</h2>
        <Link className="button" to="/editor">
          Build a blueprint
        </Link>
      </div>
      {state.status === 'loading' && <Loading what="what you published" />}
      {state.status === 'error' && (
        <Failure title="What you published could not be loaded" message={state.message} onRetry={reload} />
      )}
      {state.status === 'ready' && state.data.length === 0 && (
        <Empty title="You have published nothing yet">
          Blueprints, models, components and layouts you publish, or fork from the library, appear here.
        </Empty>
      )}
      {state.status === 'ready' && state.data.length > 0 && (
        <ul className="entry-grid" aria-label="Published by me">
          {state.data.map((entry) => (
            <li key={`${entry.kind}:${entry.name}`}>
              <EntryCard entry={entry} showKind />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
