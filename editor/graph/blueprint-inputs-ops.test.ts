import { describe, expect, it } from 'vitest';
import {
  addColumn,
  addInput,
  nameProblem,
  inputTextProblem,
  parseDefault,
  primaryKeyProblems,
  removeColumn,
  removeInput,
  renameColumn,
  renameInput,
  setColumn,
  setInputText,
  setPrimaryKeyColumn,
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

  it("sets an input's title and description as typed, one undo step per run of typing, blank ones left out", () => {
    const store = createGraphStore();
    store.getState().edit((d) => {
      addInput(d, 'table');
      addInput(d, 'value');
    });
    for (const typed of ['P', 'Pu', 'Pump readings'])
      store.getState().edit((d) => setInputText(d, 'data', 'title', typed), 'title:data');
    store.getState().edit((d) => setInputText(d, 'setting', 'description', 'The pressure to hold.'));
    expect(store.getState().doc.inputs).toMatchObject({
      data: { title: 'Pump readings' },
      setting: { description: 'The pressure to hold.' },
    });
    store.getState().undo();
    expect(store.getState().doc.inputs!.setting).not.toHaveProperty('description');
    store.getState().undo();
    expect(store.getState().doc.inputs!.data).not.toHaveProperty('title');
    store.getState().redo();
    store.getState().edit((d) => setInputText(d, 'data', 'title', '   '));
    expect(store.getState().doc.inputs!.data).not.toHaveProperty('title');
    store.getState().edit((d) => setInputText(d, 'missing', 'title', 'Nothing'));
    expect(store.getState().doc.inputs).not.toHaveProperty('missing');
  });

  it('says in plain words when a title or description is longer than the standard allows', () => {
    expect(inputTextProblem('title', 'x'.repeat(120))).toBeNull();
    expect(inputTextProblem('title', 'x'.repeat(121))).toBe(
      'A title can be at most 120 characters long; this one has 121. Shorten it.',
    );
    expect(inputTextProblem('description', 'x'.repeat(2001))).toBe(
      'A description can be at most 2,000 characters long; this one has 2,001. Shorten it.',
    );
  });

  it('ticks and unticks primary key columns, keeps the key through column renames, drops an empty key', () => {
    const store = createGraphStore();
    store.getState().edit((d) => {
      addInput(d, 'table');
      addColumn(d, 'data');
    });
    store.getState().edit((d) => setPrimaryKeyColumn(d, 'data', 'column', true));
    store.getState().edit((d) => setPrimaryKeyColumn(d, 'data', 'id', true));
    store.getState().edit((d) => setPrimaryKeyColumn(d, 'data', 'id', true));
    const keyOf = () => {
      const input = store.getState().doc.inputs!.data;
      return input.kind === 'table' ? input.primaryKey : undefined;
    };
    expect(keyOf()).toEqual(['column', 'id']);
    store.getState().edit((d) => void renameColumn(d, 'data', 'column', 'site'));
    expect(keyOf()).toEqual(['site', 'id']);
    store.getState().edit((d) => setPrimaryKeyColumn(d, 'data', 'site', false));
    store.getState().edit((d) => setPrimaryKeyColumn(d, 'data', 'id', false));
    expect(store.getState().doc.inputs!.data).not.toHaveProperty('primaryKey');
    store.getState().undo();
    expect(keyOf()).toEqual(['id']);
  });

  it('finds primary key columns that are not declared (PT153) or named twice, in plain words', () => {
    const columns = { id: { type: 'text' as const } };
    expect(primaryKeyProblems({ kind: 'table', columns })).toEqual([]);
    expect(primaryKeyProblems({ kind: 'table', columns, primaryKey: ['id'] })).toEqual([]);
    expect(primaryKeyProblems({ kind: 'table', columns, primaryKey: ['uid', 'id', 'id'] })).toEqual([
      'The primary key names "uid", which is not a column of this input; untick it or add a column called "uid".',
      'The primary key names "id" twice; untick it once.',
    ]);
    expect(primaryKeyProblems({ kind: 'table', columns, primaryKey: [] as unknown as [string] })[0]).toMatch(
      /lists no column/,
    );
  });
});
