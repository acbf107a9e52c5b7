import { beforeAll, describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../runtime/compiler/builtin-registry';
import type { NodeManifest } from '../../runtime/compiler/document-types';
import { autoLayout } from './auto-layout';
import { catalogueOf, matchesSearch, typeRefOf, type NodeCatalogue } from './catalogue';
import { readAnyValue, writeAnyValue } from './any-value';
import { columnFieldsOf, uiSchemaFor, withColumnSuggestions } from './config-columns';
import { plainFormErrors } from './plain-form-errors';
import { defaultConfigOf, newNode } from './node-factory';

let catalogue: NodeCatalogue;
const manifest = (id: string): NodeManifest => catalogue.manifests.find((m) => m.id === id)!;
beforeAll(async () => {
  catalogue = catalogueOf(await builtinRegistry());
});

describe('catalogue', () => {
  it('resolves type references and searches by words', () => {
    expect(catalogue.resolve('core/filter@^1')?.title).toBe('Filter');
    expect(catalogue.resolve('core/filter@^9')).toBeUndefined();
    expect(catalogue.resolve('core/nothing@^1')).toBeUndefined();
    expect(typeRefOf(manifest('core/filter'))).toBe('core/filter@^1');
    expect(matchesSearch(manifest('core/filter'), 'KEEP rows')).toBe(true);
    expect(matchesSearch(manifest('core/filter'), 'chart')).toBe(false);
    expect(catalogue.manifests.filter((m) => matchesSearch(m, 'time-series')).length).toBeGreaterThan(0);
  });
});

describe('new nodes', () => {
  it('start with their schema defaults and a unique id', () => {
    expect(defaultConfigOf(manifest('core/filter'))).toEqual({ conditions: [], combine: 'all' });
    const node = newNode(manifest('core/chart.line'), { x: 10.4, y: 20.6 }, new Set(['chart-line']));
    expect(node).toMatchObject({
      id: 'chart-line-2',
      type: 'core/chart.line@^1',
      position: { x: 10, y: 21 },
    });
    expect(node.config).toMatchObject({ y: [], maxPoints: 100000 });
  });
});

describe('column suggestions', () => {
  it('finds the config fields that name columns', () => {
    expect(columnFieldsOf(manifest('core/filter'))).toEqual(['/conditions/*/column']);
    expect(columnFieldsOf(manifest('core/chart.line'))).toEqual(['/x', '/y', '/color']);
  });

  it('adds the arriving columns as suggestions without touching the manifest', () => {
    const chart = manifest('core/chart.line');
    const schema = withColumnSuggestions(chart, ['ts', 'vibration']) as {
      properties: Record<string, { examples?: string[]; items?: { examples?: string[] } }>;
    };
    expect(schema.properties.x.examples).toEqual(['ts', 'vibration']);
    expect(schema.properties.y.items?.examples).toEqual(['ts', 'vibration']);
    expect((chart.config as typeof schema).properties.x.examples).toBeUndefined();
    const filter = withColumnSuggestions(manifest('core/filter'), ['a']) as {
      properties: { conditions: { items: { properties: { column: { examples?: string[] } } } } };
    };
    expect(filter.properties.conditions.items.properties.column.examples).toEqual(['a']);
  });
});

describe('auto-layout', () => {
  it('places each node to the right of the nodes feeding it', async () => {
    const moves = await autoLayout({
      nodes: [
        { id: 'chart', type: 't/c@^1' },
        { id: 'keep', type: 't/k@^1' },
        { id: 'src', type: 't/s@^1' },
      ],
      edges: [
        { from: 'src.rows', to: 'keep.rows' },
        { from: 'keep.rows', to: 'chart.rows' },
        { from: 'ghost.rows', to: 'chart.rows' },
      ],
    });
    const x = Object.fromEntries(moves.map((m) => [m.id, m.x]));
    expect(x.src).toBeLessThan(x.keep);
    expect(x.keep).toBeLessThan(x.chart);
  });
});

describe('form helpers', () => {
  it('draws settings without a type with the any-value field', () => {
    expect(uiSchemaFor(manifest('core/filter').config as Record<string, unknown>)).toEqual({
      'ui:submitButtonOptions': { norender: true },
      conditions: { items: { value: { 'ui:field': 'anyValue' } } },
    });
    expect(uiSchemaFor(manifest('core/chart.line').config as Record<string, unknown>)).toMatchObject({
      y: { items: { 'ui:label': false } },
    });
  });

  it('reads typed values in plain words', () => {
    expect(readAnyValue('2')).toBe(2);
    expect(readAnyValue(' -1.5e3 ')).toBe(-1500);
    expect(readAnyValue('true')).toBe(true);
    expect(readAnyValue('["a", 1]')).toEqual(['a', 1]);
    expect(readAnyValue('[broken')).toBe('[broken');
    expect(readAnyValue('north')).toBe('north');
    expect(readAnyValue('  ')).toBeUndefined();
    expect(writeAnyValue(['a'])).toBe('["a"]');
    expect(writeAnyValue(undefined)).toBe('');
  });

  it('says form errors in plain words', () => {
    const [error] = plainFormErrors([
      {
        name: 'minItems',
        params: { limit: 1 },
        message: 'must NOT have fewer than 1 items',
        property: '.y',
        stack: '',
      },
    ]);
    expect(error.message).toBe('Add at least 1.');
  });
});
