/**
 * Generates the TypeScript types of every document schema (schemas/<kind>/<kind>.types.ts) with
 * json-schema-to-typescript. Run `npm run gen:types` after changing a schema; a test fails when the
 * committed types differ from what this script would write.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { compile, type Options } from 'json-schema-to-typescript';
import prettier from 'prettier';

const root = fileURLToPath(new URL('../schemas/', import.meta.url));

/** The generated document types, by schema folder, with the exported root type's name. */
export const generatedTypes = [
  { folder: 'blueprint', name: 'Blueprint' },
  { folder: 'node-manifest', name: 'NodeManifest' },
  { folder: 'layout', name: 'Layout' },
  { folder: 'model-card', name: 'ModelCard' },
  { folder: 'twin', name: 'Twin' },
] as const;

const SCHEMA_URL = /\/schemas\/([a-z-]+)\/\d+\.json$/;

/** Maps a schema reference (by $id URL, or resolved against the schema folder) to its local file. */
function localPath(url: string): string {
  const folder = SCHEMA_URL.exec(url.replace(/#.*$/, ''))?.[1];
  return `${root}${folder}/${folder}.schema.json`;
}

/**
 * The text of one generated types file.
 * @example await generateTypes('layout', 'Layout')
 */
export async function generateTypes(folder: string, name: string): Promise<string> {
  const schema = JSON.parse(await readFile(`${root}${folder}/${folder}.schema.json`, 'utf8'));
  schema.title = name;
  const options: Partial<Options> = {
    bannerComment: `/* Generated from schemas/${folder}/${folder}.schema.json by scripts/generate-types.ts: do not edit. */`,
    additionalProperties: true,
    unreachableDefinitions: false,
    maxItems: -1,
    format: false,
    declareExternallyReferenced: true,
    cwd: `${root}${folder}/`,
    $refOptions: {
      resolve: {
        projecttwin: {
          order: 1,
          canRead: (file: { url: string }) => SCHEMA_URL.test(file.url.replace(/#.*$/, '')),
          read: async (file: { url: string }) => readFile(localPath(file.url), 'utf8'),
        },
        http: false,
        file: false,
      },
    } as Options['$refOptions'],
  };
  const ts = await compile(schema, name, options);
  const config = await prettier.resolveConfig(`${root}${folder}/x.ts`);
  return prettier.format(ts, { ...config, parser: 'typescript' });
}

async function main(): Promise<void> {
  for (const { folder, name } of generatedTypes) {
    const text = await generateTypes(folder, name);
    await writeFile(`${root}${folder}/${folder}.types.ts`, text);
    console.log(`wrote schemas/${folder}/${folder}.types.ts`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
