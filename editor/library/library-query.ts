import type { ListFilters } from '../api/registry-api';
import { ENTRY_KINDS, KIND_INFO, type EntryKind } from '../api/registry-types';

/** How many cards a library page shows. */
export const PAGE_SIZE = 12;

/** What the library shows, as held in its address (so a search can be shared and survives a reload). */
export interface LibraryView {
  kind: EntryKind;
  q: string;
  /** Blueprints: usage; models: task; components: category; layouts: unused. */
  filter: string;
  sort: '' | 'recent' | 'popular' | 'name';
  includeDeprecated: boolean;
  /** 1-based. */
  page: number;
}

/** A choice in the library's filter menu. */
export interface FilterOption {
  value: string;
  label: string;
}

/** The filter each registry supports, in the words the page shows; null when it has none. */
export const FILTERS: Readonly<
  Record<EntryKind, { label: string; param: 'usage' | 'category'; options: FilterOption[] } | null>
> = {
  blueprint: {
    label: 'What it is for',
    param: 'usage',
    options: [
      { value: 'monitor', label: 'Monitor' },
      { value: 'predict', label: 'Predict' },
      { value: 'simulate', label: 'Simulate (what-if)' },
      { value: 'diagnose', label: 'Diagnose' },
      { value: 'optimise', label: 'Optimise' },
    ],
  },
  model: {
    label: 'Task',
    param: 'category',
    options: [
      { value: 'regression', label: 'Regression' },
      { value: 'classification', label: 'Classification' },
      { value: 'anomaly-detection', label: 'Anomaly detection' },
      { value: 'forecasting', label: 'Forecasting' },
      { value: 'clustering', label: 'Clustering' },
      { value: 'other', label: 'Other' },
    ],
  },
  component: {
    label: 'Kind of node',
    param: 'category',
    options: [
      { value: 'source', label: 'Data sources' },
      { value: 'transform', label: 'Transforms' },
      { value: 'model', label: 'Models' },
      { value: 'component', label: 'Panels (charts, maps…)' },
    ],
  },
  layout: null,
};

const SORTS = new Set(['recent', 'popular', 'name']);

/**
 * The registry a library address segment names, or null.
 * @example kindOfSegment('models') // 'model'
 */
export function kindOfSegment(segment: string | undefined): EntryKind | null {
  return ENTRY_KINDS.find((kind) => KIND_INFO[kind].segment === segment) ?? null;
}

/**
 * Reads the library view from the address's query; anything unknown falls back to the default.
 * @example readLibraryView('blueprint', new URLSearchParams('q=pump&page=2'))
 */
export function readLibraryView(kind: EntryKind, params: URLSearchParams): LibraryView {
  const filter = params.get('filter') ?? '';
  const sort = params.get('sort') ?? '';
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return {
    kind,
    q: (params.get('q') ?? '').slice(0, 200),
    filter: FILTERS[kind]?.options.some((o) => o.value === filter) ? filter : '',
    sort: SORTS.has(sort) ? (sort as LibraryView['sort']) : '',
    includeDeprecated: params.get('deprecated') === 'true',
    page: Number.isFinite(page) && page >= 1 ? Math.min(page, 10_000) : 1,
  };
}

/**
 * The address query of a view, leaving out what is the default.
 * @example writeLibraryView({ ...view, q: 'pump', page: 1 }).toString() // 'q=pump'
 */
export function writeLibraryView(view: LibraryView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.q) params.set('q', view.q);
  if (view.filter) params.set('filter', view.filter);
  if (view.sort) params.set('sort', view.sort);
  if (view.includeDeprecated) params.set('deprecated', 'true');
  if (view.page > 1) params.set('page', String(view.page));
  return params;
}

/**
 * The API filters of a view: its page, its words, its filter under the registry's own parameter name.
 * @example toListFilters(readLibraryView('model', new URLSearchParams('filter=regression')))
 * // { q: '', category: 'regression', includeDeprecated: false, limit: 12, offset: 0 }
 */
export function toListFilters(view: LibraryView): ListFilters {
  const filters: ListFilters = {
    q: view.q,
    includeDeprecated: view.includeDeprecated,
    limit: PAGE_SIZE,
    offset: (view.page - 1) * PAGE_SIZE,
  };
  const filter = FILTERS[view.kind];
  if (filter && view.filter) filters[filter.param] = view.filter;
  if (view.sort) filters.sort = view.sort;
  return filters;
}

/**
 * How many results there are and which ones are shown: "2 blueprints" when they fit on one page, else
 * "Showing 13–24 of 30 blueprints"; null when there is nothing.
 * @example resultRange(2, 30, 'blueprints') // 'Showing 13–24 of 30 blueprints'
 */
export function resultRange(page: number, total: number, plural: string): string | null {
  if (total === 0) return null;
  const noun = total === 1 ? plural.replace(/s$/, '') : plural;
  if (page === 1 && total <= PAGE_SIZE) return `${total} ${noun}`;
  const first = (page - 1) * PAGE_SIZE + 1;
  if (first > total) return `No more ${plural} on this page (there are ${total}).`;
  return `Showing ${first}–${Math.min(total, page * PAGE_SIZE)} of ${total} ${noun}`;
}

/**
 * How many pages the results fill.
 * @example pageCount(25) // 3
 */
export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}
