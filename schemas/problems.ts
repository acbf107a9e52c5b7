/**
 * The catalogue of problem codes. Codes are stable: a code is never reused for another meaning.
 * docs/errors.md documents each one (cause and fix); a test checks that every code here is documented there
 * and has a failing fixture.
 */
export const problemCatalogue = {
  PT001: 'The file is not valid JSON',
  PT002: 'The file is empty',
  PT003: 'The document is not the kind expected',
  PT004: 'The document was made by a newer version of ProjectTwin',
  PT005: 'The document has no schemaVersion',
  PT006: 'The document could not be upgraded from an older version',
  PT010: 'A required field is missing',
  PT011: 'A field has the wrong type',
  PT012: 'A field is not part of the standard',
  PT013: 'A value is not allowed',
  PT014: 'A value is too long, too short, too large or too small',
  PT101: 'Two nodes share an id',
  PT102: 'Unknown node type',
  PT103: 'No version of the node type satisfies the range',
  PT104: 'The version range cannot be read',
  PT105: 'The node type registry could not be reached',
  PT111: 'An edge names a node that does not exist',
  PT112: 'An edge names a port the node does not have',
  PT113: 'An edge connects ports of different kinds',
  PT114: 'A port that takes one connection has several',
  PT115: 'Two edges share an id or repeat the same connection',
  PT120: 'The graph has a cycle',
  PT121: 'A required input port is not connected',
  PT130: 'A column the node needs does not arrive',
  PT131: 'A column arrives with the wrong type',
  PT132: 'A node produces a column name twice',
  PT140: "A node's config is invalid",
  PT150: 'A blueprint input is declared but never used',
  PT151: 'A node uses a blueprint input that is not declared',
  PT152: 'A node uses a blueprint input of the wrong kind',
  PT153: "An input's primary key names a column it does not declare",
  PT160: 'The layout names a panel that does not exist',
  PT161: 'The layout shows a panel twice',
  PT162: 'A component has no place in the layout',
  PT170: 'The lock does not match the blueprint',
} as const;

export type ProblemCode = keyof typeof problemCatalogue;

export type Severity = 'error' | 'warning';

/** One problem found in a document, addressed precisely enough for an editor to underline it. */
export interface Problem {
  code: ProblemCode;
  severity: Severity;
  /** A sentence a non-programmer understands: what is wrong and what to do. */
  message: string;
  /** A JSON pointer (RFC 6901) into the document, "" for the whole document. */
  pointer: string;
  nodeId?: string;
  edgeId?: string;
  details?: Record<string, unknown>;
}

/**
 * Builds a problem; severity defaults to error.
 * @example problem('PT101', '/nodes/3/id', 'Two nodes are called "trend".', { nodeId: 'trend' })
 */
export function problem(
  code: ProblemCode,
  pointer: string,
  message: string,
  extra: Partial<Pick<Problem, 'nodeId' | 'edgeId' | 'details' | 'severity'>> = {},
): Problem {
  const { severity = 'error', ...rest } = extra;
  return { code, severity, message, pointer, ...rest };
}

/** Escapes one JSON-pointer reference token (RFC 6901). */
export function pointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Joins tokens into a JSON pointer. @example pointerOf('nodes', 2, 'config') // "/nodes/2/config" */
export function pointerOf(...tokens: (string | number)[]): string {
  return tokens.map((t) => `/${pointerToken(t)}`).join('');
}

/** True when any problem is an error (warnings alone do not fail a compile). */
export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
