/**
 * The CLI's exit codes: 0 when no file has errors, 1 when one has (warnings alone do not fail), 2 for a usage
 * error, 70 (EX_SOFTWARE from sysexits.h) for an internal error.
 */
export const ExitCode = { ok: 0, problems: 1, usage: 2, internal: 70 } as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
