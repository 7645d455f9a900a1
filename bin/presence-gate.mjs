#!/usr/bin/env node
// The presence-gate command line: a development and operations tool run
// from a clone of the repository. It loads the TypeScript sources through
// tsx (a devDependency), so it works right after `npm ci`.
import { register } from 'tsx/esm/api';

// The AWS SDK warns that it will need a newer Node.js, and Powertools would
// write CloudWatch metrics lines; neither is of use on a terminal.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
