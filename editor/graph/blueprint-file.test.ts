import { describe, expect, it } from 'vitest';
import { blueprintFileName, readBlueprintFile, writeBlueprintFile } from './blueprint-file';
import { emptyBlueprint } from './document-ops';

describe('blueprint files', () => {
  it('round-trips a blueprint', () => {
    const doc = {
      ...emptyBlueprint(),
      nodes: [{ id: 'a', type: 'core/filter@^1', position: { x: 1, y: 2 } }],
    };
    const read = readBlueprintFile(writeBlueprintFile(doc));
    expect(read).toEqual({ ok: true, doc });
    expect(blueprintFileName(doc)).toBe('my-blueprint-0.1.0.blueprint.json');
  });

  it('refuses broken files in plain words', () => {
    const notJson = readBlueprintFile('{ nodes: ', 'pumps.json');
    expect(notJson).toEqual({
      ok: false,
      message: expect.stringContaining('pumps.json is not a blueprint: it is not valid JSON'),
    });
    expect(readBlueprintFile('[1, 2]')).toMatchObject({
      ok: false,
      message: expect.stringContaining('list of nodes'),
    });
    const invalid = readBlueprintFile(
      JSON.stringify({ ...emptyBlueprint(), version: 'one', nodes: [{ id: 'a' }] }),
    );
    expect(invalid.ok).toBe(false);
    expect(!invalid.ok && invalid.message).toMatch(/cannot be opened: .*Your graph was not changed\.$/);
  });
});
