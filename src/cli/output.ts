import { CliProblem, ExitCode } from './problem';
import { describeSetup, type Setup } from './setup';

/** Where the CLI writes and what environment it reads: injectable. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
  /** Resolves file arguments; the process's directory when absent. */
  cwd?: string;
}

/** What a command answers: an exit code, JSON, and text for people. */
export interface CommandResult {
  exitCode: ExitCode;
  json: Record<string, unknown>;
  lines: string[];
  /** Text goes to stderr, as for a failure. */
  toStderr?: boolean;
}

export function writeResult(
  io: CliIo,
  result: CommandResult,
  json: boolean,
): void {
  if (json) {
    io.stdout.write(`${JSON.stringify(result.json, null, 2)}\n`);
    return;
  }
  const stream = result.toStderr ? io.stderr : io.stdout;
  stream.write(`${result.lines.join('\n')}\n`);
}

/** Any failure as a CliProblem; an unexpected error keeps its message. */
export function toProblem(error: unknown): CliProblem {
  if (error instanceof CliProblem) return error;
  return new CliProblem({
    exitCode: ExitCode.negative,
    code: 'unexpected',
    message: error instanceof Error ? error.message : String(error),
  });
}

/** The answer of a command that could not do its work. */
export function problemResult(
  command: string | null,
  error: unknown,
  setup?: Setup,
): CommandResult {
  const problem = toProblem(error);
  return {
    exitCode: problem.exitCode,
    json: {
      command,
      exitCode: problem.exitCode,
      ...(setup ? { setup: describeSetup(setup) } : {}),
      problem: problem.toJSON(),
    },
    lines: [
      ...wrap(problem.message, 'presence-gate: ', '  '),
      ...problemLines(problem),
    ],
    toStderr: true,
  };
}

/** The likely cause and the fix, indented under a failure. */
export function problemLines(problem: CliProblem, indent = '  '): string[] {
  const { likelyCause, fix } = problem.details;
  const more = `${indent}  `;
  return [
    ...(likelyCause ? wrap(`likely cause: ${likelyCause}`, indent, more) : []),
    ...(fix ? wrap(`fix: ${fix}`, indent, more) : []),
  ];
}

const columns = 80;

/**
 * `text` in lines of at most 80 columns where the words allow: the first
 * line starts with `first`, the others with `indent`.
 */
export function wrap(text: string, first: string, indent: string): string[] {
  const lines: string[] = [];
  let line = first;
  let fresh = true;
  for (const word of text.split(' ')) {
    if (!fresh && line.length + 1 + word.length > columns) {
      lines.push(line);
      line = indent + word;
    } else {
      line = fresh ? line + word : `${line} ${word}`;
    }
    fresh = false;
  }
  lines.push(line);
  return lines;
}

/** Enough of an id to recognise it, never all of it. */
export function maskId(id: string): string {
  const shown = Math.min(4, Math.floor(id.length / 3));
  return `${id.slice(0, shown)}…`;
}

/** One line on where the CLI runs. */
export function setupLine(setup: Setup): string {
  if (setup.kind === 'local') {
    return 'against the local stack (simulated Genesys Cloud on loopback)';
  }
  return `against secret ${setup.secretId} in ${setup.awsRegion}`;
}

/** A URL without its query, which may hold a key. */
export function withoutQuery(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}
