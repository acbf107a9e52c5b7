import type { NodeTypeRegistry } from '../compiler/registry';
import { checkBlueprintFile, type FileReport } from './check-blueprint-file';
import type { CliIo } from './cli-io';
import { ExitCode } from './exit-codes';
import { countProblems, formatReport, formatSummary } from './format-problems';
import { createPalette } from './palette';

/** One file in the output of `validate --json`; `error` only when the file could not be read. */
export interface ValidateJsonEntry {
  file: string;
  ok: boolean;
  problems: FileReport['problems'];
  error?: string;
}

/**
 * The JSON entry of one checked file: `{ file, ok, problems }`, plus `error` when the file could not be read.
 * @example toValidateJson(report) // { file: 'a.json', ok: true, problems: [] }
 */
export function toValidateJson(report: FileReport): ValidateJsonEntry {
  const { file, ok, problems, error } = report;
  return error === undefined ? { file, ok, problems } : { file, ok, problems, error };
}

/**
 * `projecttwin validate <file...>`: checks every file, even after one fails, and prints each problem as one
 * compiler-style line then a one-line summary (or, with `json`, only `[{ file, ok, problems }]`) on stdout.
 * Resolves to exit code 1 when any file has an error, 0 otherwise (warnings alone do not fail).
 * @example
 * const exitCode = await validateCommand(['a.json', 'b.json'], { json: false }, processIo(), await builtinRegistry())
 */
export async function validateCommand(
  files: readonly string[],
  options: { json: boolean },
  io: CliIo,
  registry: NodeTypeRegistry,
): Promise<ExitCode> {
  const palette = createPalette(io.stdout.colour && !options.json);
  const reports: FileReport[] = [];
  for (const file of files) {
    const report = await checkBlueprintFile(file, registry);
    reports.push(report);
    if (!options.json) for (const line of formatReport(report, palette)) io.stdout.line(line);
  }
  if (options.json) io.stdout.line(JSON.stringify(reports.map(toValidateJson), null, 2));
  else io.stdout.line(formatSummary(countProblems(reports), palette));
  return reports.every((report) => report.ok) ? ExitCode.ok : ExitCode.problems;
}
