import type { Problem } from '../../schemas/problems';
import type { FileReport } from './check-blueprint-file';
import { createPalette, oneLine, type Palette } from './palette';

const plain = createPalette(false);

/**
 * One problem as one compiler-style line: `<file>:<pointer>: <severity> <code>: <message>`. When the problem is
 * about the whole document (empty pointer) the pointer and its colon are left out, as compilers do for a
 * problem without a location: `<file>: <severity> <code>: <message>`.
 * @example
 * formatProblem('pump.json', { code: 'PT102', severity: 'error', pointer: '/nodes/1/type', message: 'Unknown.' })
 * // 'pump.json:/nodes/1/type: error PT102: Unknown.'
 */
export function formatProblem(file: string, problem: Problem, palette: Palette = plain): string {
  const where = oneLine(problem.pointer === '' ? file : `${file}:${problem.pointer}`);
  const severity = problem.severity === 'error' ? palette.error('error') : palette.warning('warning');
  return `${palette.bold(where)}: ${severity} ${problem.code}: ${oneLine(problem.message)}`;
}

/**
 * The line for a file the CLI could not read at all (missing, a folder, unreadable): `<file>: error: <reason>`.
 * @example formatFileError('missing.json', 'file not found') // 'missing.json: error: file not found'
 */
export function formatFileError(file: string, reason: string, palette: Palette = plain): string {
  return `${palette.bold(oneLine(file))}: ${palette.error('error')}: ${oneLine(reason)}`;
}

/**
 * All the lines for one checked file: its read error, or its problems in document order.
 * @example formatReport({ file: 'a.json', ok: false, problems: [], error: 'file not found' })
 * // ['a.json: error: file not found']
 */
export function formatReport(report: FileReport, palette: Palette = plain): string[] {
  if (report.error !== undefined) return [formatFileError(report.file, report.error, palette)];
  return report.problems.map((problem) => formatProblem(report.file, problem, palette));
}

/** How many files were checked and what was found in them. */
export interface ProblemCounts {
  files: number;
  filesWithErrors: number;
  errors: number;
  warnings: number;
}

/**
 * Counts files, files with errors, errors and warnings; a file that could not be read counts as one error.
 * @example countProblems(reports) // { files: 2, filesWithErrors: 1, errors: 3, warnings: 1 }
 */
export function countProblems(reports: readonly FileReport[]): ProblemCounts {
  const counts: ProblemCounts = { files: reports.length, filesWithErrors: 0, errors: 0, warnings: 0 };
  for (const report of reports) {
    const errors = report.problems.filter((p) => p.severity === 'error').length;
    counts.errors += errors + (report.error === undefined ? 0 : 1);
    counts.warnings += report.problems.length - errors;
    if (!report.ok) counts.filesWithErrors += 1;
  }
  return counts;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * The one-line summary of a run.
 * @example formatSummary({ files: 2, filesWithErrors: 1, errors: 3, warnings: 1 })
 * // '2 files checked: 1 with errors, 3 errors, 1 warning'
 */
export function formatSummary(counts: ProblemCounts, palette: Palette = plain): string {
  const errors = plural(counts.errors, 'error');
  const warnings = plural(counts.warnings, 'warning');
  return [
    `${plural(counts.files, 'file')} checked: ${counts.filesWithErrors} with errors, `,
    counts.errors > 0 ? palette.error(errors) : errors,
    ', ',
    counts.warnings > 0 ? palette.warning(warnings) : warnings,
  ].join('');
}
