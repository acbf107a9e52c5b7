import { and, arrayContains, asc, count, desc, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database';
import { registryEntries } from '../db/schema/index';
import { selectSummaries, toSummary } from './entry-views';
import type { EntryKind } from './registry-kinds';
import type { EntrySummary, ListQuery } from './registry-schemas';
import { searchQuery, searchRank, searchWords } from './search-text';

/**
 * Lists a registry's entries with Postgres full-text search: every word of `q` must match as a prefix of a
 * word of the name, title, tags or description ("pum" finds "pump"); results are ranked by relevance (title
 * and tag matches far above description matches), then popularity. Filters: tag, category, usage, owner;
 * deprecated entries are hidden unless asked for. Sorts: relevance (default with q), recent (default without),
 * popular (uses + downloads), name.
 * @example const { items, total } = await searchEntries(db, 'blueprint', { q: 'pum', deprecated: 'false', limit: 20, offset: 0 })
 */
export async function searchEntries(
  db: Db,
  kind: EntryKind,
  query: ListQuery,
): Promise<{ items: EntrySummary[]; total: number }> {
  const e = registryEntries;
  const tsquery = searchQuery(searchWords(query.q));
  const conditions: (SQL | undefined)[] = [eq(e.kind, kind)];
  if (tsquery) conditions.push(sql`${e.search} @@ ${tsquery}`);
  if (query.tag) conditions.push(arrayContains(e.tags, [query.tag]));
  if (query.usage) conditions.push(arrayContains(e.usages, [query.usage]));
  if (query.category) conditions.push(eq(e.category, query.category));
  if (query.owner) conditions.push(eq(e.ownerId, query.owner));
  if (query.deprecated === 'false') conditions.push(isNull(e.deprecatedAt));
  if (query.deprecated === 'only') conditions.push(isNotNull(e.deprecatedAt));
  const where = and(...conditions);

  const popularity = sql`${e.useCount} + ${e.downloadCount}`;
  const sort = query.sort ?? (tsquery ? 'relevance' : 'recent');
  const order: SQL[] =
    sort === 'relevance' && tsquery
      ? [desc(searchRank(e.search, tsquery)), desc(popularity), asc(e.name)]
      : sort === 'popular'
        ? [desc(popularity), desc(e.updatedAt), asc(e.name)]
        : sort === 'name'
          ? [asc(e.name)]
          : [desc(e.updatedAt), asc(e.name)];

  const [rows, [{ total }]] = await Promise.all([
    selectSummaries(db)
      .where(where)
      .orderBy(...order)
      .limit(query.limit)
      .offset(query.offset),
    db.select({ total: count() }).from(e).where(where),
  ]);
  return { items: rows.map(toSummary), total };
}
