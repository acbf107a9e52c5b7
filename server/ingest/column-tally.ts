import { fitsForInference, type ColumnType } from './column-types';

/** Inferable types in order of preference: the first one every value fits wins, else text. */
const CANDIDATES = ['int8', 'float8', 'bool', 'date', 'timestamptz'] as const;
const EXAMPLES = 3;

/**
 * Infers one column's type from all of its values, one at a time (nothing is kept but a few examples): the
 * narrowest of int8 → float8, bool, date → timestamptz that every non-blank value fits, else text. Blank
 * values are nulls and fit every type; a column with no values at all is text.
 * @example
 * const tally = new ColumnTally() for (const value of ['1', '', '2.5']) tally.add(value) tally.type //
 * 'float8'; tally.nullable // true
 */
export class ColumnTally {
  private readonly candidates = new Set<(typeof CANDIDATES)[number]>(CANDIDATES);
  nulls = 0;
  values = 0;
  readonly examples: string[] = [];

  /** Counts one value (undefined when the row was too short to have it). */
  add(raw: string | undefined): void {
    if (raw === undefined || raw.trim() === '') {
      this.nulls++;
      return;
    }
    this.values++;
    if (this.examples.length < EXAMPLES && !this.examples.includes(raw)) this.examples.push(raw);
    for (const type of this.candidates) {
      if (!fitsForInference(raw, type)) this.candidates.delete(type);
    }
  }

  /** The inferred type. */
  get type(): ColumnType {
    if (this.values === 0) return 'text';
    return CANDIDATES.find((type) => this.candidates.has(type)) ?? 'text';
  }

  /** Whether some value was blank or missing. */
  get nullable(): boolean {
    return this.nulls > 0;
  }
}
