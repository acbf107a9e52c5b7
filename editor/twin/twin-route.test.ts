import { describe, expect, it } from 'vitest';
import { routeOf } from './twin-route';

describe('routeOf', () => {
  it('opens twins by id and share links by token, in both link forms', () => {
    expect(routeOf('/twins/6f1c2a9e-0000-4000-8000-000000000001')).toEqual({
      page: 'twin',
      id: '6f1c2a9e-0000-4000-8000-000000000001',
    });
    expect(routeOf('/twins/abc/')).toEqual({ page: 'twin', id: 'abc' });
    expect(routeOf('/shared/tok-123')).toEqual({ page: 'shared', token: 'tok-123' });
    expect(routeOf('/s/tok%2D9')).toEqual({ page: 'shared', token: 'tok-9' });
  });

  it('keeps every other path on the checker', () => {
    for (const path of ['/', '', '/twins', '/twins/', '/twins/a/b', '/shared/', '/library', '/s%/x'])
      expect(routeOf(path)).toEqual({ page: 'checker' });
    expect(routeOf('/twins/%E0%A4%A')).toEqual({ page: 'twin', id: '%E0%A4%A' });
  });
});
