import type { Problem } from '../../schemas/problems';
import { ExitCode } from './exit-codes';

/** What goes with a failure besides its message. */
export interface CliFailureOptions {
  /** The file the failure is about: it prints as `<file>: error: <message>`, like validate's file errors. */
  file?: string;
  /** Coded problems to print first, one compiler-style line each (a 422 `blueprint_invalid`'s details). */
  problems?: Problem[];
  /** Plain lines about the file to print first, as `<file>: error: <line>` (a 400 `signature_mismatch`). */
  reasons?: string[];
  /** The HTTP status, when the server answered. */
  status?: number;
  /** The reason alone, without the context the message adds (the server's own message, for `--json`). */
  reason?: string;
  exitCode?: ExitCode;
}

/**
 * An expected way for a command to fail (not logged in, the server refused, a file is missing): printed as one
 * line `projecttwin: <message>` (or `<file>: error: <message>`), never with a stack trace. `code` is stable: the
 * server's error code when the server refused, else the CLI's own (`not_logged_in`, `unreachable`, ...).
 * @example throw new CliFailure('not logged in to http://localhost:8787; run projecttwin login', 'not_logged_in')
 */
export class CliFailure extends Error {
  override name = 'CliFailure';
  readonly file: string | undefined;
  readonly problems: Problem[];
  readonly reasons: string[];
  readonly status: number | undefined;
  readonly reason: string;
  readonly exitCode: ExitCode;

  constructor(
    message: string,
    readonly code: string,
    options: CliFailureOptions = {},
  ) {
    super(message);
    this.file = options.file;
    this.problems = options.problems ?? [];
    this.reasons = options.reasons ?? [];
    this.status = options.status;
    this.reason = options.reason ?? message;
    this.exitCode = options.exitCode ?? ExitCode.problems;
  }
}
