import { describe, expect, it } from 'vitest';
import { locatePointer } from './locate-pointer';

describe('locatePointer', () => {
  const text = '{\n  "nodes": [\n    { "id": "a", "config": { "y": ["v"] } }\n  ]\n}';

  it('selects the member a pointer names', () => {
    const { offset, length } = locatePointer(text, '/nodes/0/config/y');
    expect(text.slice(offset, offset + length)).toBe('"y": ["v"]');
  });

  it('selects an array item', () => {
    const { offset, length } = locatePointer(text, '/nodes/0/config/y/0');
    expect(text.slice(offset, offset + length)).toBe('"v"');
  });

  it('falls back to the nearest parent that exists', () => {
    const { offset, length } = locatePointer(text, '/nodes/0/config/x');
    expect(text.slice(offset, offset + length)).toBe('"config": { "y": ["v"] }');
  });

  it('copes with text that is not JSON', () => {
    expect(locatePointer('', '/a')).toEqual({ offset: 0, length: 0 });
  });
});
