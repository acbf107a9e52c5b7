/** Thrown for a command line the CLI cannot run: the message says what is wrong, the usage text follows it. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * The CLI's short usage text, shown by `--help`, `help` and after a usage error.
 * @example console.log(usageText())
 */
export function usageText(): string {
  return `Usage: projecttwin <command> [options]

Commands:
  validate <file...>  check blueprints; print each problem on one line, then a summary
  compile <file>      compile a blueprint and print its execution plan
  login               log in to a ProjectTwin server and store an API token for the CLI
  logout              forget the stored token, and delete it on the server
  publish <path>      check, then publish a blueprint, layout, model or component to the server
  help                show this text

Options:
  --json              machine-readable JSON on stdout, and nothing else on stdout (validate, compile, publish)
  --server <url>      the server (login, logout, publish); default: $PROJECTTWIN_SERVER, else the server
                      logged in to last (publish, logout), else http://localhost:8787
  --token <token>     login with an API token made on the server, instead of an email and password
  --email <email>     login as this account (asked for on a terminal when not given)
  --password-stdin    login with the password read from stdin, for scripts (needs --email)
  --model <file>      publish: the model file that goes with a model card (default: the one beside it)
  -h, --help          show this text

What publish sends, by what <path> is:
  a .json with "nodes"               a blueprint (compiled first: errors stop it)
  a .json with "kind": "mosaic"      a layout
  a .json with "task" and "inputs"   a model card, with the .onnx file of the same name beside it
                                     (or the only .onnx in its folder, or --model <file>)
  a folder with manifest.json        a component, with the module its "implementation" names, or index.js
  a folder with model-card.json      a model, with the one .onnx file in the folder (card.json works too)

Problems are printed as  <file>:<pointer>: <severity> <code>: <message>
(the pointer is a JSON pointer into the file, left out when the problem is about the whole file);
docs/errors.md explains each code.
Exit codes: 0 no errors (warnings allowed), 1 errors found (or the server refused, could not be reached,
or you are not logged in), 2 usage error, 70 internal error.

The token is kept in $XDG_CONFIG_HOME/projecttwin/credentials.json (default ~/.config/projecttwin/), readable
only by you. In CI, set PROJECTTWIN_TOKEN (and PROJECTTWIN_SERVER) instead of logging in.

Examples:
  npx projecttwin validate docs/examples/*.blueprint.json
  npx projecttwin compile docs/examples/pump-fleet.blueprint.json --json
  npx projecttwin login --server https://twins.example.com
  npx projecttwin publish my-pumps.blueprint.json
  npx projecttwin publish models/pump-rul/`;
}
