import type { Blueprint, ColumnSpec, ColumnType, Input } from '../../runtime/compiler/document-types';

/** The identifier pattern of the blueprint standard: input and column names. */
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

/**
 * Why a name cannot be used for an input or a column, in plain words, or null when it can.
 * @example nameProblem('2nd', []) // 'A name must start with a letter …'
 * @example nameProblem('telemetry', ['telemetry']) // 'There is already one called "telemetry" …'
 */
export function nameProblem(name: string, taken: Iterable<string>, what = 'input'): string | null {
  if (name.trim() === '') return `Give the ${what} a name.`;
  if (name.length > 63) return `A name can be at most 63 characters long; this one has ${name.length}.`;
  if (!/^[A-Za-z]/.test(name)) return 'A name must start with a letter (a to z).';
  if (!IDENTIFIER.test(name))
    return 'A name can hold only letters, digits and underscores (_), with no spaces, dashes or dots.';
  for (const other of taken)
    if (other === name) return `There is already one called "${name}"; pick another name.`;
  return null;
}

/**
 * The first free name of the form base, base2, base3…
 * @example freeName('data', ['data']) // 'data2'
 */
export function freeName(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}${n}`)) return `${base}${n}`;
}

/**
 * Adds a table input with one text column, or a value input, under a free name; returns the name (in a recipe).
 * @example store.getState().edit((d) => void addInput(d, 'table'))
 */
export function addInput(doc: Blueprint, kind: Input['kind']): string {
  const inputs = (doc.inputs ??= {});
  const name = freeName(kind === 'table' ? 'data' : 'setting', Object.keys(inputs));
  inputs[name] =
    kind === 'table'
      ? { kind: 'table', columns: { id: { type: 'text' } } }
      : { kind: 'value', type: 'float8', default: 0 };
  return name;
}

/** Rebuilds an object with one key renamed, keeping the key order (order is meaningful for columns). */
function renameKey<T>(record: Record<string, T>, from: string, to: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k === from ? to : k, v]));
}

/**
 * Renames an input, and every node that reads it (config `input`) with it; false with no change when the new
 * name is refused (see nameProblem).
 * @example store.getState().edit((d) => void renameInput(d, 'data', 'telemetry'))
 */
export function renameInput(doc: Blueprint, from: string, to: string): boolean {
  const inputs = doc.inputs ?? {};
  if (!(from in inputs) || from === to) return false;
  if (nameProblem(to, Object.keys(inputs)) !== null) return false;
  doc.inputs = renameKey(inputs, from, to);
  for (const node of doc.nodes) if (node.config?.input === from) node.config.input = to;
  return true;
}

/**
 * Removes an input (the nodes that read it stay; the compiler then says they name no declared input).
 * @example store.getState().edit((d) => removeInput(d, 'data'))
 */
export function removeInput(doc: Blueprint, name: string): void {
  if (!doc.inputs) return;
  delete doc.inputs[name];
  if (Object.keys(doc.inputs).length === 0) delete doc.inputs;
}

/**
 * Adds a column (text, under a free name) to a table input; returns its name.
 * @example store.getState().edit((d) => void addColumn(d, 'telemetry'))
 */
export function addColumn(doc: Blueprint, input: string): string | null {
  const table = doc.inputs?.[input];
  if (table?.kind !== 'table') return null;
  const name = freeName('column', Object.keys(table.columns));
  table.columns[name] = { type: 'text' };
  return name;
}

/**
 * Renames a column of a table input in place (and in its primary key); false when the name is refused.
 * @example store.getState().edit((d) => void renameColumn(d, 'telemetry', 'column', 'ts'))
 */
export function renameColumn(doc: Blueprint, input: string, from: string, to: string): boolean {
  const table = doc.inputs?.[input];
  if (table?.kind !== 'table' || !(from in table.columns) || from === to) return false;
  if (nameProblem(to, Object.keys(table.columns), 'column') !== null) return false;
  table.columns = renameKey(table.columns, from, to);
  if (table.primaryKey) table.primaryKey = table.primaryKey.map((c) => (c === from ? to : c)) as [string];
  return true;
}

/**
 * Changes a column's type, unit, role or optional flag; an empty unit or role is left out.
 * @example store.getState().edit((d) => setColumn(d, 'telemetry', 'ts', { type: 'timestamptz', role: 'time' }))
 */
export function setColumn(doc: Blueprint, input: string, column: string, patch: Partial<ColumnSpec>): void {
  const table = doc.inputs?.[input];
  const spec = table?.kind === 'table' ? table.columns[column] : undefined;
  if (!spec) return;
  Object.assign(spec, patch);
  if (!spec.unit) delete spec.unit;
  if (!spec.role) delete spec.role;
  if (!spec.optional) delete spec.optional;
}

/**
 * Removes a column from a table input (and from its primary key); the last column stays, as a table needs one.
 * @example store.getState().edit((d) => removeColumn(d, 'telemetry', 'column'))
 */
export function removeColumn(doc: Blueprint, input: string, column: string): void {
  const table = doc.inputs?.[input];
  if (table?.kind !== 'table' || Object.keys(table.columns).length <= 1) return;
  delete table.columns[column];
  if (table.primaryKey) {
    const kept = table.primaryKey.filter((c) => c !== column);
    if (kept.length > 0) table.primaryKey = kept as [string, ...string[]];
    else delete table.primaryKey;
  }
}

/**
 * Changes a value input's type, unit or default.
 * @example store.getState().edit((d) => setValueInput(d, 'setpoint', { type: 'float8', default: 6 }))
 */
export function setValueInput(
  doc: Blueprint,
  name: string,
  patch: { type?: ColumnType; unit?: string; default?: unknown },
): void {
  const input = doc.inputs?.[name];
  if (input?.kind !== 'value') return;
  Object.assign(input, patch);
  if (!input.unit) delete input.unit;
}

/**
 * Reads what the user typed as a value input's default: a number, true/false, or else the text itself.
 * @example parseDefault('6') // 6
 * @example parseDefault('high') // 'high'
 */
export function parseDefault(text: string, type: ColumnType): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (
    ['int2', 'int4', 'int8', 'float4', 'float8', 'numeric'].includes(type) &&
    Number.isFinite(Number(trimmed))
  )
    return Number(trimmed);
  if (type === 'bool' && (trimmed === 'true' || trimmed === 'false')) return trimmed === 'true';
  return text;
}

/** The most characters an input's title and description may have (the blueprint standard). */
export const INPUT_TEXT_LIMITS = { title: 120, description: 2000 } as const;

const TEXT_WORDS = { title: 'A title', description: 'A description' } as const;

/**
 * Why an input's title or description cannot be saved as it is, in plain words, or null when it can.
 * @example inputTextProblem('title', 'x'.repeat(130)) // 'A title can be at most 120 characters long; this one has 130. Shorten it.'
 */
export function inputTextProblem(field: 'title' | 'description', text: string): string | null {
  const limit = INPUT_TEXT_LIMITS[field];
  if (text.length <= limit) return null;
  return `${TEXT_WORDS[field]} can be at most ${limit.toLocaleString('en')} characters long; this one has ${text.length.toLocaleString('en')}. Shorten it.`;
}

/**
 * Sets an input's title or description as typed; text that is empty or only spaces leaves the field out.
 * @example store.getState().edit((d) => setInputText(d, 'telemetry', 'title', 'Pump readings'), 'title:telemetry')
 */
export function setInputText(
  doc: Blueprint,
  name: string,
  field: 'title' | 'description',
  text: string,
): void {
  const input = doc.inputs?.[name];
  if (!input) return;
  if (text.trim() === '') delete input[field];
  else input[field] = text;
}

/**
 * Adds a column to a table input's primary key (after the columns already in it) or takes it out; a key left
 * with no column is removed, so that the twin's bound table's own primary key applies.
 * @example store.getState().edit((d) => setPrimaryKeyColumn(d, 'telemetry', 'reading_id', true))
 */
export function setPrimaryKeyColumn(doc: Blueprint, input: string, column: string, inKey: boolean): void {
  const table = doc.inputs?.[input];
  if (table?.kind !== 'table') return;
  const current: readonly string[] = table.primaryKey ?? [];
  const next = inKey
    ? current.includes(column)
      ? current
      : [...current, column]
    : current.filter((c) => c !== column);
  if (next.length > 0) table.primaryKey = next as [string, ...string[]];
  else delete table.primaryKey;
}

/**
 * What is wrong with a table input's primary key, in plain words (one sentence per problem): a name that is not
 * one of its columns (the compiler's PT153), a column named twice, or an empty list.
 * @example primaryKeyProblems({ kind: 'table', columns: { id: { type: 'text' } }, primaryKey: ['uid'] }) // ['The primary key names "uid", …']
 */
export function primaryKeyProblems(input: Extract<Input, { kind: 'table' }>): string[] {
  const key: readonly string[] | undefined = input.primaryKey;
  if (!key) return [];
  if (key.length === 0)
    return [
      'The primary key lists no column; tick at least one column, or none to use the bound table’s own key.',
    ];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const column of key) {
    if (seen.has(column)) problems.push(`The primary key names "${column}" twice; untick it once.`);
    else if (!(column in input.columns))
      problems.push(
        `The primary key names "${column}", which is not a column of this input; untick it or add a column called "${column}".`,
      );
    seen.add(column);
  }
  return problems;
}
