#!/usr/bin/env node
// The projecttwin CLI. It runs the TypeScript sources directly through tsx, so no build step is needed:
// `npx projecttwin validate my.blueprint.json` from the repository root. See runtime/cli/main.ts.
import { fileURLToPath, URL } from 'node:url';

try {
  const { register } = await import('tsx/esm/api');
  register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
  const { main } = await import('../runtime/cli/main.ts');
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  // Only reached when the CLI itself cannot load; main() reports its own errors.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`projecttwin: internal error: ${message.split('\n')[0]}\n`);
  if (process.env.PROJECTTWIN_DEBUG === '1' && error instanceof Error) {
    process.stderr.write(`${error.stack}\n`);
  }
  process.exitCode = 70;
}
