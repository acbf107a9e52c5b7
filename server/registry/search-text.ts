import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/** The searchable text of an entry. */
export interface SearchableText {
  name: string;
  title: string;
  tags: readonly string[];
  description: string;
}

const MAX_WORDS = 8;

/**
 * The weighted tsvector stored in `registry_entries.search`: name, title and tags weigh A, the description B.
 * Text goes in twice, through the `simple` configuration (exact words, for prefixes such as "pum") and the
 * `english` one (stems, so "pumping" finds "pumps"). Every value is a bound parameter.
 * @example db.update(registryEntries).set({ search: searchVector(meta) })
 */
export function searchVector(text: SearchableText): SQL {
  const nameWords = `${text.name} ${text.name.replace(/[^a-z0-9]+/gi, ' ')}`;
  const tags = text.tags.join(' ');
  return sql`(
    setweight(to_tsvector('simple', ${nameWords}), 'A') ||
    setweight(to_tsvector('simple', ${text.title}), 'A') ||
    setweight(to_tsvector('english', ${text.title}), 'A') ||
    setweight(to_tsvector('simple', ${tags}), 'A') ||
    setweight(to_tsvector('simple', ${text.description}), 'B') ||
    setweight(to_tsvector('english', ${text.description}), 'B')
  )`;
}

/**
 * The words of a search, lower-cased, reduced to letters and digits (so no query syntax gets through), at most
 * eight.
 * @example searchWords("Pump's  fleet!") // ['pump', 's', 'fleet']
 */
export function searchWords(q: string | undefined): string[] {
  if (!q) return [];
  return (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_WORDS);
}

/**
 * A tsquery matching entries that contain every word as a prefix (simple or english form), or null for no
 * words. Each word is a bound parameter, never SQL text.
 * @example const query = searchQuery(searchWords('pum fle')) // ('pum':* | ...) & ('fle':* | ...)
 */
export function searchQuery(words: readonly string[]): SQL | null {
  if (words.length === 0) return null;
  const terms = words.map(
    (word) => sql`(to_tsquery('simple', ${`${word}:*`}) || to_tsquery('english', ${`${word}:*`}))`,
  );
  return sql`(${sql.join(terms, sql` && `)})`;
}

/**
 * The relevance of an entry for a query: ts_rank over the weighted vector, with title-class (A) matches far
 * above description (B) matches, so that one title hit beats several description hits. (ts_rank rather than
 * cover density: a quarter of the cost per row, the same order for single-word searches.)
 * @example orderBy(desc(searchRank(search, query)))
 */
export function searchRank(vector: SQLWrapper, query: SQL): SQL<number> {
  return sql<number>`ts_rank('{0.01, 0.02, 0.1, 1.0}'::float4[], ${vector}, ${query})`;
}
