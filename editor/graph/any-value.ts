/**
 * Reads what a person typed into a field that takes any value: a number, true/false, a list in [brackets]
 * (JSON), or else the text itself; an empty box means no value.
 * @example readAnyValue('2.5') // 2.5
 * @example readAnyValue('north') // 'north'
 */
export function readAnyValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(trimmed)) return Number(trimmed);
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
  if (trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/**
 * How a value is shown in the box.
 * @example writeAnyValue(['a', 'b']) // '["a","b"]'
 */
export function writeAnyValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
