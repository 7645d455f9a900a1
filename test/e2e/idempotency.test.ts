import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { idempotencyTable, type LocalStack } from '../../dev/local-stack';
import { handleSqs, sqsRecord, targetKeys } from './records';
import { agents, notificationFor, postNotification, useStack } from './stack';

const notification = notificationFor(agents.onQueueIdle, { id: 'n-once' });

function storeStack(): Promise<LocalStack> {
  return useStack({ idempotency: true });
}

describe('the idempotency store, on a local DynamoDB', () => {
  it('forwards one posted twice once, answering forward twice', async () => {
    // Prepare
    const stack = await storeStack();

    // Act
    const first = await postNotification(stack, notification);
    const second = await postNotification(stack, notification);

    // Assess
    expect(await targetKeys(stack)).toEqual(['n-once']);
    for (const response of [first, second]) {
      expect(response.status).toBe(200);
      expect(response.data).toMatchObject({
        notificationId: 'n-once',
        outcome: 'forward',
        reason: 'agent_available',
      });
    }
  });

  it('forwards a message the queue delivers twice once', async () => {
    // Prepare
    const stack = await storeStack();
    const record = sqsRecord(notification);

    // Act
    const first = await handleSqs(stack, structuredClone(record));
    const second = await handleSqs(stack, structuredClone(record));

    // Assess
    expect(first).toEqual({ batchItemFailures: [] });
    expect(second).toEqual({ batchItemFailures: [] });
    expect(await targetKeys(stack)).toEqual(['n-once']);
  });

  it('skips on the queue an id the HTTP API forwarded', async () => {
    // Prepare
    const stack = await storeStack();
    await postNotification(stack, notification);

    // Act
    const result = await handleSqs(stack, sqsRecord(notification));

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(await targetKeys(stack)).toEqual(['n-once']);
  });

  it('forwards again after a target 503, not remembered', async () => {
    // Prepare
    const stack = await storeStack();
    await stack.targetControl.answerStatus(503, 1);

    // Act
    const first = await postNotification(stack, notification);
    const second = await postNotification(stack, notification);

    // Assess
    expect(first.data).toMatchObject({
      outcome: 'retry',
      reason: 'target_unavailable',
    });
    expect(second.data).toMatchObject({ outcome: 'forward' });
    expect(await targetKeys(stack)).toEqual(['n-once', 'n-once']);
  });

  it('drops a redelivered rejected notification unsent', async () => {
    // Prepare
    const stack = await storeStack();
    await stack.targetControl.answerStatus(400, 1);

    // Act
    const first = await postNotification(stack, notification);
    const second = await postNotification(stack, notification);

    // Assess
    for (const response of [first, second]) {
      expect(response.status).toBe(200);
      expect(response.data).toMatchObject({
        outcome: 'drop',
        reason: 'target_rejected',
      });
    }
    expect(await targetKeys(stack)).toEqual(['n-once']);
  });

  it('of two deliveries at once forwards one, hands back one', async () => {
    // Prepare
    const stack = await storeStack();
    await stack.targetControl.addFault({
      fault: { kind: 'latency', ms: 500 },
      count: 1,
    });

    // Act
    const responses = await Promise.all([
      postNotification(stack, notification),
      postNotification(stack, notification),
    ]);

    // Assess
    const outcomes = responses.map((r) => `${r.status} ${r.data.outcome}`);
    expect(outcomes.sort()).toEqual(['200 forward', '503 retry']);
    const handedBack = responses.find((r) => r.status === 503);
    expect(handedBack?.data.reason).toBe('target_unavailable');
    expect(await targetKeys(stack)).toEqual(['n-once']);
  });

  it('hands back unsent when the store cannot be written', async () => {
    // Prepare
    const stack = await storeStack();
    await stack.dynamoDb?.client.send(
      new DeleteTableCommand({ TableName: idempotencyTable }),
    );

    // Act
    const response = await postNotification(stack, notification);

    // Assess
    expect(response.status).toBe(503);
    expect(response.data).toMatchObject({
      outcome: 'retry',
      reason: 'target_unavailable',
    });
    expect(await targetKeys(stack)).toEqual([]);
  });

  it('forwards every delivery when no table is set', async () => {
    // Prepare
    const stack = await useStack();

    // Act
    await postNotification(stack, notification);
    await postNotification(stack, notification);

    // Assess
    expect(await targetKeys(stack)).toEqual(['n-once', 'n-once']);
  });
});
