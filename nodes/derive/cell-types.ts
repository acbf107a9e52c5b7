import type { Value } from '../../runtime/engine/node-api';

/** The column types a derive formula can produce (as in the manifest). */
export type DerivedType = 'float8' | 'int8' | 'bool' | 'text' | 'timestamptz';

/** Marks a result that does not fit its column's type. */
export const UNFIT = Symbol('unfit');

/**
 * Turns a formula's result into a cell of the column's declared type: numbers stay numbers (int8 rounds to the
 * nearest whole number, true/false become 1/0), bool takes true/false or a number (0 is false), text takes
 * anything (lists and objects as JSON), timestamptz takes epoch ms or a date text. Null stays null. Returns
 * UNFIT when the result cannot be such a cell (NaN, Infinity, a word where a number is needed, a missing name).
 * @example toCell(2.6, 'int8') // 3
 * @example toCell('x', 'float8') // UNFIT
 */
export function toCell(result: Value | undefined, type: DerivedType): Value | typeof UNFIT {
  if (result === null) return null;
  if (result === undefined) return UNFIT;
  switch (type) {
    case 'float8':
    case 'int8': {
      const n = typeof result === 'number' ? result : typeof result === 'boolean' ? Number(result) : NaN;
      if (!Number.isFinite(n)) return UNFIT;
      return type === 'int8' ? Math.round(n) : n;
    }
    case 'bool':
      if (typeof result === 'boolean') return result;
      if (typeof result === 'number' && !Number.isNaN(result)) return result !== 0;
      return UNFIT;
    case 'text':
      if (typeof result === 'string') return result;
      if (typeof result === 'number' || typeof result === 'boolean') return String(result);
      return JSON.stringify(result);
    case 'timestamptz': {
      if (typeof result === 'number') return Number.isFinite(result) ? result : UNFIT;
      if (typeof result === 'string') {
        const t = Date.parse(result);
        return Number.isNaN(t) ? UNFIT : t;
      }
      return UNFIT;
    }
  }
}
