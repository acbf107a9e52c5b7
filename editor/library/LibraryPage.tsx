import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, NavLink, useParams, useSearchParams } from 'react-router';
import { listEntries } from '../api/registry-api';
import { ENTRY_KINDS, KIND_INFO, type EntryKind } from '../api/registry-types';
import { useRequest } from '../api/use-request';
import { Empty, Failure, Loading, NotFoundPage } from '../shell/PageStates';
import { usePageTitle } from '../shell/page-title';
import { EntryCard } from './EntryCard';
import {
  FILTERS,
  kindOfSegment,
  pageCount,
  readLibraryView,
  resultRange,
  toListFilters,
  writeLibraryView,
  type LibraryView,
} from './library-query';
import { useDebouncedValue } from './use-debounced-value';

const INTRO: Record<EntryKind, string> = {
  blueprint: 'Ready-made twins: pick one, connect your data, and get a live dashboard.',
  model: 'Trained models that blueprints use to predict, classify and flag unusual readings.',
  component: 'The building blocks of blueprints: data sources, transforms, models and panels.',
  layout: 'Dashboard arrangements that others saved for a blueprint.',
};

/**
 * One registry of the library at /library/<blueprints|models|components|layouts>: tabs for the four registries,
 * search as you type, the registry's filter, sorting and pages; everything is kept in the address.
 * @example <Route path="/library/:segment" element={<LibraryPage />} />
 */
export function LibraryPage() {
  const { segment } = useParams();
  const kind = kindOfSegment(segment);
  if (!kind)
    return (
      <NotFoundPage what="There is no such part of the library. It has blueprints, models, components and layouts." />
    );
  return <RegistryList key={kind} kind={kind} />;
}

function RegistryList({ kind }: { kind: EntryKind }) {
  const info = KIND_INFO[kind];
  usePageTitle(`${info.title} · Library`);
  const [params, setParams] = useSearchParams();
  const view = readLibraryView(kind, params);
  // Typing replaces the history entry (one entry per search, not per keystroke); other changes add one.
  const update = (change: Partial<LibraryView>) =>
    setParams(writeLibraryView({ ...view, page: 1, ...change }), {
      replace: Object.keys(change).join() === 'q',
    });

  const [typed, setTyped] = useState(view.q);
  const words = useDebouncedValue(typed, 300);
  const shown = useRef(view.q);
  useEffect(() => {
    // The address changed by itself (back button, a link): show its words.
    if (view.q !== shown.current) {
      shown.current = view.q;
      setTyped(view.q);
    }
  }, [view.q]);
  useEffect(() => {
    if (words !== shown.current) {
      shown.current = words;
      update({ q: words });
    }
    // Only a change of the typed words searches; `update` is a new function on every render.
  }, [words]);
  const searchNow = (event: FormEvent) => {
    event.preventDefault();
    shown.current = typed;
    update({ q: typed });
  };

  const query = writeLibraryView(view).toString();
  const { state, reload } = useRequest(() => listEntries(kind, toListFilters(view)), [kind, query]);
  const filter = FILTERS[kind];
  const tabQuery = view.q ? `?q=${encodeURIComponent(view.q)}` : '';

  return (
    <section className="page library">
      <header className="page-heading">
        <h1>Library</h1>
        <p className="lead">Find what others have published, and use it on your own data.</p>
      </header>
      <nav className="tabs" aria-label="Registries">
        {ENTRY_KINDS.map((k) => (
          <NavLink key={k} to={`/library/${KIND_INFO[k].segment}${tabQuery}`} className="tab">
            {KIND_INFO[k].title}
          </NavLink>
        ))}
      </nav>
      <p className="hint">{INTRO[kind]}</p>
      <form className="library-controls" role="search" onSubmit={searchNow}>
        <div className="form-field search-field">
          <label htmlFor="library-search">Search {info.plural}</label>
          <input
            id="library-search"
            type="search"
            value={typed}
            placeholder={`Words in a ${info.singular}'s name, title or description`}
            onChange={(e) => setTyped(e.target.value)}
          />
        </div>
        {filter && (
          <div className="form-field">
            <label htmlFor="library-filter">{filter.label}</label>
            <select
              id="library-filter"
              value={view.filter}
              onChange={(e) => update({ filter: e.target.value })}
            >
              <option value="">All</option>
              {filter.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="form-field">
          <label htmlFor="library-sort">Sort by</label>
          <select
            id="library-sort"
            value={view.sort}
            onChange={(e) => update({ sort: e.target.value as LibraryView['sort'] })}
          >
            <option value="">{view.q ? 'Best match' : 'Newest first'}</option>
            <option value="recent">Recently updated</option>
            <option value="popular">Most used</option>
            <option value="name">Name</option>
          </select>
        </div>
        <label className="check-field">
          <input
            type="checkbox"
            checked={view.includeDeprecated}
            onChange={(e) => update({ includeDeprecated: e.target.checked })}
          />
          Show deprecated {info.plural}
        </label>
      </form>

      {state.status === 'loading' && <Loading what={info.plural} />}
      {state.status === 'error' && (
        <Failure title={`The ${info.plural} could not be loaded`} message={state.message} onRetry={reload} />
      )}
      {state.status === 'ready' && state.data.items.length === 0 && (
        <Empty
          title={view.q || view.filter ? `No ${info.plural} match` : `No ${info.plural} yet`}
          action={
            view.q || view.filter ? (
              <button
                type="button"
                className="button"
                onClick={() => {
                  shown.current = '';
                  setTyped('');
                  update({ q: '', filter: '' });
                }}
              >
                Clear the search
              </button>
            ) : kind === 'blueprint' ? (
              <Link className="button primary" to="/editor">
                Build a blueprint
              </Link>
            ) : undefined
          }
        >
          {view.q || view.filter
            ? 'Try fewer or other words, or clear the filter.'
            : `Nobody has published a ${info.singular} yet.`}
        </Empty>
      )}
      {state.status === 'ready' && state.data.items.length > 0 && (
        <>
          <p className="result-count" role="status">
            {resultRange(view.page, state.data.total, info.plural)}
          </p>
          <ul className="entry-grid" aria-label={`${info.title} found`}>
            {state.data.items.map((entry) => (
              <li key={entry.name}>
                <EntryCard entry={entry} />
              </li>
            ))}
          </ul>
          <Pager page={view.page} pages={pageCount(state.data.total)} onPage={(page) => update({ page })} />
        </>
      )}
    </section>
  );
}

function Pager({ page, pages, onPage }: { page: number; pages: number; onPage(page: number): void }) {
  if (pages <= 1 && page <= 1) return null;
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" className="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        ← Previous
      </button>
      <span>
        Page {page} of {pages}
      </span>
      <button type="button" className="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Next →
      </button>
    </nav>
  );
}
