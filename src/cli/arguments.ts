import { parseArgs } from 'node:util';
import { usageProblem } from './problem';

export const commandNames = ['check', 'explain', 'send'] as const;
export type CommandName = (typeof commandNames)[number];

export interface CommandLine {
  command: CommandName | undefined;
  /** The command's one argument: the agent id or the file. */
  argument: string | undefined;
  json: boolean;
  help: boolean;
  secretId: string | undefined;
  awsRegion: string | undefined;
  agentId: string | undefined;
}

const options = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  'secret-id': { type: 'string' },
  region: { type: 'string' },
  agent: { type: 'string' },
} as const;

/** Reads the command line; throws a usage CliProblem when it is wrong. */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  let parsed: ReturnType<typeof parseWith>;
  try {
    parsed = parseWith(argv);
  } catch (error) {
    throw usageProblem(error instanceof Error ? error.message : String(error));
  }

  const { values, positionals } = parsed;
  const [name, ...rest] = positionals;
  const line: CommandLine = {
    command: name === 'help' ? undefined : readCommand(name),
    argument: rest[0],
    json: values.json ?? false,
    help: (values.help ?? false) || name === 'help',
    secretId: values['secret-id'],
    awsRegion: values.region,
    agentId: values.agent,
  };
  if (!line.help) checkArguments(line, rest);
  return line;
}

function parseWith(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options,
    allowPositionals: true,
    strict: true,
  });
}

function readCommand(name: string | undefined): CommandName | undefined {
  if (name === undefined) return undefined;
  if ((commandNames as readonly string[]).includes(name)) {
    return name as CommandName;
  }
  throw usageProblem(
    `unknown command ${name}; the commands are ${commandNames.join(', ')}`,
  );
}

function checkArguments(line: CommandLine, rest: string[]): void {
  const wanted = line.command === 'check' ? 0 : 1;
  if (line.command === undefined) {
    throw usageProblem('a command is required: check, explain or send');
  }
  if (rest.length > wanted) {
    throw usageProblem(`too many arguments for ${line.command}`);
  }
  if (rest.length < wanted) {
    const what = line.command === 'explain' ? 'an agent id' : 'a file';
    throw usageProblem(`${line.command} needs ${what}`);
  }
  if (line.agentId !== undefined && line.command !== 'check') {
    throw usageProblem('--agent is an option of check only');
  }
  for (const [flag, value] of [
    ['--secret-id', line.secretId],
    ['--region', line.awsRegion],
    ['--agent', line.agentId],
  ] as const) {
    if (value?.trim() === '') throw usageProblem(`${flag} needs a value`);
  }
}

export const usage = `Usage: presence-gate <command> [options]

Diagnoses the presence gate's setup and decisions, with the configuration
and secret the function uses.

Commands:
  check              read the secret, log in to Genesys Cloud and try the
                     reads the gate makes; say what is wrong and how to fix it
  explain <agentId>  the agent's presence, routing status and state, and what
                     the gate would decide, by which policy rule
  send <file>        push a notification (envelope JSON) through the gate and
                     print its answer; forwards only where FORWARD_URL is set

Options:
  --secret-id <id>   Secrets Manager secret (default: GENESYS_SECRET_ID)
  --region <region>  AWS region of the secret (default: AWS_REGION)
  --agent <id>       check: read this user instead of the org's first one
  --json             one JSON document on stdout, for scripts
  -h, --help         this help

Without a secret id, the CLI starts the local stack (a simulated Genesys
Cloud org, Secrets Manager and target on loopback) and runs against it.

Exit codes:
  0  check passed; explain or send: forward
  1  explain or send: drop; check: the --agent user was not found;
     or an unexpected error
  2  usage: unknown command or option, missing argument, bad file
  3  setup: configuration, secret, OAuth client, role or region
  4  unavailable: Genesys Cloud or AWS unreachable, throttled or failing;
     send: the gate handed the notification back (retry)
`;
