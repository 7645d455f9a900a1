import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import axios from 'axios';
import { verifySignature } from '../src/target/signature';
import type { SimFaultRule } from './genesys-sim/control';
import type { FaultRule } from './lib/faults';
import { demoSigningKey, type LocalStack } from './local-stack';
import type { RecordedRequest } from './target';

/** What the gate should answer to an API Gateway event in events/http. */
export interface ExpectedAnswer {
  status: number;
  outcome?: string;
  reason?: string;
  rule?: string;
  /** The error code of a refused request. */
  error?: string;
}

/** What each trigger's handler should return; see events/manifest.json. */
export interface Expected extends Partial<ExpectedAnswer> {
  /** sqs/: message ids in batchItemFailures. */
  batchItemFailures?: string[];
  /** sqs/: notification ids that reach the target. */
  forwarded?: string[];
  /** pipes/: message ids of the records handed on. */
  items?: string[];
  /** invoke/: one answer per item. */
  answers?: Partial<ExpectedAnswer>[];
}

export interface EventCase {
  file: string;
  description: string;
  expect: Expected;
  setup?: { genesysFault?: SimFaultRule; targetFault?: FaultRule };
}

export interface ReplayResult {
  case: EventCase;
  /** What came back, in a few words. */
  summary: string;
  /** Problems found; empty when the answer was the expected one. */
  problems: string[];
}

const eventsFolder = join(import.meta.dirname, '..', 'events');

/** The function that takes each folder's events, as in serverless.yml. */
const functionOf: Record<string, string> = {
  http: 'http',
  sqs: 'queue',
  pipes: 'pipeline',
  invoke: 'invoke',
};

export function readEventCases(): EventCase[] {
  const manifest = readJson(join(eventsFolder, 'manifest.json')) as {
    events: EventCase[];
  };
  return manifest.events;
}

export function readEvent(file: string): Record<string, unknown> {
  return readJson(join(eventsFolder, file)) as Record<string, unknown>;
}

/**
 * Invokes the gate's function for one event file through the local API, as
 * Lambda would, and checks what it returned and what reached the target.
 */
export async function replayEvent(
  stack: LocalStack,
  eventCase: EventCase,
): Promise<ReplayResult> {
  await prepare(stack, eventCase);
  await stack.targetControl.clearRequests();

  const folder = eventCase.file.split('/')[0] ?? '';
  const url = stack.api.invokeUrlOf(functionOf[folder] ?? folder);
  const returned = (await axios.post(url, readEvent(eventCase.file))).data;

  await stack.genesys.control.clearFaults();
  await stack.targetControl.clearFaults();

  const received = await stack.targetControl.requests();
  const accepted = received.filter((r) => r.status !== null && r.status < 300);
  const check = checkers[folder] ?? checkUnknown;
  const { summary, problems } = check(eventCase.expect, returned, accepted);
  problems.push(...checkSignatures(received));
  return { case: eventCase, summary, problems };
}

async function prepare(stack: LocalStack, eventCase: EventCase) {
  const setup = eventCase.setup ?? {};
  if (setup.genesysFault) {
    await stack.genesys.control.addFault(setup.genesysFault);
  }
  if (setup.targetFault) await stack.targetControl.addFault(setup.targetFault);
}

interface Check {
  summary: string;
  problems: string[];
}

type Checker = (
  expected: Expected,
  returned: unknown,
  delivered: RecordedRequest[],
) => Check;

const checkers: Record<string, Checker> = {
  http: checkHttp,
  sqs: checkQueue,
  pipes: checkPipeline,
  invoke: checkInvoke,
};

function checkHttp(
  expected: Expected,
  returned: unknown,
  delivered: RecordedRequest[],
): Check {
  const result = returned as { statusCode: number; body: string };
  const body = JSON.parse(result.body) as Record<string, unknown>;
  const actual = describeAnswer(body, result.statusCode);

  const problems = compare(expected, actual, 'status', 'error');
  const keys = delivered.map((r) => r.headers['idempotency-key']);
  const wanted = actual.outcome === 'forward' ? [body.notificationId] : [];
  problems.push(...compareLists('forwarded', wanted, keys));

  const agent = (body.agent as { id?: string } | undefined)?.id;
  const who = agent ? `agent …${agent.slice(-4)}: ` : '';
  return { summary: who + summarise(actual), problems };
}

