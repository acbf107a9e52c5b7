/**
 * A blueprint version's declared inputs as the deploy wizard asks for them: table inputs with their columns
 * (required first), value inputs with their type and default, and reading a typed value from what the user
 * typed. Pure.
 */
import type { ColumnType } from '../../schemas/blueprint/blueprint.types';
import type { DeclaredColumn } from './column-matcher';
import { typeWords } from './column-matcher';

/** A table input: the wizard binds it to a table and maps its columns. */
export interface TableInputInfo {
  kind: 'table';
  name: string;
  title: string;
  description?: string;
  columns: DeclaredColumn[];
}

/** A value input: the wizard asks for one typed value. */
export interface ValueInputInfo {
  kind: 'value';
  name: string;
  title: string;
  description?: string;
  type: ColumnType;
  unit?: string;
  default?: unknown;
}

export type InputInfo = TableInputInfo | ValueInputInfo;

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * The inputs a blueprint version declares, in its order; required columns of each table input come first.
 * Entries that are not table or value inputs are skipped (the registry only stores valid blueprints).
 * @example declaredInputs(blueprint).map((i) => i.name) // ['readings', 'offset']
 */
export function declaredInputs(blueprint: Record<string, unknown>): InputInfo[] {
  const out: InputInfo[] = [];
  for (const [name, raw] of Object.entries(record(blueprint.inputs))) {
    const input = record(raw);
    const title = text(input.title) ?? name;
    const description = text(input.description);
    if (input.kind === 'table') {
      const columns = Object.entries(record(input.columns)).map(([column, spec]): DeclaredColumn => {
        const s = record(spec);
        return {
          name: column,
          type: (text(s.type) ?? 'text') as ColumnType,
          role: text(s.role) as DeclaredColumn['role'],
          unit: text(s.unit),
          optional: s.optional === true,
        };
      });
      columns.sort((a, b) => Number(a.optional) - Number(b.optional));
      out.push({ kind: 'table', name, title, description, columns });
    } else if (input.kind === 'value') {
      out.push({
        kind: 'value',
        name,
        title,
        description,
        type: (text(input.type) ?? 'text') as ColumnType,
        unit: text(input.unit),
        default: input.default,
      });
    }
  }
  return out;
}

/**
 * The text a value input's field starts with: its default, written as the user would type it.
 * @example valueFieldText({ kind: 'value', name: 'offset', title: 'Offset', type: 'float8', default: 0 }) // '0'
 */
export function valueFieldText(input: ValueInputInfo): string {
  const value = input.default;
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** A typed value read from a field, or why it is not one. */
export type ParsedValue = { ok: true; value: unknown } | { ok: false; reason: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Reads what the user typed into a value input's field as a value of the input's type.
 * @example parseValue('float8', '2.5') // { ok: true, value: 2.5 }
 * @example parseValue('int8', '2.5') // { ok: false, reason: 'Type a whole number, such as 42.' }
 */
export function parseValue(type: ColumnType, typed: string): ParsedValue {
  const value = typed.trim();
  if (value === '' && type !== 'text')
    return { ok: false, reason: `Type a value: ${typeWords(type)} go here.` };
  switch (type) {
    case 'int2':
    case 'int4':
    case 'int8':
      return /^[+-]?\d+$/.test(value) && Number.isSafeInteger(Number(value))
        ? { ok: true, value: Number(value) }
        : { ok: false, reason: 'Type a whole number, such as 42.' };
    case 'float4':
    case 'float8':
    case 'numeric': {
      const number = Number(value.replace(',', '.'));
      return Number.isFinite(number)
        ? { ok: true, value: number }
        : { ok: false, reason: 'Type a number, such as 2.5.' };
    }
    case 'bool':
      return value === 'true' || value === 'false'
        ? { ok: true, value: value === 'true' }
        : { ok: false, reason: 'Choose yes or no.' };
    case 'timestamptz':
    case 'timestamp':
    case 'date':
      return Number.isNaN(Date.parse(value))
        ? { ok: false, reason: 'Type a date, such as 2026-01-31, or a date and time.' }
        : { ok: true, value };
    case 'uuid':
      return UUID.test(value) ? { ok: true, value } : { ok: false, reason: 'Type a UUID.' };
    case 'json':
    case 'jsonb':
      try {
        return { ok: true, value: JSON.parse(value) };
      } catch {
        return { ok: false, reason: 'Type valid JSON, such as {"limit": 3}.' };
      }
    default:
      return { ok: true, value: typed };
  }
}
