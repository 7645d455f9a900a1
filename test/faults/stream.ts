import { createHash } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import type {
  LogItemExtraInput,
  LogItemMessage,
} from '@aws-lambda-powertools/logger/types';
import type {
  APIGatewayProxyEventV2,
  Context,
  SQSEvent,
  SQSRecord,
} from 'aws-lambda';
import { demoUserIds } from '../../dev/genesys-sim';
import type { LocalStack } from '../../dev/local-stack';
import type { RecordedRequest } from '../../dev/target';
import httpApiSample from '../../events/http/v2-forward-on-queue-idle.json';
import sqsSample from '../../events/sqs/standard-mixed.json';
import { createHttpHandler } from '../../src/handlers/http';
import { createSqsHandler } from '../../src/handlers/sqs';

/**
 * Runs a stream of notifications through the gate's HTTP or SQS handler,
 * called in process with a Lambda context, and records what each
 * notification ended in and how long each invocation took. Imports no
 * test runner, so a script can run a stream too.
 */

export type Trigger = 'http' | 'sqs';
export type Outcome = 'forwarded' | 'dropped' | 'retried';

/** A notification of the stream and what the policy makes of its agent. */
export interface StreamItem {
  id: string;
  agentId: string;
  expected: Exclude<Outcome, 'retried'>;
}

/** One handler call: the notifications it carried and its wall time. */
export interface Invocation {
  ids: string[];
  remainingMs: number;
  elapsedMs: number;
}

/** An answer for one notification; `failed` is none of the three. */
export interface Answered {
  id: string;
  outcome: Outcome | 'failed';
  /** The gate's reason code, as it answered or logged it. */
  reason?: string;
}

export interface Round {
  answers: Answered[];
  invocations: Invocation[];
}

export interface StreamOptions {
  trigger: Trigger;
  /** Where the SQS handler's reasons are read, as it answers none. */
  decisions: DecisionLog;
  /** What the fake Lambda context says is left at the start of a call. */
  remainingMs?: number;
  /** HTTP calls, or SQS batches, in flight at once. */
  concurrency?: number;
  /** Runs alongside the calls from the middle of the stream on. */
  midway?: () => Promise<void>;
}

/** Agents that forward and agents that drop, taken in turn. */
const agentCycle: readonly Omit<StreamItem, 'id'>[] = [
  { agentId: demoUserIds.onQueueIdle, expected: 'forwarded' },
  { agentId: demoUserIds.onQueueInteracting, expected: 'forwarded' },
  { agentId: demoUserIds.availableOffQueue, expected: 'forwarded' },
  { agentId: demoUserIds.away, expected: 'dropped' },
  { agentId: demoUserIds.unknown, expected: 'dropped' },
];

export const sqsBatchSize = 10;
const defaultConcurrency: Record<Trigger, number> = { http: 20, sqs: 5 };

/** `count` notifications with ids that start with `prefix`. */
export function streamOf(prefix: string, count: number): StreamItem[] {
  return Array.from({ length: count }, (_, n) => {
    const agent = agentCycle[n % agentCycle.length] as (typeof agentCycle)[0];
    return { id: `${prefix}-${String(n).padStart(3, '0')}`, ...agent };
  });
}

/** The envelope; the payload names its notification, to check keys by. */
function envelopeOf(item: StreamItem) {
  return {
    id: item.id,
    agentId: item.agentId,
    payload: { channel: 'dfo', ref: item.id },
  };
}

/** A context whose remaining time runs down from `remainingMs`. */
export function lambdaContext(remainingMs: number): Context {
  const deadline = Date.now() + remainingMs;
  return { getRemainingTimeInMillis: () => deadline - Date.now() } as Context;
}

/**
 * The gate's logger, silent, keeping the last decision logged for each
 * notification: the SQS handler reports retries without their reason.
 */
export class DecisionLog extends Logger {
  private readonly reasons = new Map<string, string>();

  constructor() {
    super({ logLevel: 'SILENT' });
  }

  override info(input: LogItemMessage, ...extra: LogItemExtraInput): void {
    const [fields] = extra as { notificationId?: string; reason?: string }[];
    if (input === 'decision' && fields?.notificationId) {
      this.reasons.set(fields.notificationId, String(fields.reason));
    }
    super.info(input, ...extra);
  }

  /** The reason logged since the last take, so none outlives its round. */
  takeReason(notificationId: string): string | undefined {
    const reason = this.reasons.get(notificationId);
    this.reasons.delete(notificationId);
    return reason;
  }
}

