import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../runtime/compiler/builtin-registry';
import { createGraphCompiler } from './compile-client';
import { emptyBlueprint } from './document-ops';

describe('createGraphCompiler', () => {
  it('compiles on the main thread where no worker can start, with the real compiler', async () => {
    const compiler = createGraphCompiler(await builtinRegistry());
    const doc = { ...emptyBlueprint(), nodes: [{ id: 'keep', type: 'core/filter@^1', config: {} }] };
    const verdict = await compiler.compile(doc);
    expect(verdict.valid).toBe(false);
    expect(verdict.problems.map((p) => p.code).sort()).toEqual(['PT121', 'PT140']);
    compiler.dispose();
  });
});