function checkQueue(
  expected: Expected,
  returned: unknown,
  delivered: RecordedRequest[],
): Check {
  const failures = (
    returned as { batchItemFailures: { itemIdentifier: string }[] }
  ).batchItemFailures.map((f) => f.itemIdentifier);
  const keys = delivered.map((r) => r.headers['idempotency-key']);

  const problems = [
    ...compareLists('batchItemFailures', expected.batchItemFailures, failures),
    ...compareLists('forwarded', expected.forwarded, keys),
  ];
  const retried = failures.length;
  const summary = `${keys.length} forwarded, ${retried} reported for a retry`;
  return { summary, problems };
}

function checkPipeline(
  expected: Expected,
  returned: unknown,
  delivered: RecordedRequest[],
): Check {
  if (!Array.isArray(returned)) {
    const error = returned as { errorType?: string };
    return { summary: `failed: ${error.errorType}`, problems: ['failed'] };
  }

  const ids = returned.map((item: { messageId: string }) => item.messageId);
  const problems = compareLists('items', expected.items, ids, true);
  if (delivered.length > 0) problems.push('the pipeline step forwarded');
  return { summary: `${ids.length} records handed on`, problems };
}

function checkInvoke(expected: Expected, returned: unknown): Check {
  const answers = (Array.isArray(returned) ? returned : [returned]).map(
    (answer: Record<string, unknown>) => describeAnswer(answer),
  );
  const wanted = expected.answers ?? [];

  const problems = wanted.flatMap((want, index) =>
    compare(want, answers[index] ?? {}, 'outcome').map(
      (problem) => `item ${index}: ${problem}`,
    ),
  );
  if (answers.length !== wanted.length) {
    problems.push(`${answers.length} answers (expected ${wanted.length})`);
  }
  return { summary: answers.map(summarise).join('; '), problems };
}

function checkUnknown(): Check {
  return { summary: 'no function for this folder', problems: ['unknown'] };
}

function describeAnswer(
  body: Record<string, unknown>,
  status?: number,
): Partial<ExpectedAnswer> {
  const error = body.error as { code?: string } | undefined;
  const answer: Partial<ExpectedAnswer> = { status };
  if (error && body.outcome === undefined) return { status, error: error.code };
  answer.outcome = body.outcome as string;
  answer.reason = body.reason as string;
  if (body.rule) answer.rule = body.rule as string;
  return answer;
}

function summarise(answer: Partial<ExpectedAnswer>): string {
  const status = answer.status ? `${answer.status} ` : '';
  if (answer.error) return `${status}${answer.error}`;
  const rule = answer.rule ? ` (${answer.rule})` : '';
  return `${status}${answer.outcome} ${answer.reason}${rule}`;
}

function compare(
  expected: Partial<ExpectedAnswer>,
  actual: Partial<ExpectedAnswer>,
  ...required: (keyof ExpectedAnswer)[]
): string[] {
  const keys = ['status', 'outcome', 'reason', 'rule', 'error'] as const;
  return keys
    .filter((key) => key in expected || required.includes(key))
    .filter((key) => expected[key] !== actual[key])
    .map((key) => `${key} ${actual[key]} (expected ${expected[key]})`);
}

function compareLists(
  name: string,
  expected: readonly unknown[] | undefined,
  actual: readonly unknown[],
  ordered = false,
): string[] {
  const tidy = (list: readonly unknown[]) =>
    ordered ? list.map(String) : list.map(String).sort();
  const want = JSON.stringify(tidy(expected ?? []));
  const got = JSON.stringify(tidy(actual));
  return want === got ? [] : [`${name} ${got} (expected ${want})`];
}

/** Every request that reached the target is signed with the demo key. */
function checkSignatures(delivered: RecordedRequest[]): string[] {
  const now = Math.floor(Date.now() / 1000);
  return delivered
    .filter((request) => {
      const header = String(request.headers['x-presence-gate-signature']);
      return !verifySignature(header, request.body, [demoSigningKey], now);
    })
    .map((request) => `unverified signature on ${request.path}`);
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}
