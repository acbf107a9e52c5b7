import type { Value } from '../../runtime/engine/node-api';

/** The value types a parameter can hold (its manifest's `type` enum). */
export type ParamType = 'float8' | 'int8' | 'bool' | 'text';

/** A value checked against a parameter's type: the value to use, or why it does not fit, in plain words. */
export type Checked = { ok: true; value: Value } | { ok: false; reason: string };

const NUMERIC = /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i;

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'object') return Array.isArray(value) ? 'a list' : 'an object';
  return String(value);
}

/**
 * Checks a value against a parameter type, converting the unambiguous cases: numeric text to a number, 0/1 and
 * "true"/"false" to a boolean, a number or boolean to text.
 * @example checkParamValue('2.5', 'float8') // { ok: true, value: 2.5 }
 * @example checkParamValue(1.5, 'int8') // { ok: false, reason: 'a whole number is needed, not 1.5' }
 */
export function checkParamValue(value: unknown, type: ParamType): Checked {
  switch (type) {
    case 'float8':
    case 'int8': {
      const number =
        typeof value === 'number'
          ? value
          : typeof value === 'string' && NUMERIC.test(value)
            ? Number(value)
            : NaN;
      if (!Number.isFinite(number))
        return { ok: false, reason: `a number is needed, not ${describe(value)}` };
      if (type === 'int8' && !Number.isInteger(number))
        return { ok: false, reason: `a whole number is needed, not ${describe(value)}` };
      return { ok: true, value: number };
    }
    case 'bool':
      if (typeof value === 'boolean') return { ok: true, value };
      if (value === 0 || value === 1) return { ok: true, value: value === 1 };
      if (value === 'true' || value === 'false') return { ok: true, value: value === 'true' };
      return { ok: false, reason: `yes or no (true or false) is needed, not ${describe(value)}` };
    case 'text':
      if (typeof value === 'string') return { ok: true, value };
      if (typeof value === 'number' || typeof value === 'boolean') return { ok: true, value: String(value) };
      return { ok: false, reason: `a text is needed, not ${describe(value)}` };
    default:
      return { ok: false, reason: `the type "${String(type)}" is not one a parameter can have` };
  }
}