/** Sends `items` and answers what each ended in, in one round. */
export async function runStream(
  stack: LocalStack,
  items: readonly StreamItem[],
  options: StreamOptions,
): Promise<Round> {
  const round: Round = { answers: [], invocations: [] };
  const units =
    options.trigger === 'http'
      ? items.map((item) => [item])
      : chunk(items, sqsBatchSize);
  const invoke = options.trigger === 'http' ? invokeHttp : invokeSqs;
  const { decisions } = options;
  const remainingMs = options.remainingMs ?? 3_000;

  const midway = startMidway(options.midway);
  await inPool(
    units,
    options.concurrency ?? defaultConcurrency[options.trigger],
    async (unit, index) => {
      if (index === Math.floor(units.length / 2)) midway.start();
      const started = performance.now();
      const answers = await invoke(stack, unit, remainingMs, decisions);
      const elapsedMs = performance.now() - started;
      const ids = unit.map((item) => item.id);
      round.invocations.push({ ids, remainingMs, elapsedMs });
      round.answers.push(...answers);
    },
  );
  await midway.done();
  return round;
}

/** The action that runs mid-stream; its failure fails the stream. */
function startMidway(action: (() => Promise<void>) | undefined) {
  let running: Promise<unknown> = Promise.resolve();
  let failure: { error: unknown } | undefined;
  return {
    start() {
      running = (action?.() ?? Promise.resolve()).catch((error) => {
        failure = { error };
      });
    },
    async done() {
      await running;
      if (failure) throw failure.error;
    },
  };
}

