import type { Problem } from '../../schemas/problems';

function comparePointers(a: string, b: string): number {
  const ta = a.split('/');
  const tb = b.split('/');
  for (let i = 0; i < Math.min(ta.length, tb.length); i++) {
    if (ta[i] === tb[i]) continue;
    const na = /^\d+$/.test(ta[i]) ? Number(ta[i]) : NaN;
    const nb = /^\d+$/.test(tb[i]) ? Number(tb[i]) : NaN;
    if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
    return ta[i] < tb[i] ? -1 : 1;
  }
  return ta.length - tb.length;
}

/**
 * Orders problems by where they are in the document (numeric-aware), then by code, so output is stable.
 * @example sortProblems(problems)
 */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => comparePointers(a.pointer, b.pointer) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}
