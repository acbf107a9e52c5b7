import type { Value } from '../../runtime/engine/node-api';

type Fn = (...args: Value[]) => Value;

const num = (v: Value): number => (typeof v === 'number' ? v : NaN);
const unary =
  (f: (x: number) => number): Fn =>
  (x) =>
    x === null || x === undefined ? null : f(num(x));

/**
 * The functions a derive formula may call, by name, either as `abs(x)` or as a transform `x|abs`. A null
 * argument gives null (as a null reading should), except in `coalesce`.
 */
export const FORMULA_FUNCTIONS: Readonly<Record<string, Fn>> = {
  abs: unary(Math.abs),
  sqrt: unary(Math.sqrt),
  exp: unary(Math.exp),
  ln: unary(Math.log),
  log10: unary(Math.log10),
  floor: unary(Math.floor),
  ceil: unary(Math.ceil),
  sign: unary(Math.sign),
  round: (x, digits) => {
    if (x === null || x === undefined) return null;
    const scale = 10 ** (typeof digits === 'number' ? digits : 0);
    return Math.round(num(x) * scale) / scale;
  },
  pow: (x, y) => (x === null || y === null ? null : num(x) ** num(y)),
  min: (...xs) => (xs.some((x) => x === null) ? null : Math.min(...xs.map(num))),
  max: (...xs) => (xs.some((x) => x === null) ? null : Math.max(...xs.map(num))),
  clamp: (x, lo, hi) => (x === null ? null : Math.min(Math.max(num(x), num(lo)), num(hi))),
  coalesce: (...xs) => xs.find((x) => x !== null && x !== undefined) ?? null,
  upper: (s) => (typeof s === 'string' ? s.toUpperCase() : null),
  lower: (s) => (typeof s === 'string' ? s.toLowerCase() : null),
  length: (s) => (typeof s === 'string' || Array.isArray(s) ? s.length : null),
};
