import type { Db } from '../db/database';

/** A search answer: one page of summaries and the total. */
type Answer = { items: unknown[]; total: number };

const TTL_MS = 30_000;
const MAX_ENTRIES = 1_000;

/**
 * A small cache of registry search answers, per database. Searches are read far more often than entries change:
 * any successful change to a registry entry clears it (see registryRoutes), and each answer lives at most 30 s,
 * so use and download counts shown in lists may lag by that much, and another server process sharing the
 * database sees new entries within 30 s. PROJECTTWIN_SEARCH_CACHE=off turns it off (benchmarks measure both).
 */
export class SearchCache<T extends Answer = Answer> {
  private readonly answers = new Map<string, { at: number; value: T }>();

  get(key: string): T | undefined {
    if (process.env.PROJECTTWIN_SEARCH_CACHE === 'off') return undefined;
    const hit = this.answers.get(key);
    if (!hit) return undefined;
    if (Date.now() - hit.at > TTL_MS) {
      this.answers.delete(key);
      return undefined;
    }
    // Refresh its place: the Map's order is the eviction order.
    this.answers.delete(key);
    this.answers.set(key, hit);
    return hit.value;
  }

  set(key: string, value: T): void {
    this.answers.set(key, { at: Date.now(), value });
    if (this.answers.size > MAX_ENTRIES) this.answers.delete(this.answers.keys().next().value!);
  }

  clear(): void {
    this.answers.clear();
  }
}

const caches = new WeakMap<Db, SearchCache>();

/**
 * The search cache of a database connection (created on first use).
 * @example searchCacheOf(db).clear()
 */
export function searchCacheOf<T extends Answer>(db: Db): SearchCache<T> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new SearchCache();
    caches.set(db, cache);
  }
  return cache as unknown as SearchCache<T>;
}
