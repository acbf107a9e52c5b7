import { hasErrors, type Problem } from '../../schemas/problems';
import { compileBlueprint } from '../compiler/compile';
import type { ExecutionPlan } from '../compiler/plan';
import type { NodeTypeRegistry } from '../compiler/registry';
import { readBlueprintFile } from './read-blueprint-file';

/**
 * What checking one file found. `ok` is false when the file has an error (a problem of severity error, or
 * `error`: the file could not be read at all); `plan` is there when the blueprint compiled.
 */
export interface FileReport {
  file: string;
  ok: boolean;
  problems: Problem[];
  /** Why the file could not be read (missing, a folder, unreadable); the compiler never saw it. */
  error?: string;
  plan?: ExecutionPlan;
}

/**
 * Reads and compiles one blueprint file. Never throws for a bad file: a file that cannot be read gets `error`,
 * anything the compiler finds (empty, not JSON, not a blueprint, ...) is in `problems`.
 * @example
 * const report = await checkBlueprintFile('pump.blueprint.json', await builtinRegistry())
 * report.ok // true when there is no error
 */
export async function checkBlueprintFile(file: string, registry: NodeTypeRegistry): Promise<FileReport> {
  const read = await readBlueprintFile(file);
  if (!read.ok) return { file, ok: false, problems: [], error: read.error };
  const result = await compileBlueprint(read.text, { registry });
  if (!result.ok) return { file, ok: false, problems: result.problems };
  return { file, ok: !hasErrors(result.problems), problems: result.problems, plan: result.plan };
}
