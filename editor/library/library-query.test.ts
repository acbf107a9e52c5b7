import { describe, expect, it } from 'vitest';
import { listQueryString } from '../api/registry-api';
import {
  kindOfSegment,
  pageCount,
  readLibraryView,
  resultRange,
  toListFilters,
  writeLibraryView,
} from './library-query';

describe('library views in the address', () => {
  it('maps address segments to registries', () => {
    expect(kindOfSegment('blueprints')).toBe('blueprint');
    expect(kindOfSegment('components')).toBe('component');
    expect(kindOfSegment('widgets')).toBeNull();
  });

  it('reads a view and writes it back without the defaults', () => {
    const view = readLibraryView('model', new URLSearchParams('q=pump&filter=regression&sort=name&page=3'));
    expect(view).toEqual({
      kind: 'model',
      q: 'pump',
      filter: 'regression',
      sort: 'name',
      includeDeprecated: false,
      page: 3,
    });
    expect(writeLibraryView(view).toString()).toBe('q=pump&filter=regression&sort=name&page=3');
    expect(writeLibraryView({ ...view, q: '', filter: '', sort: '', page: 1 }).toString()).toBe('');
  });

  it('ignores filters, sorts and pages that do not exist', () => {
    const view = readLibraryView('layout', new URLSearchParams('filter=regression&sort=worst&page=-4'));
    expect(view).toMatchObject({ filter: '', sort: '', page: 1 });
    expect(readLibraryView('blueprint', new URLSearchParams('page=abc')).page).toBe(1);
  });

  it("turns a view into the registry's own query parameters", () => {
    const blueprints = readLibraryView('blueprint', new URLSearchParams('q=pump&filter=predict&page=2'));
    expect(listQueryString(toListFilters(blueprints))).toBe('q=pump&usage=predict&limit=12&offset=12');
    const components = readLibraryView('component', new URLSearchParams('filter=source&deprecated=true'));
    expect(listQueryString(toListFilters(components))).toBe('category=source&deprecated=true&limit=12');
  });
});

describe('result counts', () => {
  it('says which results are shown', () => {
    expect(resultRange(1, 30, 'blueprints')).toBe('Showing 1–12 of 30 blueprints');
    expect(resultRange(3, 30, 'blueprints')).toBe('Showing 25–30 of 30 blueprints');
    expect(resultRange(1, 1, 'models')).toBe('1 model');
    expect(resultRange(1, 12, 'models')).toBe('12 models');
    expect(resultRange(1, 13, 'models')).toBe('Showing 1–12 of 13 models');
    expect(resultRange(1, 0, 'models')).toBeNull();
    expect(resultRange(9, 30, 'models')).toBe('No more models on this page (there are 30).');
    expect(pageCount(0)).toBe(1);
    expect(pageCount(25)).toBe(3);
  });
});
