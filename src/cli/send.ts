import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigurationError, InvalidInputError } from '../errors';
import { TimeBudget } from '../net/budget';
import type { Answer } from '../notifications/answer';
import type { Notification } from '../notifications/envelope';
import { type CommandResult, setupLine, withoutQuery } from './output';
import { CliProblem, ExitCode, usageProblem } from './problem';
import { describeSetup, type Setup } from './setup';

/** Longest the gate may take, as a Lambda's budget would bound it. */
const invocationBudgetMs = 30_000;

const exitCodes = {
  forward: ExitCode.ok,
  drop: ExitCode.negative,
  retry: ExitCode.unavailable,
} as const;

/**
 * send: one notification from a file through the gate, as the function
 * takes it; forwarded only where FORWARD_URL is set.
 */
export async function send(
  setup: Setup,
  file: string,
  cwd: string = process.cwd(),
): Promise<CommandResult> {
  const notification = await readNotificationFile(setup, resolve(cwd, file));
  const budget = new TimeBudget(Date.now() + invocationBudgetMs);

  let answer: Answer;
  try {
    answer = await setup.gate.process(notification, { budget });
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    throw misconfigured(error);
  }
  return sendResult(setup, file, answer);
}

async function readNotificationFile(
  setup: Setup,
  path: string,
): Promise<Notification> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw usageProblem(`cannot read ${path} (${code})`);
  }

  const limit = setup.config.maxNotificationBytes;
  if (Buffer.byteLength(text) > limit) {
    throw usageProblem(`${path} is over MAX_NOTIFICATION_BYTES (${limit})`);
  }
  try {
    return setup.gate.readNotification(JSON.parse(text));
  } catch (error) {
    if (error instanceof SyntaxError) {
      throw usageProblem(`${path} is not JSON: ${error.message}`);
    }
    if (!(error instanceof InvalidInputError)) throw error;
    throw usageProblem(`${path}: ${error.message}`);
  }
}

function misconfigured(error: ConfigurationError): CliProblem {
  return new CliProblem({
    exitCode: ExitCode.setup,
    code: 'gate_misconfigured',
    message: error.message,
    likelyCause: 'the gate would answer 500 gate_misconfigured',
    fix: 'run presence-gate check for the cause and the fix',
  });
}

function sendResult(setup: Setup, file: string, answer: Answer): CommandResult {
  const exitCode = exitCodes[answer.outcome];
  const forwardUrl = setup.config.forwardUrl;
  const where =
    forwardUrl === null
      ? 'FORWARD_URL is not set: the gate decides only'
      : `forwards go to ${withoutQuery(forwardUrl)}`;
  return {
    exitCode,
    json: {
      command: 'send',
      exitCode,
      setup: describeSetup(setup),
      file,
      forwarding: forwardUrl !== null,
      answer,
    },
    lines: [
      `presence-gate send ${file} ${setupLine(setup)}`,
      `${answer.outcome} (${answer.reason}` +
        (answer.rule ? `, rule ${answer.rule})` : ')'),
      where,
      JSON.stringify(answer, null, 2),
    ],
  };
}
