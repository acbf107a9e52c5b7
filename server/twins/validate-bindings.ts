import type { Input, TableInput, ValueInput } from '../../schemas/blueprint/blueprint.types';
import type { Binding } from '../../schemas/twin/twin.types';
import { isUuid } from '../http/uuid';

/** Stable codes of the problems a twin's bindings can have. */
export type BindingProblemCode =
  | 'binding_missing'
  | 'binding_unknown'
  | 'binding_kind_mismatch'
  | 'column_unmapped'
  | 'column_unknown'
  | 'binding_value_invalid';

/** One problem with a twin's bindings, naming the input (and column) it is about. */
export interface BindingProblem {
  code: BindingProblemCode;
  message: string;
  /** JSON pointer into the twin document. */
  pointer: string;
  input: string;
  column?: string;
}

const INTEGER_TYPES = new Set(['int2', 'int4', 'int8']);
const NUMBER_TYPES = new Set(['float4', 'float8', 'numeric']);
const TIME_TYPES = new Set(['timestamptz', 'timestamp', 'date']);

function pointer(...tokens: string[]): string {
  return tokens.map((t) => `/${t.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** What a value input of type `type` accepts, in words, or null when `value` is acceptable. */
function valueMismatch(type: ValueInput['type'], value: unknown): string | null {
  if (type === 'json' || type === 'jsonb') return value === undefined ? 'any JSON value' : null;
  if (INTEGER_TYPES.has(type)) return Number.isInteger(value) ? null : 'a whole number';
  if (NUMBER_TYPES.has(type)) return typeof value === 'number' && Number.isFinite(value) ? null : 'a number';
  if (type === 'bool') return typeof value === 'boolean' ? null : 'true or false';
  if (TIME_TYPES.has(type))
    return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? null : 'a date or time as text';
  if (type === 'uuid') return typeof value === 'string' && isUuid(value) ? null : 'a UUID';
  return typeof value === 'string' ? null : 'text';
}

function tableProblems(name: string, input: TableInput, binding: Binding & { kind: 'table' }) {
  const problems: BindingProblem[] = [];
  for (const [column, spec] of Object.entries(input.columns)) {
    const mapped = binding.columns[column];
    if (mapped === undefined && !spec.optional) {
      problems.push({
        code: 'column_unmapped',
        message: `The input "${name}" needs the column "${column}", but the binding does not say which column of ${binding.table} supplies it; add it under "columns".`,
        pointer: pointer('bindings', name, 'columns'),
        input: name,
        column,
      });
    }
  }
  for (const column of Object.keys(binding.columns)) {
    if (input.columns[column]) continue;
    problems.push({
      code: 'column_unknown',
      message: `The binding of "${name}" maps a column "${column}", which the input does not declare; its columns are ${Object.keys(input.columns).join(', ')}.`,
      pointer: pointer('bindings', name, 'columns', column),
      input: name,
      column,
    });
  }
  return problems;
}

/**
 * Checks a twin's bindings against the blueprint's declared inputs: every input bound (binding_missing), no
 * binding for an undeclared input (binding_unknown), the binding's kind matches the input's
 * (binding_kind_mismatch), a table binding maps every column that is not optional (column_unmapped) and no
 * column the input lacks (column_unknown), a value binding's value has the input's type
 * (binding_value_invalid). Pure: it does not look at the bound tables themselves.
 * @example
 * bindingProblems(blueprint.inputs ?? {}, { telemetry: { kind: 'value', value: 3 } })
 * // [{ code: 'binding_kind_mismatch', input: 'telemetry', ... }]
 */
export function bindingProblems(
  inputs: Readonly<Record<string, Input>>,
  bindings: Readonly<Record<string, Binding>>,
): BindingProblem[] {
  const problems: BindingProblem[] = [];
  for (const [name, input] of Object.entries(inputs)) {
    const binding = bindings[name];
    const what = input.title ? `"${name}" (${input.title})` : `"${name}"`;
    if (!binding) {
      problems.push({
        code: 'binding_missing',
        message: `The blueprint needs data for its input ${what}, but the twin does not bind it; add a ${input.kind} binding for "${name}".`,
        pointer: pointer('bindings'),
        input: name,
      });
      continue;
    }
    if (binding.kind !== input.kind) {
      problems.push({
        code: 'binding_kind_mismatch',
        message: `The input ${what} is a ${input.kind}, but the twin binds it to a ${binding.kind}; bind it to a ${input.kind}.`,
        pointer: pointer('bindings', name, 'kind'),
        input: name,
      });
      continue;
    }
    if (binding.kind === 'table') {
      problems.push(...tableProblems(name, input as TableInput, binding));
      continue;
    }
    const expected = valueMismatch((input as ValueInput).type, binding.value);
    if (expected) {
      problems.push({
        code: 'binding_value_invalid',
        message: `The input ${what} takes ${expected} (${(input as ValueInput).type}), but the twin gives it ${JSON.stringify(binding.value) ?? 'nothing'}.`,
        pointer: pointer('bindings', name, 'value'),
        input: name,
      });
    }
  }
  for (const name of Object.keys(bindings)) {
    if (inputs[name]) continue;
    const declared = Object.keys(inputs);
    problems.push({
      code: 'binding_unknown',
      message: `The twin binds "${name}", which is not an input of the blueprint; ${declared.length ? `its inputs are ${declared.join(', ')}` : 'it declares no inputs'}.`,
      pointer: pointer('bindings', name),
      input: name,
    });
  }
  return problems;
}
