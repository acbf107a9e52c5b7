import { problem, type Problem } from '../../schemas/problems';

/**
 * Parses blueprint text as JSON, answering an empty file (PT002) or bad JSON (PT001) with a problem that
 * says where it broke. Never throws.
 * @example parseJsonText('{"a": 1}') // { ok: true, data: { a: 1 } }
 */
export function parseJsonText(
  text: string,
): { ok: true; data: unknown } | { ok: false; problems: Problem[] } {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') {
    return {
      ok: false,
      problems: [problem('PT002', '', 'The file is empty; a blueprint is a JSON object ({ ... }).')],
    };
  }
  try {
    return { ok: true, data: JSON.parse(body) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(reason);
    let where = '';
    if (position) {
      const before = body.slice(0, Number(position[1]));
      const line = before.split('\n').length;
      const column = before.length - before.lastIndexOf('\n');
      where = ` at line ${line}, column ${column}`;
    }
    return {
      ok: false,
      problems: [
        problem(
          'PT001',
          '',
          `The file is not valid JSON${where}: ${reason.replace(/ in JSON at position \d+.*$/, '')}.`,
        ),
      ],
    };
  }
}
