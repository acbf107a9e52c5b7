/**
 * What the user chose in the deploy wizard (a table and a column mapping per table input, a typed value per
 * value input), the checks each step needs before the next, the twin document it deploys, and the server's
 * refusals sorted by the field they concern. Pure.
 */
import type { Twin } from '../../schemas/twin/twin.types';
import type { InputInfo, TableInputInfo } from './blueprint-inputs';
import { parseValue } from './blueprint-inputs';
import { typeCompatibility, type SourceColumn } from './column-matcher';
import { ApiError } from '../twin/api-client';

/** Where a chosen table comes from. */
export type TableOrigin = 'upload' | 'mine' | 'connection' | 'demo';

/** A table the user picked for a table input. */
export interface ChosenTable {
  origin: TableOrigin;
  /** 'builtin' for the platform's database, else the connection's id. */
  connection: string;
  /** schema.table */
  table: string;
  /** How the wizard names it, e.g. "Oven log (uploaded)". */
  label: string;
  columns: SourceColumn[];
  /** Rows the server already read (a CSV upload's sample), by column name; absent when none is at hand. */
  sample?: { columns: string[]; rows: (string | null)[][] };
}

/** The choice for one input. */
export interface InputChoice {
  table?: ChosenTable;
  /** Declared column → the chosen table's column. */
  mapping: Record<string, string>;
  /** A value input's field, as typed. */
  typed?: string;
}

export type Choices = Record<string, InputChoice>;

/** Whose problem a message is: a column of an input, an input, a form field, or the deploy as a whole. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * The problems of one table input's mapping: required columns not mapped, mapped columns that are gone from the
 * table or whose type does not fit. Keys are declared column names.
 * @example mappingProblems(input, choice) // { ts: 'Choose the column that holds “ts”.' }
 */
export function mappingProblems(
  input: TableInputInfo,
  choice: InputChoice | undefined,
): Record<string, string> {
  const problems: Record<string, string> = {};
  const columns = choice?.table?.columns ?? [];
  for (const declared of input.columns) {
    const mapped = choice?.mapping[declared.name];
    if (!mapped) {
      if (!declared.optional) problems[declared.name] = `Choose the column that holds “${declared.name}”.`;
      continue;
    }
    const found = columns.find((c) => c.name === mapped);
    if (!found) {
      problems[declared.name] = `The table has no column “${mapped}” any more; choose another.`;
      continue;
    }
    const fit = typeCompatibility(declared.type, found.type, found.pgType);
    if (!fit.ok) problems[declared.name] = `“${mapped}” cannot be used. ${fit.reason}`;
  }
  return problems;
}

/**
 * Why the user cannot leave a step yet, in plain words (empty when they can). Step 1 needs a table for every
 * table input and a valid value for every value input; step 2 needs every mapping complete and compatible.
 * @example stepProblems(1, inputs, choices) // ['Choose the data for “Temperature readings”.']
 */
export function stepProblems(step: 1 | 2, inputs: readonly InputInfo[], choices: Choices): string[] {
  const out: string[] = [];
  for (const input of inputs) {
    const choice = choices[input.name];
    if (step === 1) {
      if (input.kind === 'table' && !choice?.table) out.push(`Choose the data for “${input.title}”.`);
      if (input.kind === 'value') {
        const parsed = parseValue(input.type, choice?.typed ?? '');
        if (!parsed.ok) out.push(`“${input.title}”: ${parsed.reason}`);
      }
    } else if (input.kind === 'table') {
      const count = Object.keys(mappingProblems(input, choice)).length;
      if (count > 0)
        out.push(
          `“${input.title}”: ${count === 1 ? 'one column still needs' : `${count} columns still need`} a fitting column of yours.`,
        );
    }
  }
  return out;
}

/**
 * The twin document to deploy. Optional columns left unmapped are left out of the binding.
 * @example twinDocument({ name: 'line-temps', version: '1.0.0' }, 'Plant 4', 'private', inputs, choices)
 */
export function twinDocument(
  blueprint: { name: string; version: string },
  title: string,
  visibility: 'private' | 'unlisted' | 'public',
  inputs: readonly InputInfo[],
  choices: Choices,
): Twin {
  const bindings: Twin['bindings'] = {};
  for (const input of inputs) {
    const choice = choices[input.name];
    if (input.kind === 'value') {
      const parsed = parseValue(input.type, choice?.typed ?? '');
      bindings[input.name] = { kind: 'value', value: parsed.ok ? parsed.value : choice?.typed };
      continue;
    }
    const columns: Record<string, string> = {};
    for (const declared of input.columns) {
      const mapped = choice?.mapping[declared.name];
      if (mapped) columns[declared.name] = mapped;
    }
    bindings[input.name] = {
      kind: 'table',
      connection: choice?.table?.connection ?? 'builtin',
      table: choice?.table?.table ?? '',
      columns,
    };
  }
  return { schemaVersion: 1, title: title.trim(), blueprint, bindings, visibility };
}

/** The field a JSON pointer into a twin document concerns: title, visibility, input:<name>, or general. */
function fieldOf(pointer: string): string {
  const [first, second] = pointer
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (first === 'title' || first === 'visibility') return first;
  if (first === 'bindings' && second) return `input:${second}`;
  return 'general';
}

/**
 * The server's refusal of a deploy, one message per problem, each attached to the field its JSON pointer
 * concerns (`title`, `visibility`, `input:<name>`, or `general`).
 * @example deployProblems(error) // [{ field: 'title', message: 'The title must not be empty.' }]
 */
export function deployProblems(error: unknown): FieldProblem[] {
  if (!(error instanceof ApiError)) {
    return [
      { field: 'general', message: error instanceof Error ? error.message : 'The twin was not created.' },
    ];
  }
  const details = error.details as { problems?: unknown; pointer?: unknown } | undefined;
  const problems = Array.isArray(details?.problems) ? details.problems : [];
  const listed = problems.flatMap((p): FieldProblem[] => {
    // Request validation answers sentences that start with the dotted path: "title" is too short…
    if (typeof p === 'string') {
      const path = /^"([^"]+)"/.exec(p)?.[1];
      return [{ field: path ? fieldOf(`/${path.split('.').join('/')}`) : 'general', message: p }];
    }
    const problem = p as { message?: unknown; pointer?: unknown };
    if (typeof problem?.message !== 'string') return [];
    const pointer = typeof problem.pointer === 'string' ? problem.pointer : '';
    return [{ field: pointer ? fieldOf(pointer) : 'general', message: problem.message }];
  });
  if (listed.length > 0) return listed;
  const pointer = typeof details?.pointer === 'string' ? details.pointer : '';
  return [{ field: pointer ? fieldOf(pointer) : 'general', message: error.message }];
}
