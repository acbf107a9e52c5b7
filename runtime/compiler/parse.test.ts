import { describe, expect, it } from 'vitest';
import { parseJsonText } from './parse';

describe('parseJsonText', () => {
  it.each([
    ['{ "a": 1, }', 1, 11, 'a field name in double quotes is expected'],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, 'a comma is missing'],
    ['{ "a": [1, 2 }', 1, 14, 'a comma is missing'],
    ['{ "a": [1, 2]', 1, 14, 'a closing } is missing'],
    ['// note\n{}', 1, 1, 'JSON does not allow comments'],
    ['{ "a": "unterminated }', 1, 8, 'not closed'],
  ])('%j breaks at line %i, column %i', (text, line, column, reason) => {
    const result = parseJsonText(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatchObject({ code: 'PT001', details: { line, column } });
    expect(result.problems[0].message).toContain(reason);
  });

  it('reads a file that starts with a byte-order mark', () => {
    expect(parseJsonText('\uFEFF{"a":1}')).toEqual({ ok: true, data: { a: 1 } });
  });

  it('calls whitespace-only text empty', () => {
    expect(parseJsonText(' \n\t')).toMatchObject({ ok: false, problems: [{ code: 'PT002' }] });
  });
});
