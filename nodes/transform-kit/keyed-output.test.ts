import { describe, expect, it } from 'vitest';
import { KeyedOutput } from './keyed-output';

describe('KeyedOutput', () => {
  it('collapses changes between flushes so each key appears once', () => {
    const out = new KeyedOutput();
    const a1 = { x: 1 };
    const a2 = { x: 2 };
    out.set('a', a1);
    out.set('a', a2);
    out.set('b', { x: 3 });
    out.remove('b');
    out.remove('never');
    expect(out.size).toBe(1);
    expect(out.flush()).toEqual({ inserts: [{ key: 'a', row: a2 }], updates: [], deletes: [] });
    expect(out.flush()).toBeNull();
    out.set('a', a2);
    expect(out.flush()).toBeNull();
    out.set('a', a1);
    out.set('c', { x: 4 });
    expect(out.get('a')).toBe(a1);
    expect([...out.rows()].map((r) => r.key).sort()).toEqual(['a', 'c']);
    expect(out.flush()).toEqual({
      inserts: [{ key: 'c', row: { x: 4 } }],
      updates: [{ key: 'a', row: a1 }],
      deletes: [],
    });
    out.remove('a');
    expect(out.get('a')).toBeUndefined();
    expect(out.size).toBe(1);
    expect(out.flush()).toEqual({ inserts: [], updates: [], deletes: ['a'] });
  });
});
