/**
 * The CLI's exit codes: 0 when no file has errors, 1 when one has (warnings alone do not fail) or when the server
 * refused or could not be reached, 2 for a usage error, 70 (EX_SOFTWARE from sysexits.h) for an internal error,
 * 130 when a question was cancelled with Ctrl-C (128 + SIGINT, as shells report it).
 */
export const ExitCode = { ok: 0, problems: 1, usage: 2, internal: 70, interrupted: 130 } as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
