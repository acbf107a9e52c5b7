import { apiRequest } from '../twin/api-client';
import {
  KIND_INFO,
  type EntryDetail,
  type EntryKind,
  type EntryList,
  type Published,
  type VersionDocument,
} from './registry-types';

/** The filters a registry list accepts (see the list routes in server/registry/read-routes.ts). */
export interface ListFilters {
  /** Words to search for. */
  q?: string;
  /** Blueprints: one of the five usages. */
  usage?: string;
  /** Models: their task; components: source, transform, model or component. */
  category?: string;
  /** Whose entries (a user id). */
  owner?: string;
  /** Include deprecated entries too. */
  includeDeprecated?: boolean;
  sort?: 'relevance' | 'recent' | 'popular' | 'name';
  limit?: number;
  offset?: number;
}

/**
 * The API path of an entry. Components are named scope/name, which the API spells as two path segments.
 * @example entryApiPath('component', 'core/chart.line') // '/api/components/core/chart.line'
 */
export function entryApiPath(kind: EntryKind, name: string): string {
  return `/api/${KIND_INFO[kind].segment}/${encodeName(name)}`;
}

/**
 * The library page of an entry.
 * @example entryPagePath('blueprint', 'pump-fleet') // '/library/blueprints/pump-fleet'
 */
export function entryPagePath(kind: EntryKind, name: string): string {
  return `/library/${KIND_INFO[kind].segment}/${encodeName(name)}`;
}

function encodeName(name: string): string {
  return name.split('/').map(encodeURIComponent).join('/');
}

/**
 * The query string of a list request; empty filters are left out.
 * @example listQueryString({ q: 'pump', limit: 12 }) // 'q=pump&limit=12'
 */
export function listQueryString(filters: ListFilters): string {
  const params = new URLSearchParams();
  const q = filters.q?.trim();
  if (q) params.set('q', q);
  if (filters.usage) params.set('usage', filters.usage);
  if (filters.category) params.set('category', filters.category);
  if (filters.owner) params.set('owner', filters.owner);
  if (filters.includeDeprecated) params.set('deprecated', 'true');
  if (filters.sort) params.set('sort', filters.sort);
  if (filters.limit !== undefined) params.set('limit', String(filters.limit));
  if (filters.offset) params.set('offset', String(filters.offset));
  return params.toString();
}

/**
 * One page of a registry, searched and filtered.
 * @example const { items, total } = await listEntries('blueprint', { q: 'pump', limit: 12 })
 */
export function listEntries(kind: EntryKind, filters: ListFilters = {}): Promise<EntryList> {
  const query = listQueryString(filters);
  return apiRequest<EntryList>('GET', `/api/${KIND_INFO[kind].segment}${query ? `?${query}` : ''}`);
}

/**
 * An entry's page: latest document, versions, and the entries that use it.
 * @example const model = await getEntry('model', 'pump-rul')
 */
export function getEntry(kind: EntryKind, name: string): Promise<EntryDetail> {
  return apiRequest<EntryDetail>('GET', entryApiPath(kind, name));
}

/**
 * One exact version with its document.
 * @example const { document } = await getVersion('blueprint', 'pump-fleet', '1.2.0')
 */
export function getVersion(kind: EntryKind, name: string, version: string): Promise<VersionDocument> {
  return apiRequest<VersionDocument>(
    'GET',
    `${entryApiPath(kind, name)}/versions/${encodeURIComponent(version)}`,
  );
}

/**
 * Forks an entry under a new name owned by the signed-in user.
 * @example const { entry } = await forkEntry('blueprint', 'pump-fleet', 'my-pumps')
 */
export function forkEntry(kind: EntryKind, name: string, newName: string): Promise<Published> {
  return apiRequest<Published>('POST', `${entryApiPath(kind, name)}/fork`, { name: newName });
}
