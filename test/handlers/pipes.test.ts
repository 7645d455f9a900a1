import { describe, expect, it } from 'vitest';
import { createPipesHandler } from '../../src/handlers/pipes';
import { pipesRecord } from '../e2e/records';
import { agents, notificationFor, useStack } from '../e2e/stack';

function handlerOn(stack: Awaited<ReturnType<typeof useStack>>) {
  return createPipesHandler(() => stack.gate) as (
    event: unknown,
  ) => Promise<unknown[]>;
}

describe('the Pipes handler on malformed batches', () => {
  it.each([
    ['null', null],
    ['an object', { Records: [] }],
  ])('hands on nothing for a batch that is %s', async (_, event) => {
    // Prepare
    const pipes = handlerOn(await useStack());

    // Act
    const records = await pipes(event);

    // Assess
    expect(records).toEqual([]);
  });

  it('hands on the valid record next to ones that are no objects', async () => {
    // Prepare
    const stack = await useStack();
    const valid = pipesRecord(notificationFor(agents.onQueueIdle));

    // Act
    const records = await handlerOn(stack)([null, 'record', valid]);

    // Assess
    expect(records).toEqual([valid]);
  });

  it('reads no secret for a batch without a notification', async () => {
    // Prepare
    const stack = await useStack();

    // Act
    await handlerOn(stack)([pipesRecord('Test message.')]);

    // Assess
    expect(await stack.secretsControl.counters()).toEqual({});
  });

  it('throws nothing for a bad secret and no notification', async () => {
    // Prepare
    const stack = await useStack({ secret: { clientSecret: null } });

    // Act
    const records = await handlerOn(stack)([pipesRecord('Test message.')]);

    // Assess
    expect(records).toEqual([]);
  });
});
