import { pointerToken, type Problem } from '../../schemas/problems';

/**
 * The compiler's problems about one declared input (those whose JSON pointer is in `/inputs/<name>`), for the
 * inputs panel to show beside that input's fields.
 * @example problemsOfInput(problems, 'telemetry') // [{ code: 'PT153', pointer: '/inputs/telemetry/primaryKey/0', … }]
 */
export function problemsOfInput(problems: readonly Problem[], name: string): Problem[] {
  const at = `/inputs/${pointerToken(name)}`;
  return problems.filter((p) => p.pointer === at || p.pointer.startsWith(`${at}/`));
}

/** The fields the inputs panel checks itself, saying what is wrong beside them. */
const CHECKED_BY_FIELDS = ['title', 'description', 'primaryKey'];

/**
 * The problems about one input that its fields do not already explain (the title, description and primary key
 * fields say themselves what is wrong with them), to list in the input's card.
 * @example otherProblemsOfInput(problems, 'weather') // [{ code: 'PT150', … }]
 */
export function otherProblemsOfInput(problems: readonly Problem[], name: string): Problem[] {
  const at = `/inputs/${pointerToken(name)}/`;
  return problemsOfInput(problems, name).filter(
    (p) => !CHECKED_BY_FIELDS.some((field) => `${p.pointer}/`.startsWith(`${at}${field}/`)),
  );
}
