import { describe, expect, it } from 'vitest';
import {
  addColumn,
  addInput,
  nameProblem,
  parseDefault,
  removeColumn,
  removeInput,
  renameColumn,
  renameInput,
  setColumn,
  setValueInput,
} from './blueprint-inputs-ops';
import { createGraphStore } from './graph-store';

function storeWithSource() {
  const store = createGraphStore();
  store.getState().addNode({ id: 'src', type: 'core/source.table@^1', config: { input: 'data' } });
  return store;
}

describe('blueprint input edits', () => {
  it('refuses bad names in plain words', () => {
    expect(nameProblem('', [])).toBe('Give the input a name.');
    expect(nameProblem('2nd', [])).toMatch(/must start with a letter/);
    expect(nameProblem('my data', [])).toMatch(/only letters, digits and underscores/);
    expect(nameProblem('a'.repeat(64), [])).toMatch(/at most 63 characters/);
    expect(nameProblem('data', ['data'])).toMatch(/already one called "data"/);
    expect(nameProblem('telemetry_2', ['data'])).toBeNull();
  });

  it('adds, renames (with the nodes reading it) and removes an input, each one undo step', () => {
    const store = storeWithSource();
    store.getState().edit((d) => void addInput(d, 'table'));
    expect(store.getState().doc.inputs).toEqual({
      data: { kind: 'table', columns: { id: { type: 'text' } } },
    });
    store.getState().edit((d) => void renameInput(d, 'data', 'telemetry'));
    expect(Object.keys(store.getState().doc.inputs!)).toEqual(['telemetry']);
    expect(store.getState().doc.nodes[0].config).toEqual({ input: 'telemetry' });
    store.getState().undo();
    expect(Object.keys(store.getState().doc.inputs!)).toEqual(['data']);
    expect(store.getState().doc.nodes[0].config).toEqual({ input: 'data' });
    store.getState().edit((d) => removeInput(d, 'data'));
    expect(store.getState().doc.inputs).toBeUndefined();
    store.getState().undo();
    expect(store.getState().doc.inputs?.data?.kind).toBe('table');
  });

  it('refuses a rename to a bad or taken name without changing anything', () => {
    const store = storeWithSource();
    store.getState().edit((d) => {
      addInput(d, 'table');
      addInput(d, 'value');
    });
    const before = store.getState().doc;
    store.getState().edit((d) => void renameInput(d, 'data', 'setting'));
    store.getState().edit((d) => void renameInput(d, 'data', 'bad name'));
    expect(store.getState().doc).toBe(before);
  });

  it('edits columns in order: add, rename, retype, remove (never the last one)', () => {
    const store = createGraphStore();
    store.getState().edit((d) => {
      addInput(d, 'table');
      addColumn(d, 'data');
      renameColumn(d, 'data', 'column', 'ts');
      setColumn(d, 'data', 'ts', { type: 'timestamptz', role: 'time', unit: '' });
      addColumn(d, 'data');
      renameColumn(d, 'data', 'column', 'vibration');
      setColumn(d, 'data', 'vibration', { type: 'float8', unit: 'mm/s', role: 'measure', optional: true });
    });
    const table = store.getState().doc.inputs!.data;
    expect(table).toEqual({
      kind: 'table',
      columns: {
        id: { type: 'text' },
        ts: { type: 'timestamptz', role: 'time' },
        vibration: { type: 'float8', unit: 'mm/s', role: 'measure', optional: true },
      },
    });
    expect(Object.keys(table.kind === 'table' ? table.columns : {})).toEqual(['id', 'ts', 'vibration']);
    store.getState().edit((d) => {
      removeColumn(d, 'data', 'id');
      removeColumn(d, 'data', 'ts');
      removeColumn(d, 'data', 'vibration');
    });
    const left = store.getState().doc.inputs!.data;
    expect(left.kind === 'table' && Object.keys(left.columns)).toEqual(['vibration']);
  });

  it('sets a value input and reads its default as the type says', () => {
    const store = createGraphStore();
    store.getState().edit((d) => {
      addInput(d, 'value');
      setValueInput(d, 'setting', { type: 'int4', unit: 'bar', default: parseDefault('6', 'int4') });
    });
    expect(store.getState().doc.inputs!.setting).toEqual({
      kind: 'value',
      type: 'int4',
      unit: 'bar',
      default: 6,
    });
    expect(parseDefault('true', 'bool')).toBe(true);
    expect(parseDefault('high', 'text')).toBe('high');
    expect(parseDefault(' ', 'float8')).toBeUndefined();
  });
});
