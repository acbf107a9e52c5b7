import { parse as parseTolerant, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { problem, type Problem } from '../../schemas/problems';

const REASONS: Record<string, string> = {
  InvalidSymbol: 'there is a character that does not belong in JSON',
  InvalidNumberFormat: 'a number is written wrongly',
  PropertyNameExpected: 'a field name in double quotes is expected (is there a comma too many?)',
  ValueExpected: 'a value is missing (is there a comma too many?)',
  ColonExpected: 'a colon (:) is missing after a field name',
  CommaExpected: 'a comma is missing between two items',
  CloseBraceExpected: 'a closing } is missing',
  CloseBracketExpected: 'a closing ] is missing',
  EndOfFileExpected: 'there is more text after the end of the JSON',
  InvalidCommentToken: 'JSON does not allow comments',
  UnexpectedEndOfComment: 'JSON does not allow comments',
  UnexpectedEndOfString: 'a text in double quotes is not closed',
  UnexpectedEndOfNumber: 'a number is cut short',
  InvalidUnicode: 'a \\u escape is invalid',
  InvalidEscapeCharacter: 'a backslash escape is invalid',
  InvalidCharacter: 'a text contains a control character; escape it',
};

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/**
 * Parses blueprint text as JSON, answering an empty file (PT002) or bad JSON (PT001) with a problem that
 * says where and why it broke, in the same words in every JavaScript engine. Never throws.
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
  } catch {
    const errors: ParseError[] = [];
    parseTolerant(body, errors, {
      disallowComments: true,
      allowTrailingComma: false,
      allowEmptyContent: false,
    });
    const first = errors[0];
    if (!first) return { ok: false, problems: [problem('PT001', '', 'The file is not valid JSON.')] };
    const { line, column } = lineAndColumn(body, first.offset);
    const reason = REASONS[printParseErrorCode(first.error)] ?? 'the text cannot be read as JSON';
    return {
      ok: false,
      problems: [
        problem('PT001', '', `The file is not valid JSON at line ${line}, column ${column}: ${reason}.`, {
          details: { line, column, offset: first.offset },
        }),
      ],
    };
  }
}
