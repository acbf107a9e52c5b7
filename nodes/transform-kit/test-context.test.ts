import { describe, expect, it } from 'vitest';
import { createTestContext, insertsOf } from './test-context';

describe('createTestContext', () => {
  it('keeps each output table and records values and problems', () => {
    const t = createTestContext({ config: { a: 1 }, inputs: { rows: [{ name: 'x', type: 'int4' }] } });
    expect(t.ctx.inputs.rows).toEqual({ kind: 'table', columns: [{ name: 'x', type: 'int4' }] });
    t.ctx.emit('rows', insertsOf([{ id: 1, x: 2 }], 'id'));
    t.ctx.emit('rows', { inserts: [], updates: [{ key: '1', row: { id: 1, x: 3 } }], deletes: [] });
    expect(t.table().get('1')).toEqual({ id: 1, x: 3 });
    t.ctx.emitValue('value', 4);
    t.ctx.report({ code: 'PTR999', message: 'm', severity: 'warning' });
    expect(t.values).toEqual([{ port: 'value', value: 4 }]);
    expect(t.problems).toHaveLength(1);
    t.ctx.clearProblems();
    expect(t.problems).toHaveLength(0);
  });

  it('throws as soon as a batch breaks the contract', () => {
    const t = createTestContext({ config: {} });
    t.ctx.emit('rows', insertsOf([{ id: 1 }], 'id'));
    expect(() => t.ctx.emit('rows', insertsOf([{ id: 1 }], 'id'))).toThrow(/insert of existing key 1/);
    expect(() => t.ctx.emit('rows', { inserts: [], updates: [{ key: '2', row: {} }], deletes: [] })).toThrow(
      /update of missing key 2/,
    );
    expect(() => t.ctx.emit('rows', { inserts: [], updates: [], deletes: ['3'] })).toThrow(
      /delete of missing/,
    );
    expect(() =>
      t.ctx.emit('rows', { inserts: [], updates: [{ key: '1', row: {} }], deletes: ['1'] }),
    ).toThrow(/twice in one batch/);
  });
});
