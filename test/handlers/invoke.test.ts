import { describe, expect, it } from 'vitest';
import { createInvokeHandler } from '../../src/handlers/invoke';
import { useStack } from '../e2e/stack';

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
});
