import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createSqsHandler } from '../../src/handlers/sqs';
import { sqsRecord } from '../e2e/records';
import { agents, notificationFor, useStack } from '../e2e/stack';

function handlerOn(stack: Awaited<ReturnType<typeof useStack>>) {
  return createSqsHandler(() => stack.gate) as (
    event: unknown,
  ) => ReturnType<ReturnType<typeof createSqsHandler>>;
}

describe('the SQS handler on malformed batches', () => {
  it.each([
    ['no Records', {}],
    ['Records of null', { Records: null }],
    ['Records that are no array', { Records: 'x' }],
    ['no event at all', null],
  ])('reports nothing for an event with %s', async (_, event) => {
    // Prepare
    const sqs = handlerOn(await useStack());

    // Act
    const response = await sqs(event);

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
  });

  it('drops records that are no objects, next to a valid one', async () => {
    // Prepare
    const stack = await useStack();
    const valid = sqsRecord(notificationFor(agents.onQueueIdle));

    // Act
    const response = await handlerOn(stack)({ Records: [null, 7, valid] });

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(await stack.targetControl.requests()).toHaveLength(1);
  });

  it('drops a record without a message id: it cannot be reported', async () => {
    // Prepare
    const stack = await useStack();
    const record: Partial<SQSEvent['Records'][number]> = sqsRecord(
      notificationFor(agents.onQueueIdle),
    );
    delete record.messageId;

    // Act
    const response = await handlerOn(stack)({ Records: [record] });

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(await stack.targetControl.requests()).toEqual([]);
  });

  it('reads no secret for a batch without a notification', async () => {
    // Prepare
    const stack = await useStack();

    // Act
    await handlerOn(stack)({ Records: [sqsRecord('Test message.')] });

    // Assess
    expect(await stack.secretsControl.counters()).toEqual({});
  });

  it('reports only the notifications when the secret is bad', async () => {
    // Prepare
    const stack = await useStack({ secret: { clientSecret: null } });
    const valid = sqsRecord(notificationFor(agents.onQueueIdle));

    // Act
    const response = await handlerOn(stack)({
      Records: [sqsRecord('Test message.'), valid],
    });

    // Assess
    expect(response).toEqual({
      batchItemFailures: [{ itemIdentifier: valid.messageId }],
    });
  });

  it('keeps two records with one message id apart', async () => {
    // Prepare
    const stack = await useStack();
    const valid = sqsRecord(notificationFor(agents.onQueueIdle), 'm-1');
    const invalid = sqsRecord('Test message.', 'm-1');

    // Act
    await handlerOn(stack)({ Records: [valid, invalid] });

    // Assess
    const forwarded = await stack.targetControl.requests();
    expect(forwarded).toHaveLength(1);
  });
});
