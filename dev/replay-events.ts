import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import axios from 'axios';
import { verifySignature } from '../src/target/signature';
import type { SimFaultRule } from './genesys-sim/control';
import type { FaultRule } from './lib/faults';
import { demoSigningKey, type LocalStack } from './local-stack';

/** What the gate should answer to one file in events/. */
export interface ExpectedAnswer {
  status: number;
  outcome?: string;
  reason?: string;
  rule?: string;
  /** The error code of a refused request. */
  error?: string;
}

export interface EventCase {
  file: string;
  description: string;
  expect: ExpectedAnswer;
  setup?: { genesysFault?: SimFaultRule; targetFault?: FaultRule };
}

export interface ReplayResult {
  case: EventCase;
  agentId: string | undefined;
  /** What the gate answered, in the terms of ExpectedAnswer. */
  actual: ExpectedAnswer;
  /** Problems found; empty when the answer was the expected one. */
  problems: string[];
}

const eventsFolder = join(import.meta.dirname, '..', 'events');

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
 * Invokes the gate on one event file through the local API, as Lambda
 * would, and checks the answer and, for a forward, what reached the target.
 */
export async function replayEvent(
  stack: LocalStack,
  eventCase: EventCase,
): Promise<ReplayResult> {
  await prepare(stack, eventCase);
  await stack.targetControl.clearRequests();

  const event = readEvent(eventCase.file);
  const invoked = await axios.post(stack.api.invokeUrl, event);
  const result = invoked.data as { statusCode: number; body: string };
  const body = JSON.parse(result.body) as Record<string, unknown>;

  await stack.genesys.control.clearFaults();
  await stack.targetControl.clearFaults();

  const actual = describeAnswer(result.statusCode, body);
  const problems = compare(eventCase.expect, actual);
  if (actual.outcome === 'forward') {
    problems.push(...(await checkDelivery(stack, body)));
  }
  return { case: eventCase, agentId: agentOf(body), actual, problems };
}

async function prepare(stack: LocalStack, eventCase: EventCase) {
  const setup = eventCase.setup ?? {};
  if (setup.genesysFault) {
    await stack.genesys.control.addFault(setup.genesysFault);
  }
  if (setup.targetFault) await stack.targetControl.addFault(setup.targetFault);
}

function describeAnswer(
  status: number,
  body: Record<string, unknown>,
): ExpectedAnswer {
  const error = body.error as { code?: string } | undefined;
  if (error) return { status, error: error.code };
  return {
    status,
    outcome: body.outcome as string,
    reason: body.reason as string,
    ...(body.rule ? { rule: body.rule as string } : {}),
  };
}

function compare(expected: ExpectedAnswer, actual: ExpectedAnswer): string[] {
  const keys = ['status', 'outcome', 'reason', 'rule', 'error'] as const;
  return keys
    .filter((key) => expected[key] !== actual[key])
    .map((key) => `${key} ${actual[key]} (expected ${expected[key]})`);
}

/** The forward arrived once, signed, with the notification id as key. */
async function checkDelivery(
  stack: LocalStack,
  answer: Record<string, unknown>,
): Promise<string[]> {
  const received = await stack.targetControl.requests();
  if (received.length !== 1) {
    return [`the target received ${received.length} requests, not 1`];
  }

  const request = received[0];
  const problems: string[] = [];
  const key = request?.headers['idempotency-key'];
  if (key !== answer.notificationId) {
    problems.push(`Idempotency-Key ${key} is not the notification id`);
  }
  const signature = String(request?.headers['x-presence-gate-signature']);
  const now = Math.floor(Date.now() / 1000);
  if (!verifySignature(signature, request?.body ?? '', [demoSigningKey], now)) {
    problems.push('the signature does not verify');
  }
  return problems;
}

function agentOf(body: Record<string, unknown>): string | undefined {
  const agent = body.agent as { id?: string } | undefined;
  return agent?.id;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}
