import type { ColumnType } from '../../schemas/blueprint/blueprint.types';
import type { TypeClass } from '../../schemas/node-manifest/node-manifest.types';

/** The column types in each type family a port can accept. */
export const TYPE_CLASSES: Readonly<Record<string, readonly ColumnType[]>> = {
  number: ['int2', 'int4', 'int8', 'float4', 'float8', 'numeric'],
  integer: ['int2', 'int4', 'int8'],
  text: ['text', 'uuid'],
  time: ['timestamptz', 'timestamp', 'date'],
  bool: ['bool'],
  json: ['json', 'jsonb'],
  bytes: ['bytea'],
};

/** Every column type ProjectTwin knows. */
export const COLUMN_TYPES: readonly ColumnType[] = [
  'text',
  'int2',
  'int4',
  'int8',
  'float4',
  'float8',
  'numeric',
  'bool',
  'timestamptz',
  'timestamp',
  'date',
  'json',
  'jsonb',
  'uuid',
  'bytea',
];

/**
 * True when a column of `type` satisfies any of the accepted type families or exact types.
 * @example typeAccepted('int4', ['number']) // true
 */
export function typeAccepted(type: ColumnType, accepts: readonly TypeClass[]): boolean {
  return accepts.some((a) => a === 'any' || a === type || (TYPE_CLASSES[a]?.includes(type) ?? false));
}

/** Words for what a port accepts, e.g. "a number (int2, int4, int8, float4, float8 or numeric)". */
export function describeAccepted(accepts: readonly TypeClass[]): string {
  return accepts
    .map((a) =>
      TYPE_CLASSES[a] ? `${a === 'integer' ? 'a whole number' : `a ${a}`} (${listOr(TYPE_CLASSES[a])})` : a,
    )
    .join(' or ');
}

function listOr(items: readonly string[]): string {
  return items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** True when the text names a column type. */
export function isColumnType(text: string): text is ColumnType {
  return (COLUMN_TYPES as readonly string[]).includes(text);
}
