import { describe, expect, it } from 'vitest';
import type { LocalStack } from '../../dev/local-stack';
import { handleSqs, sqsRecord } from './records';
import { agents, notificationFor, postNotification, useStack } from './stack';

const notification = notificationFor(agents.onQueueIdle, { id: 'n-lf' });

async function failingGenesys(onLookupFailure: string): Promise<LocalStack> {
  const stack = await useStack({ env: { ON_LOOKUP_FAILURE: onLookupFailure } });
  await stack.genesys.control.addFault({
    target: 'api',
    fault: { kind: 'status', status: 503 },
  });
  return stack;
}

describe('a lookup that fails after retries', () => {
  it('is handed back by default', async () => {
    // Prepare
    const stack = await failingGenesys('retry');

    // Act
    const response = await postNotification(stack, notification);

    // Assess
    expect(response.status).toBe(503);
    expect(response.data).toMatchObject({ reason: 'state_unavailable' });
  });

  it('forwards with ON_LOOKUP_FAILURE=forward', async () => {
    // Prepare
    const stack = await failingGenesys('forward');

    // Act
    const response = await postNotification(stack, notification);

    // Assess
    const received = await stack.targetControl.requests();
    expect(response.data).toMatchObject({
      outcome: 'forward',
      reason: 'lookup_failed_forwarded',
    });
    expect(received.map((r) => r.headers['idempotency-key'])).toEqual(['n-lf']);
  });

  it('drops with ON_LOOKUP_FAILURE=drop and sends nothing', async () => {
    // Prepare
    const stack = await failingGenesys('drop');

    // Act
    const response = await postNotification(stack, notification);

    // Assess
    expect(response.status).toBe(200);
    expect(response.data).toMatchObject({
      outcome: 'drop',
      reason: 'lookup_failed_dropped',
    });
    expect(await stack.targetControl.requests()).toEqual([]);
  });

  it('is not reported from a queue when chosen to forward', async () => {
    // Prepare
    const stack = await failingGenesys('forward');

    // Act
    const response = await handleSqs(stack, sqsRecord(notification));

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(await stack.targetControl.requests()).toHaveLength(1);
  });
});
