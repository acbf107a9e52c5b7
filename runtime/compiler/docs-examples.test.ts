import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { problemCatalogue } from '../../schemas/problems';
import { builtinRegistry } from './builtin-registry';
import { compileBlueprint } from './compile';

const docs = fileURLToPath(new URL('../../docs/', import.meta.url));

function fencedBlocks(file: string, info: string): string[] {
  const text = readFileSync(`${docs}${file}`, 'utf8');
  return [...text.matchAll(/^```(.*)\n([\s\S]*?)^```$/gm)]
    .filter((m) => m[1].trim() === info)
    .map((m) => m[2]);
}

describe('the documentation stays true', () => {
  const blueprints = [
    ...fencedBlocks('blueprint-standard.md', 'json blueprint'),
    ...fencedBlocks('errors.md', 'json blueprint'),
  ];

  it('has complete blueprint examples', () => {
    expect(blueprints.length).toBeGreaterThanOrEqual(3);
  });

  it.each(blueprints.map((text, i) => [i + 1, text] as const))(
    'complete example #%i compiles without problems',
    async (_i, text) => {
      const result = await compileBlueprint(text, { registry: await builtinRegistry() });
      expect(result.problems).toEqual([]);
    },
  );

  it('documents every problem code, in catalogue order, under its catalogue title', () => {
    const text = readFileSync(`${docs}errors.md`, 'utf8');
    const headings = [...text.matchAll(/^## (PT\d{3}): (.+)$/gm)].map((m) => `${m[1]}: ${m[2]}`);
    expect(headings).toEqual(Object.entries(problemCatalogue).map(([code, title]) => `${code}: ${title}`));
  });
});
