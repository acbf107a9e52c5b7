import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinManifests } from '../../nodes/builtins';
import { builtinImplementations } from '../../nodes/implementations';
import { compileBlueprint } from '../compiler/compile';
import { InMemoryNodeTypeRegistry } from '../compiler/registry';
import { createEngine } from './engine';
import { testImplementations, type TestSink } from './engine-test-nodes';
import type { NodeModule } from './node-api';

// Keeps docs/node-sdk.md true: its complete example (manifest, module, blueprint) is compiled and run here.

const doc = readFileSync(fileURLToPath(new URL('../../docs/node-sdk.md', import.meta.url)), 'utf8');
const block = (info: string): string => {
  const found = [...doc.matchAll(/^```(.*)\n([\s\S]*?)^```$/gm)].filter((m) => m[1].trim() === info);
  expect(found, `one \`\`\`${info} block`).toHaveLength(1);
  return found[0][2];
};
const fixtures = fileURLToPath(new URL('../../nodes/source.csv/fixtures/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'node-sdk-example-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the node SDK example', () => {
  it('compiles with its manifest and runs on the engine as described', async () => {
    const manifest = JSON.parse(block('json manifest'));
    const file = join(dir, 'above-node.ts');
    writeFileSync(file, block('ts node'));
    const module = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as NodeModule;
    const registry = await InMemoryNodeTypeRegistry.create([...builtinManifests, manifest]);
    const result = await compileBlueprint(block('json sdk-blueprint'), { registry });
    if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
    const intoList = result.plan.edges.find((e) => e.to.node === 'list')!;
    expect(intoList.columns?.map((c) => `${c.name}:${c.type}`)).toEqual([
      'id:int4',
      'sensor:text',
      'temp:float8',
      'temp_above:bool',
    ]);
    const engine = createEngine(result.plan, {
      implementations: {
        ...builtinImplementations,
        'example/above': async () => module,
        'core/table': testImplementations()['test/sink'], // a sink that keeps what it is given
      },
      services: { fetchFile: async (ref) => new Uint8Array(await readFile(`${fixtures}${ref}`)) },
    });
    await engine.start();
    await engine.flush();
    const list = engine.instance('list') as unknown as TestSink;
    const above = () => Object.fromEntries([...list.table].map(([key, row]) => [key, row.temp_above]));
    expect(above()).toEqual({ '1': false, '2': false, '3': true, '5': null, '6': true }); // the parameter's 22, not 25
    engine.setValue('limit', 21);
    await engine.flush();
    expect(above()).toEqual({ '1': true, '2': true, '3': true, '5': null, '6': true });
    await engine.instance('hot')!.receiveValue!('limit', 'warm');
    await engine.flush();
    expect(engine.problems().hot).toEqual([
      { code: 'PTR190', severity: 'warning', message: 'The limit must be a number; it stays at 21.' },
    ]);
    expect(engine.instance('hot')!.preview!().rowCount).toBe(5);
    await engine.dispose();
  });
});
