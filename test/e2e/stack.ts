import axios from 'axios';
import { afterEach } from 'vitest';
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

/** POSTs to the gate's local HTTP API as a caller would. */
export function postNotification(
  stack: LocalStack,
  body: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) {
  return axios.post(`${stack.api.url}/notifications`, body, {
    headers,
    validateStatus: () => true,
    transformRequest: (data) =>
      typeof data === 'string' ? data : JSON.stringify(data),
  });
}
