import { describe, expect, it } from 'vitest';
import type { Blueprint } from '../../runtime/compiler/document-types';
import { draftTitle } from './drafts-api';

describe('draftTitle', () => {
  it("uses the blueprint's title, then its name, then a plain default", () => {
    expect(draftTitle({ title: ' Pump fleet ', name: 'pumps' } as Blueprint)).toBe('Pump fleet');
    expect(draftTitle({ title: '  ', name: 'pumps' } as Blueprint)).toBe('pumps');
    expect(draftTitle({})).toBe('Untitled blueprint');
    expect(draftTitle({ title: 'x'.repeat(300) } as Blueprint)).toHaveLength(200);
  });
});
