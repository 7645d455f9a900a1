import axios from 'axios';
import { afterAll, afterEach, beforeAll } from 'vitest';
import {
  type LocalStack,
  type LocalStackOptions,
  startLocalStack,
} from '../../dev/local-stack';

export const agents = {
  onQueueIdle: 'a0000000-0000-4000-8000-000000000001',
  onQueueInteracting: 'a0000000-0000-4000-8000-000000000002',
  onQueueNotResponding: 'a0000000-0000-4000-8000-000000000003',
  onQueueCommunicating: 'a0000000-0000-4000-8000-000000000004',
  availableOffQueue: 'a0000000-0000-4000-8000-000000000005',
  availableNotResponding: 'a0000000-0000-4000-8000-000000000006',
  away: 'a0000000-0000-4000-8000-000000000007',
  inactive: 'a0000000-0000-4000-8000-000000000015',
  deleted: 'a0000000-0000-4000-8000-000000000016',
  expandUnsupported: 'a0000000-0000-4000-8000-000000000017',
  unknownPresence: 'a0000000-0000-4000-8000-000000000018',
  spelledOnQueue: 'a0000000-0000-4000-8000-000000000019',
  missing: 'a0000000-0000-4000-8000-0000000000ff',
} as const;

const running: LocalStack[] = [];

/** A fresh local stack for one test, closed after it. */
export async function useStack(
  options: LocalStackOptions = {},
): Promise<LocalStack> {
  const stack = await startLocalStack(options);
  running.push(stack);
  return stack;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((stack) => stack.close()));
});

/**
 * One local stack for every test of the calling file or describe block:
 * started before the first test, closed after the last.
 */
export function shareStack(options: LocalStackOptions = {}): () => LocalStack {
  let stack: LocalStack | undefined;
  beforeAll(async () => {
    stack = await startLocalStack(options);
  });
  afterAll(async () => {
    await stack?.close();
  });

  return () => {
    if (!stack) throw new Error('the shared stack has not started');
    return stack;
  };
}

/**
 * POSTs to the gate's local HTTP API as a caller would. A header set to
 * null is left out, where axios would otherwise add one.
 */
export function postNotification(
  stack: LocalStack,
  body: unknown,
  headers: Record<string, string | null> = {
    'content-type': 'application/json',
  },
) {
  return axios.post(`${stack.api.url}/notifications`, body, {
    headers,
    validateStatus: () => true,
    transformRequest: (data) =>
      typeof data === 'string' ? data : JSON.stringify(data),
  });
}

/** A notification envelope for `agentId`; `fields` replace its parts. */
export function notificationFor(
  agentId: string,
  fields: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id: 'n-1',
    agentId,
    payload: { channel: 'dfo', text: 'hello' },
    ...fields,
  };
}

/** POSTs `count` notifications for `agentId`, one after the other. */
export async function postInSequence(
  stack: LocalStack,
  agentId: string,
  count: number,
) {
  const answers = [];
  for (let n = 1; n <= count; n += 1) {
    const notification = notificationFor(agentId, { id: `n-seq-${n}` });
    answers.push(await postNotification(stack, notification));
  }
  return answers;
}

/** POSTs `count` notifications for `agentId`, all at once. */
export function postAtOnce(stack: LocalStack, agentId: string, count: number) {
  const notifications = Array.from({ length: count }, (_, n) =>
    notificationFor(agentId, { id: `n-par-${n + 1}` }),
  );
  return Promise.all(notifications.map((n) => postNotification(stack, n)));
}

/** The simulated org's counters, read through its control API. */
export function genesysCounters(stack: LocalStack) {
  return stack.genesys.control.readCounters();
}

/** What the gate answered to a Lambda event given whole. */
export interface InvokeResult {
  statusCode: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** Runs the gate's handler on `event` through the local Invoke path. */
export async function invokeHandler(
  stack: LocalStack,
  event: unknown,
): Promise<InvokeResult> {
  const invoked = await axios.post(stack.api.invokeUrl, event);
  const result = invoked.data as {
    statusCode: number;
    headers?: Record<string, string>;
    body: string;
  };
  return {
    statusCode: result.statusCode,
    headers: result.headers ?? {},
    body: JSON.parse(result.body) as Record<string, unknown>,
  };
}

/** A clock for the gate and the simulated org that moves when told. */
export function createClock(start: number = Date.now()) {
  let current = start;
  return {
    now: () => current,
    advance(milliseconds: number) {
      current += milliseconds;
    },
  };
}
