import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinManifests } from '../nodes/builtins';
import {
  configFields,
  formatNumber,
  generateNodeDocs,
  headingAnchor,
  nodeDocsPath,
  requirementWords,
  ruleWords,
  schemaTypeWords,
  type ConfigSchema,
} from './generate-node-docs';

const docs = fileURLToPath(new URL('../docs/', import.meta.url));
const ids = (builtinManifests as { id: string; title: string }[]).map((m) => m.id);
const anchorsOf = (text: string): Set<string> =>
  new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => headingAnchor(m[1])));

describe('docs/node-types.md', () => {
  it('is what generate-node-docs writes (run npm run gen:node-docs if this fails)', async () => {
    const committed = readFileSync(nodeDocsPath, 'utf8');
    expect(committed, 'docs/node-types.md is out of date: run `npm run gen:node-docs`').toBe(
      await generateNodeDocs(),
    );
  });

  it('has one section per built-in node type, and every link of its index leads to one', async () => {
    const text = await generateNodeDocs();
    const sections = [...text.matchAll(/^## (\S+): /gm)].map((m) => m[1]);
    expect(sections).toEqual(ids);
    const anchors = anchorsOf(text);
    const links = [...text.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
    expect(links).toHaveLength(ids.length);
    for (const link of links) expect(anchors, link).toContain(link);
  });

  it('generates the same text twice', async () => {
    expect(await generateNodeDocs()).toBe(await generateNodeDocs());
  });
});

describe("the standard's built-in node types section", () => {
  const standard = readFileSync(`${docs}blueprint-standard.md`, 'utf8');
  const section = /^## Built-in node types\n([\s\S]*?)^## /m.exec(standard)?.[1] ?? '';

  it('lists every built-in node type, each linked to its section in node-types.md', () => {
    const anchors = anchorsOf(readFileSync(nodeDocsPath, 'utf8'));
    const linked = [...section.matchAll(/\[`([^`]+)`\]\(node-types\.md#([^)]+)\)/g)];
    expect(linked.map((m) => m[1])).toEqual(ids);
    for (const [, id, anchor] of linked) expect(anchors, id).toContain(anchor);
  });
});

describe('the plain words of the generator', () => {
  it('writes config types with their limits', () => {
    expect(schemaTypeWords({ type: 'integer', minimum: 1, maximum: 5000000 })).toBe(
      'integer, 1 to 5,000,000',
    );
    expect(schemaTypeWords({ type: 'number', exclusiveMinimum: 0 })).toBe('number, > 0');
    expect(schemaTypeWords({ enum: ['time', 'count'] })).toBe('one of `time`, `count`');
    expect(schemaTypeWords({ type: 'string', minLength: 1, maxLength: 2000 })).toBe(
      'text, 1 to 2,000 characters',
    );
    expect(schemaTypeWords({ type: 'string', pattern: '^a|b$' })).toBe('text, matching `^a|b$`');
    expect(schemaTypeWords({ type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]{0,62}$' })).toBe(
      '[identifier](blueprint-standard.md#ids-and-names)',
    );
    expect(
      schemaTypeWords({ type: 'array', minItems: 1, maxItems: 12, items: { type: 'string', minLength: 1 } }),
    ).toBe('list of texts (each at least 1 character), 1 to 12 items');
    expect(schemaTypeWords({ type: ['number', 'string', 'boolean'] })).toBe('number, text or boolean');
    expect(schemaTypeWords({})).toBe('any value');
    expect(formatNumber(65536)).toBe('65,536');
    expect(formatNumber(0.25)).toBe('0.25');
  });

  it('lists config fields depth first, with list items and objects', () => {
    const schema: ConfigSchema = {
      type: 'object',
      required: ['aggregates'],
      properties: {
        aggregates: {
          title: 'Summaries',
          type: 'array',
          items: {
            type: 'object',
            required: ['fn'],
            properties: { fn: { title: 'Summary', enum: ['mean', 'max'], default: 'mean' } },
          },
        },
        limit: {
          type: 'object',
          description: 'Optional.',
          properties: { bound: { type: 'number' } },
        },
      },
    };
    expect(configFields(schema)).toEqual([
      { path: 'aggregates', type: 'list of objects', default: '', required: true, notes: 'Summaries' },
      {
        path: 'aggregates[].fn',
        type: 'one of `mean`, `max`',
        default: '`mean`',
        required: true,
        notes: 'Summary',
      },
      { path: 'limit', type: 'object', default: '', required: false, notes: 'Optional.' },
      { path: 'limit.bound', type: 'number', default: '', required: false, notes: '' },
    ]);
  });

  it('describes column requirements and output columns', () => {
    const config: ConfigSchema = { type: 'object', properties: { y: { type: 'array' } } };
    expect(requirementWords({ column: '{/y}', accepts: ['number'] }, config)).toBe(
      "Each column listed in the config's `y` (a number).",
    );
    expect(
      requirementWords(
        {
          forEach: '/rules',
          column: '{column}',
          accepts: ['time', 'float8'],
          optional: true,
          description: 'Why.',
        },
        config,
      ),
    ).toBe(
      "For each item of the config's `rules`, the column named by its `column` (a time or `float8`), when set: Why.",
    );
    expect(
      ruleWords({
        forEach: '/aggregates',
        name: '{as}',
        fallback: '{column}_{fn}',
        type: 'float8',
        unit: { sameAs: '{column}' },
        role: 'measure',
      }),
    ).toBe(
      "For each item of the config's `aggregates`, adds a column named by its `as`, or else `<column>_<fn>`: type `float8`, the unit of the arriving column named by its `column`, role measure.",
    );
    expect(ruleWords({ name: '{/prefix}x', type: '{/type}' })).toBe(
      "Adds a column `<prefix>x`: type from the config's `type`.",
    );
  });

  it('gives headings the anchors GitHub gives them', () => {
    expect(headingAnchor('core/join: Lookup / join')).toBe('corejoin-lookup--join');
    expect(headingAnchor('core/chart.line: Line chart')).toBe('corechartline-line-chart');
    expect(headingAnchor('Built-in node types')).toBe('built-in-node-types');
  });
});
