import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateTypes, generatedTypes } from '../scripts/generate-types';

const root = fileURLToPath(new URL('.', import.meta.url));

describe('the committed TypeScript types agree with the schemas', () => {
  it.each(generatedTypes.map((t) => [t.folder, t.name] as const))(
    'schemas/%s types are what generate-types writes (run npm run gen:types if this fails)',
    async (folder, name) => {
      const committed = readFileSync(`${root}${folder}/${folder}.types.ts`, 'utf8');
      expect(committed).toBe(await generateTypes(folder, name));
    },
  );
});
