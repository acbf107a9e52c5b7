/** Thrown for a command line the CLI cannot run: the message says what is wrong, the usage text follows it. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * The CLI's short usage text, shown by `--help`, `help` and after a usage error.
 * @example console.log(usageText())
 */
export function usageText(): string {
  return `Usage: projecttwin <command> [--json] <file...>

Commands:
  validate <file...>  check blueprints; print each problem on one line, then a summary
  compile <file>      compile a blueprint and print its execution plan
  help                show this text

Options:
  --json              machine-readable JSON on stdout, and nothing else on stdout
  -h, --help          show this text

Problems are printed as  <file>:<pointer>: <severity> <code>: <message>
(the pointer is a JSON pointer into the file, left out when the problem is about the whole file);
docs/errors.md explains each code.
Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage error, 70 internal error.

Examples:
  npx projecttwin validate docs/examples/*.blueprint.json
  npx projecttwin compile docs/examples/pump-fleet.blueprint.json --json`;
}
