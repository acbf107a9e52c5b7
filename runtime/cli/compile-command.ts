import type { NodeTypeRegistry } from '../compiler/registry';
import type { ExecutionPlan } from '../compiler/plan';
import { checkBlueprintFile, type FileReport } from './check-blueprint-file';
import type { CliIo } from './cli-io';
import { ExitCode } from './exit-codes';
import { countProblems, formatReport, formatSummary } from './format-problems';
import { formatPlan } from './format-plan';
import { createPalette } from './palette';

/** The output of `compile --json`; `plan` when the blueprint compiled, `error` when the file could not be read. */
export interface CompileJson {
  ok: boolean;
  plan?: ExecutionPlan;
  problems: FileReport['problems'];
  error?: string;
}

/**
 * The JSON document of one compiled file: `{ ok, plan?, problems }`, plus `error` when it could not be read.
 * @example toCompileJson(report) // { ok: true, plan: { ... }, problems: [] }
 */
export function toCompileJson(report: FileReport): CompileJson {
  return {
    ok: report.ok,
    ...(report.plan === undefined ? {} : { plan: report.plan }),
    problems: report.problems,
    ...(report.error === undefined ? {} : { error: report.error }),
  };
}

/**
 * `projecttwin compile <file>`: prints the execution plan as readable text on stdout, and the problems (one
 * compiler-style line each, then a summary) on stderr; with `json`, prints only `{ ok, plan?, problems }` on
 * stdout. Resolves to exit code 1 when the blueprint has errors, 0 otherwise.
 * @example
 * const exitCode = await compileCommand('pump.blueprint.json', { json: true }, processIo(), await builtinRegistry())
 */
export async function compileCommand(
  file: string,
  options: { json: boolean },
  io: CliIo,
  registry: NodeTypeRegistry,
): Promise<ExitCode> {
  const report = await checkBlueprintFile(file, registry);
  if (options.json) {
    io.stdout.line(JSON.stringify(toCompileJson(report), null, 2));
  } else {
    const problemPalette = createPalette(io.stderr.colour);
    for (const line of formatReport(report, problemPalette)) io.stderr.line(line);
    if (report.problems.length > 0 || report.error !== undefined) {
      io.stderr.line(formatSummary(countProblems([report]), problemPalette));
    }
    if (report.plan !== undefined) {
      for (const line of formatPlan(report.plan, createPalette(io.stdout.colour))) io.stdout.line(line);
    }
  }
  return report.ok ? ExitCode.ok : ExitCode.problems;
}
