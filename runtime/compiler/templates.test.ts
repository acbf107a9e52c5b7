import { describe, expect, it } from 'vitest';
import { expandTemplate, expandWithFallback, forEachScopes } from './templates';

describe('manifest templates', () => {
  const config = {
    y: ['a', 'b'],
    x: 'ts',
    features: { vib: 'v1', temp: 't1' },
    aggs: [
      { column: 'v', fn: 'mean' },
      { column: 'w', fn: 'max', as: 'peak' },
    ],
  };

  it('reads a config value and remembers where it came from', () => {
    expect(expandTemplate('{/x}', { config })).toEqual([{ value: 'ts', configPointer: '/x' }]);
  });

  it('expands a list or an object into one value per item', () => {
    expect(expandTemplate('{/y}', { config })).toEqual([
      { value: 'a', configPointer: '/y/0' },
      { value: 'b', configPointer: '/y/1' },
    ]);
    expect(expandTemplate('{/features}', { config }).map((e) => e.value)).toEqual(['v1', 't1']);
  });

  it('joins placeholders inside text, and yields nothing when one is unset', () => {
    const [first, second] = forEachScopes(config, '/aggs');
    expect(expandTemplate('{column}_{fn}', first)).toEqual([{ value: 'v_mean' }]);
    expect(expandTemplate('{as}', first)).toEqual([]);
    expect(expandWithFallback('{as}', '{column}_{fn}', first)).toEqual([{ value: 'v_mean' }]);
    expect(expandWithFallback('{as}', '{column}_{fn}', second)).toEqual([
      { value: 'peak', configPointer: '/aggs/1/as' },
    ]);
  });

  it('treats a missing list in forEach as no items', () => {
    expect(forEachScopes({}, '/aggs')).toEqual([]);
    expect(forEachScopes({ aggs: 'x' }, '/aggs')).toEqual([]);
  });

  it('keeps literal text as is', () => {
    expect(expandTemplate('float8', { config })).toEqual([{ value: 'float8' }]);
  });
});