/** Runs `run` on every unit, `concurrency` at a time, in order. */
async function inPool<T>(
  units: readonly T[],
  concurrency: number,
  run: (unit: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < units.length) {
      const index = next;
      next += 1;
      await run(units[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}

/** One HTTP API call: 200 forward or drop, 503 retry, anything else fails. */
async function invokeHttp(
  stack: LocalStack,
  [item]: StreamItem[],
  remainingMs: number,
): Promise<Answered[]> {
  if (!item) return [];
  const handler = createHttpHandler(() => stack.gate);
  const result = await handler(apiEvent(item), lambdaContext(remainingMs));
  const body = JSON.parse(result.body) as { outcome?: string; reason?: string };
  const outcome = httpOutcome(result.statusCode, body);
  return [{ id: item.id, outcome, reason: body.reason }];
}

function httpOutcome(status: number, body: { outcome?: string }) {
  if (status === 503) return 'retried';
  if (status !== 200) return 'failed';
  if (body.outcome === 'forward') return 'forwarded';
  return body.outcome === 'drop' ? 'dropped' : 'failed';
}

/** The committed HTTP API event, cloned, carrying `item`. */
function apiEvent(item: StreamItem): APIGatewayProxyEventV2 {
  const event = structuredClone(httpApiSample) as APIGatewayProxyEventV2;
  const body = JSON.stringify(envelopeOf(item));
  event.body = body;
  event.headers['content-length'] = String(Buffer.byteLength(body));
  event.requestContext.requestId = `req-${item.id}`;
  return event;
}

/**
 * One SQS batch: a reported record is handed back; any other is forwarded
 * or dropped as its agent says. A reported id that was not sent fails.
 */
async function invokeSqs(
  stack: LocalStack,
  batch: StreamItem[],
  remainingMs: number,
  decisions: DecisionLog,
): Promise<Answered[]> {
  const handler = createSqsHandler(() => stack.gate);
  const event: SQSEvent = { Records: batch.map(sqsRecord) };
  const response = await handler(event, lambdaContext(remainingMs));
  const reported = new Set(
    response.batchItemFailures.map((failure) => failure.itemIdentifier),
  );
  const answers: Answered[] = batch.map((item) => ({
    id: item.id,
    outcome: reported.delete(messageIdOf(item)) ? 'retried' : item.expected,
    reason: decisions.takeReason(item.id),
  }));
  const strays = [...reported].map((messageId) => ({
    id: `reported but not sent: ${messageId}`,
    outcome: 'failed' as const,
  }));
  return [...answers, ...strays];
}

/** The queue's own id differs from the notification id, as in life. */
function messageIdOf(item: StreamItem): string {
  return `msg-${item.id}`;
}

/** The committed queue record, cloned, carrying `item`. */
function sqsRecord(item: StreamItem): SQSRecord {
  const record = structuredClone(sqsSample.Records[0]) as SQSRecord;
  record.messageId = messageIdOf(item);
  record.body = JSON.stringify(envelopeOf(item));
  record.md5OfBody = createHash('md5').update(record.body).digest('hex');
  return record;
}

/** How many notifications ended in each outcome. */
export function tally(answers: readonly Answered[]) {
  const counts = { forwarded: 0, dropped: 0, retried: 0, failed: 0 };
  for (const answer of answers) counts[answer.outcome] += 1;
  return counts;
}

export function idsWith(
  answers: readonly Answered[],
  outcome: Answered['outcome'],
): string[] {
  return answers.filter((a) => a.outcome === outcome).map((a) => a.id);
}

/** Ids answered other than exactly once, and answers for unsent ids. */
export function answeredOtherThanOnce(
  items: readonly StreamItem[],
  answers: readonly Answered[],
): string[] {
  const times = countBy(answers.map((answer) => answer.id));
  const sent = new Set(items.map((item) => item.id));
  const strays = [...times.keys()].filter((id) => !sent.has(id));
  const wrong = items.filter((item) => times.get(item.id) !== 1);
  return [...wrong.map((item) => item.id), ...strays];
}

/** Invocations that took as long as the time they were told was left. */
export function overBudget(invocations: readonly Invocation[]) {
  return invocations
    .filter((call) => call.elapsedMs >= call.remainingMs)
    .map((call) => ({ ids: call.ids, elapsedMs: Math.round(call.elapsedMs) }));
}

/** What the target recorded, by idempotency key. */
export interface TargetRecord {
  /** How many requests with the key the target answered 2xx. */
  accepted: Map<string, number>;
  /** Every request with the key, whatever became of it. */
  received: Map<string, number>;
  /** Requests whose key is no sent id or not the payload's own. */
  misKeyed: string[];
}

export async function readTargetRecord(
  stack: LocalStack,
  items: readonly StreamItem[],
): Promise<TargetRecord> {
  const requests = await stack.targetControl.requests();
  const sent = new Set(items.map((item) => item.id));
  const keyOf = (r: RecordedRequest) => r.headers['idempotency-key'] ?? '';
  const accepted = requests.filter((r) => isAccepted(r.status));
  return {
    accepted: countBy(accepted.map(keyOf)),
    received: countBy(requests.map(keyOf)),
    misKeyed: requests
      .filter((r) => !sent.has(keyOf(r)) || payloadRef(r) !== keyOf(r))
      .map((r) => `${keyOf(r) || '(no key)'} carrying ${payloadRef(r)}`),
  };
}

function isAccepted(status: number | null): boolean {
  return status !== null && status >= 200 && status < 300;
}

function payloadRef(request: RecordedRequest): string {
  try {
    return String((JSON.parse(request.body) as { ref?: unknown }).ref);
  } catch {
    return '(no JSON body)';
  }
}

function countBy(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/** Each id with how many times the target accepted it, where not `times`. */
export function acceptedOtherThan(
  target: TargetRecord,
  ids: readonly string[],
  times: number,
): { id: string; accepted: number }[] {
  return ids
    .map((id) => ({ id, accepted: target.accepted.get(id) ?? 0 }))
    .filter((entry) => entry.accepted !== times);
}

/** Each notification's last answer over `rounds`, in their order. */
export function lastAnswers(rounds: readonly Round[]): Map<string, Answered> {
  const last = new Map<string, Answered>();
  for (const round of rounds) {
    for (const answer of round.answers) last.set(answer.id, answer);
  }
  return last;
}

/**
 * How often each notification was handed back after trying the target:
 * each time, the target may have accepted it and its answer been lost.
 */
export function targetTries(rounds: readonly Round[]): Map<string, number> {
  const tries = rounds.flatMap((round) =>
    round.answers
      .filter((answer) => answer.reason === 'target_unavailable')
      .map((answer) => answer.id),
  );
  return countBy(tries);
}

/**
 * Notifications handed back although the target accepted them: the gate
 * gave up waiting for the target's answer (a timeout, the end of the
 * budget), so it could not know. Their next attempt carries the same key.
 */
export function answerLost(
  answers: readonly Answered[],
  target: TargetRecord,
): string[] {
  return answers
    .filter((answer) => answer.outcome === 'retried')
    .filter((answer) => (target.accepted.get(answer.id) ?? 0) > 0)
    .map((answer) => answer.id);
}
