import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { searchQuery, searchWords } from './search-text';

describe('search text', () => {
  it('keeps only letters and digits, lower-cased, so no query syntax reaches to_tsquery', () => {
    expect(searchWords("Pump's  fleet!")).toEqual(['pump', 's', 'fleet']);
    expect(searchWords("a:* & !b | c') -- ; drop table x")).toEqual(['a', 'b', 'c', 'drop', 'table', 'x']);
    expect(searchWords('Café Größe 42')).toEqual(['café', 'größe', '42']);
    expect(searchWords('  !!! ')).toEqual([]);
    expect(searchWords(undefined)).toEqual([]);
  });

  it('uses at most eight words', () => {
    expect(searchWords('a b c d e f g h i j')).toHaveLength(8);
  });

  it('builds no query for no words, and binds each word as a parameter', () => {
    expect(searchQuery([])).toBeNull();
    const { sql, params } = new PgDialect().sqlToQuery(searchQuery(['pum', 'fle'])!);
    expect(params).toEqual(['pum:*', 'pum:*', 'fle:*', 'fle:*']);
    expect(sql).not.toContain('pum');
    expect(sql).toMatch(/to_tsquery\('simple', \$1\) \|\| to_tsquery\('english', \$2\)/);
  });
});
