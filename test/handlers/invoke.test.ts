import { describe, expect, it } from 'vitest';
import { createInvokeHandler } from '../../src/handlers/invoke';
import { agents, useStack } from '../e2e/stack';
import { deeplyNested } from './arbitraries';

describe('the invoke handler on items that are not notifications', () => {
  it('reads no secret when no item is a notification', async () => {
    // Prepare
    const stack = await useStack();
    const invoke = createInvokeHandler(() => stack.gate);

    // Act
    await invoke([{ agentId: 'agent-7', payload: {} }, null]);

    // Assess
    expect(await stack.secretsControl.counters()).toEqual({});
  });

  it('answers invalid_notification even when the secret is bad', async () => {
    // Prepare
    const stack = await useStack({ secret: { clientSecret: null } });
    const invoke = createInvokeHandler(() => stack.gate);

    // Act
    const answer = await invoke({ agentId: 'agent-7', payload: {} });

    // Assess
    expect(answer).toMatchObject({ reason: 'invalid_notification' });
  });

  it('refuses a payload nested too deep to be forwarded', async () => {
    // Prepare
    const stack = await useStack();
    const invoke = createInvokeHandler(() => stack.gate);
    const payload = deeplyNested(10_000);

    // Act
    const answer = await invoke({ agentId: agents.onQueueIdle, payload });

    // Assess
    expect(answer).toMatchObject({
      outcome: 'drop',
      reason: 'invalid_notification',
      error: { message: 'payload must not nest more than 64 levels' },
    });
    expect(await stack.targetControl.requests()).toEqual([]);
  });
});
