import type { ErrorObject } from './ajv';
import { problem, type Problem } from './problems';

const ORDINAL_PARENTS: Record<string, string> = { nodes: 'node', edges: 'edge' };

/**
 * Names the place a pointer addresses in words: "/nodes/2/config" → "node #3 › config".
 * @example describePointer('/edges/0/from') // 'edge #1 › from'
 */
export function describePointer(pointer: string, rootLabel = 'the document'): string {
  if (pointer === '') return rootLabel;
  const tokens = pointer
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  const words: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const next = tokens[i + 1];
    if (ORDINAL_PARENTS[token] && next !== undefined && /^\d+$/.test(next)) {
      words.push(`${ORDINAL_PARENTS[token]} #${Number(next) + 1}`);
      i++;
    } else if (/^\d+$/.test(token)) {
      words.push(`item #${Number(token) + 1}`);
    } else {
      words.push(`"${token}"`);
    }
  }
  return words.join(' › ');
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return 'a number';
  return `a ${typeof value}`;
}

const WANTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'an object ({ ... })',
  array: 'a list ([ ... ])',
  null: 'null',
};

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function schemaHint(error: ErrorObject): string {
  const parent = error.parentSchema as { description?: string } | undefined;
  return parent?.description ? ` ${parent.description}` : '';
}

function messageFor(error: ErrorObject, rootLabel: string): Problem {
  const at = error.instancePath;
  const where = describePointer(at, rootLabel);
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return problem('PT010', at, `${where} needs a "${String(p.missingProperty)}" field.`, {
        details: { field: p.missingProperty },
      });
    case 'type': {
      const wanted = String(p.type)
        .split(',')
        .map((t) => WANTED[t] ?? t)
        .join(' or ');
      return problem('PT011', at, `${where} should be ${wanted}, but it is ${typeName(error.data)}.`);
    }
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const field = String(p.additionalProperty ?? p.unevaluatedProperty);
      const pointer = `${at}/${field.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      return problem(
        'PT012',
        pointer,
        `${where} has a field "${field}" that is not part of the standard; remove it or check its spelling.`,
        { details: { field } },
      );
    }
    case 'enum':
      return problem(
        'PT013',
        at,
        `${where} is ${shown(error.data)}, which is not allowed; use one of: ${(p.allowedValues as unknown[]).map(shown).join(', ')}.`,
      );
    case 'const':
      return problem('PT013', at, `${where} must be ${shown(p.allowedValue)}, not ${shown(error.data)}.`);
    case 'pattern':
    case 'format':
      return problem(
        'PT013',
        at,
        `${where} is ${shown(error.data)}, which is not allowed.${schemaHint(error)}`,
      );
    case 'propertyNames':
      return problem(
        'PT013',
        at,
        `The name "${String(p.propertyName)}" in ${where} is not allowed.${schemaHint(error)}`,
        { details: { name: p.propertyName } },
      );
    case 'discriminator':
      return problem(
        'PT013',
        at,
        `${where} has a "kind" that is missing or unknown; use one of the kinds the standard defines.`,
      );
    case 'anyOf':
    case 'oneOf':
      return problem(
        'PT013',
        at,
        `${where} is ${shown(error.data)}, which is not allowed.${schemaHint(error)}`,
      );
    case 'uniqueItems':
      return problem(
        'PT014',
        at,
        `${where} lists the same item twice (items #${Number(p.j) + 1} and #${Number(p.i) + 1}).`,
      );
    case 'minLength':
      return p.limit === 1
        ? problem('PT014', at, `${where} is empty; fill it in.`)
        : problem('PT014', at, `${where} is too short: it needs at least ${String(p.limit)} characters.`);
    case 'maxLength':
      return problem('PT014', at, `${where} is too long: it may have at most ${String(p.limit)} characters.`);
    case 'minItems':
      return problem(
        'PT014',
        at,
        `${where} needs at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}.`,
      );
    case 'maxItems':
      return problem('PT014', at, `${where} has too many items: at most ${String(p.limit)} are allowed.`);
    case 'minProperties':
      return problem(
        'PT014',
        at,
        `${where} needs at least ${String(p.limit)} entr${p.limit === 1 ? 'y' : 'ies'}.`,
      );
    case 'maxProperties':
      return problem('PT014', at, `${where} has too many entries: at most ${String(p.limit)} are allowed.`);
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum': {
      const words: Record<string, string> = {
        minimum: 'at least',
        exclusiveMinimum: 'more than',
        maximum: 'at most',
        exclusiveMaximum: 'less than',
      };
      return problem(
        'PT014',
        at,
        `${where} is ${shown(error.data)}, but it must be ${words[error.keyword]} ${String(p.limit)}.`,
      );
    }
    default:
      return problem('PT014', at, `${where} is not allowed here (${error.keyword}).`);
  }
}

/**
 * Turns ajv errors into coded problems with plain messages. Errors inside a failed anyOf/oneOf branch are
 * folded into the one anyOf/oneOf problem, so that a user sees one sentence per mistake.
 * @example schemaProblems(validate.errors ?? [])
 */
export function schemaProblems(
  errors: readonly ErrorObject[],
  pointerPrefix = '',
  rootLabel = 'the document',
): Problem[] {
  // ajv lists the errors of a failed anyOf/oneOf's branches just before the anyOf/oneOf error itself.
  const dropped = new Set<number>();
  errors.forEach((e, k) => {
    if (e.keyword !== 'anyOf' && e.keyword !== 'oneOf') return;
    for (let j = k - 1; j >= 0; j--) {
      const path = errors[j].instancePath;
      if (path !== e.instancePath && !path.startsWith(`${e.instancePath}/`)) break;
      dropped.add(j);
    }
  });
  // Errors about a property's name come twice: once from the name's own schema, once as propertyNames.
  const kept = errors.filter((e, i) => !dropped.has(i) && e.keyword !== 'if' && e.propertyName === undefined);
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const error of kept) {
    const p = messageFor(error, rootLabel);
    p.message = p.message.charAt(0).toUpperCase() + p.message.slice(1);
    p.pointer = pointerPrefix + p.pointer;
    const key = `${p.code}|${p.pointer}|${p.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(p);
    }
  }
  return out;
}
