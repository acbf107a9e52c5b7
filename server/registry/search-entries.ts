import { and, arrayContains, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database';
import { registryEntries } from '../db/schema/index';
import { selectSummaries, toSummary } from './entry-views';
import type { EntryKind } from './registry-kinds';
import type { EntrySummary, ListQuery } from './registry-schemas';
import { searchCacheOf } from './search-cache';
import { searchQuery, searchRank, searchWords } from './search-text';

/**
 * Lists a registry's entries with Postgres full-text search: every word of `q` must match as a prefix of a
 * word of the name, title, tags or description ("pum" finds "pump"); results are ranked by relevance (title
 * and tag matches far above description matches), then popularity. Filters: tag, category, usage, owner;
 * deprecated entries are hidden unless asked for. Sorts: relevance (default with q), recent (default without),
 * popular (uses + downloads), name. One narrow query finds the page's ids and the total (a window count), a
 * second reads their summaries; answers are cached briefly (see search-cache.ts).
 * @example const { items, total } = await searchEntries(db, 'blueprint', { q: 'pum', deprecated: 'false', limit: 20, offset: 0 })
 */
export async function searchEntries(
  db: Db,
  kind: EntryKind,
  query: ListQuery,
): Promise<{ items: EntrySummary[]; total: number }> {
  const words = searchWords(query.q);
  const cache = searchCacheOf<{ items: EntrySummary[]; total: number }>(db);
  const key = JSON.stringify([
    kind,
    words,
    query.tag,
    query.usage,
    query.category,
    query.owner,
    query.deprecated,
    query.sort,
    query.limit,
    query.offset,
  ]);
  const cached = cache.get(key);
  if (cached) return cached;
  const result = await searchUncached(db, kind, query, words);
  cache.set(key, result);
  return result;
}

async function searchUncached(
  db: Db,
  kind: EntryKind,
  query: ListQuery,
  words: string[],
): Promise<{ items: EntrySummary[]; total: number }> {
  const e = registryEntries;
  const tsquery = searchQuery(words);
  const conditions: (SQL | undefined)[] = [eq(e.kind, kind)];
  if (tsquery) conditions.push(sql`${e.search} @@ ${tsquery}`);
  if (query.tag) conditions.push(arrayContains(e.tags, [query.tag]));
  if (query.usage) conditions.push(arrayContains(e.usages, [query.usage]));
  if (query.category) conditions.push(eq(e.category, query.category));
  if (query.owner) conditions.push(eq(e.ownerId, query.owner));
  if (query.deprecated === 'false') conditions.push(isNull(e.deprecatedAt));
  if (query.deprecated === 'only') conditions.push(isNotNull(e.deprecatedAt));
  const where = and(...conditions);

  const sort = query.sort ?? (tsquery ? 'relevance' : 'recent');
  const rank = sort === 'relevance' && tsquery ? searchRank(e.search, tsquery) : sql<number>`0`;
  const order =
    sort === 'relevance' && tsquery
      ? sql`m.rank desc, m.popularity desc, m.name asc`
      : sort === 'popular'
        ? sql`m.popularity desc, m.updated_at desc, m.name asc`
        : sort === 'name'
          ? sql`m.name asc`
          : sql`m.updated_at desc, m.name asc`;
  // The narrow inner select (OFFSET 0 keeps it from being merged away) touches only what ordering needs.
  const matches = sql`select ${e.id} as id, ${rank} as rank, ${e.useCount} + ${e.downloadCount} as popularity,
      ${e.name} as name, ${e.updatedAt} as updated_at from ${e} where ${where} offset 0`;
  const page = await db.execute<{ id: string; total: number }>(
    sql`select m.id, count(*) over ()::int as total from (${matches}) m order by ${order} limit ${query.limit} offset ${query.offset}`,
  );
  const rows = [...page] as { id: string; total: number }[];
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && query.offset > 0) {
    const [counted] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from ${e} where ${where}`,
    );
    total = counted?.n ?? 0;
  }
  if (rows.length === 0) return { items: [], total };
  const ids = rows.map((r) => r.id);
  const summaries = await selectSummaries(db).where(inArray(e.id, ids));
  const byId = new Map(summaries.map((s) => [s.id, s]));
  return { items: ids.flatMap((id) => (byId.has(id) ? [toSummary(byId.get(id)!)] : [])), total };
}
