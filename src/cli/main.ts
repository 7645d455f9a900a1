import { type CommandLine, parseCommandLine, usage } from './arguments';
import { check, checkWithoutSetup } from './check';
import { checkAgentId, explain } from './explain';
import {
  type CliIo,
  type CommandResult,
  problemResult,
  toProblem,
  writeResult,
} from './output';
import { ExitCode } from './problem';
import { send } from './send';
import { openSetup, type Setup } from './setup';

export type { CliIo } from './output';

/**
 * The presence-gate command line: runs one command and resolves with the
 * exit code; writes only to `io`, reads only `io.env`.
 */
export async function main(
  argv: readonly string[],
  io: CliIo,
): Promise<number> {
  let line: CommandLine;
  try {
    line = parseCommandLine(argv);
  } catch (error) {
    const result = problemResult(null, error);
    result.lines.push('Run presence-gate --help for the commands.');
    writeResult(io, result, argv.includes('--json'));
    return result.exitCode;
  }
  if (line.help) {
    io.stdout.write(usage);
    return ExitCode.ok;
  }

  const result = await runCommand(line, io);
  writeResult(io, result, line.json);
  return result.exitCode;
}

async function runCommand(
  line: CommandLine,
  io: CliIo,
): Promise<CommandResult> {
  let setup: Setup;
  try {
    if (line.command === 'explain') checkAgentId(line.argument ?? '');
    setup = await openSetup({
      secretId: line.secretId,
      awsRegion: line.awsRegion,
      env: io.env,
    });
  } catch (error) {
    const problem = toProblem(error);
    if (line.command === 'check' && problem.exitCode === ExitCode.setup) {
      return checkWithoutSetup(problem);
    }
    return problemResult(line.command ?? null, problem);
  }

  if (setup.kind === 'local') {
    io.stderr.write(
      'presence-gate: no secret id (GENESYS_SECRET_ID or --secret-id), ' +
        'so against the local stack: a simulated Genesys Cloud org, ' +
        'Secrets Manager and target on loopback\n',
    );
  }
  try {
    return await runOn(setup, line, io);
  } catch (error) {
    return problemResult(line.command ?? null, error, setup);
  } finally {
    await setup.close();
  }
}

function runOn(setup: Setup, line: CommandLine, io: CliIo) {
  const argument = line.argument ?? '';
  switch (line.command) {
    case 'explain':
      return explain(setup, argument);
    case 'send':
      return send(setup, argument, io.cwd);
    default:
      return check(setup, line.agentId);
  }
}
