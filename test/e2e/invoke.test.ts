import { describe, expect, it } from 'vitest';
import { createInvokeHandler } from '../../src/handlers/invoke';
import { envelopeWithoutId, failGenesys } from './records';
import { agents, notificationFor, useStack } from './stack';

const uuidPattern =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('the direct-invoke handler', () => {
  it('answers one notification with one answer', async () => {
    // Prepare
    const stack = await useStack();
    const notification = notificationFor(agents.onQueueIdle, { id: 'n-1' });

    // Act
    const answer = await createInvokeHandler(() => stack.gate)(notification);

    // Assess
    expect(answer).toEqual({
      notificationId: 'n-1',
      outcome: 'forward',
      reason: 'agent_available',
      rule: 'on-queue',
      agent: {
        id: agents.onQueueIdle,
        presence: 'ON_QUEUE',
        routingStatus: 'IDLE',
        state: 'active',
      },
    });
  });

  it('answers an array with one decision per item, in order', async () => {
    // Prepare
    const stack = await useStack();
    const items = [
      notificationFor(agents.away, { id: 'n-1' }),
      notificationFor(agents.onQueueIdle, { id: 'n-2' }),
      notificationFor(agents.missing, { id: 'n-3' }),
      notificationFor(agents.onQueueNotResponding, { id: 'n-4' }),
      notificationFor(agents.availableOffQueue, { id: 'n-5' }),
    ];

    // Act
    const answers = await createInvokeHandler(() => stack.gate)(items);

    // Assess
    expect(answers.map((a) => [a.notificationId, a.reason])).toEqual([
      ['n-1', 'presence_not_allowed'],
      ['n-2', 'agent_available'],
      ['n-3', 'agent_not_found'],
      ['n-4', 'routing_status_not_allowed'],
      ['n-5', 'agent_available'],
    ]);
  });

  it('answers a retry in its place when the target is down', async () => {
    // Prepare
    const stack = await useStack();
    await stack.targetControl.answerStatus(503);
    const items = [
      notificationFor(agents.away, { id: 'n-1' }),
      notificationFor(agents.onQueueIdle, { id: 'n-2' }),
      notificationFor(agents.inactive, { id: 'n-3' }),
    ];

    // Act
    const answers = await createInvokeHandler(() => stack.gate)(items);

    // Assess
    expect(answers.map((a) => [a.outcome, a.reason])).toEqual([
      ['drop', 'presence_not_allowed'],
      ['retry', 'target_unavailable'],
      ['drop', 'agent_inactive'],
    ]);
  });

  it('answers a retry in its place when Genesys fails', async () => {
    // Prepare
    const stack = await useStack();
    await failGenesys(stack, 'users.get');
    const items = [
      notificationFor(agents.onQueueIdle, { id: 'n-1' }),
      notificationFor(agents.missing, { id: 'n-2' }),
    ];

    // Act
    const answers = await createInvokeHandler(() => stack.gate)(items);

    // Assess
    expect(answers.map((a) => [a.outcome, a.reason])).toEqual([
      ['forward', 'agent_available'],
      ['retry', 'state_unavailable'],
    ]);
  });

  it('answers invalid items in place with invalid_notification', async () => {
    // Prepare
    const stack = await useStack();
    const items = [
      notificationFor(agents.onQueueIdle, { id: 'n-1' }),
      { id: 'n-2', payload: {} },
      'Test message.',
      notificationFor(agents.away, { id: 'n-4' }),
    ];

    // Act
    const answers = await createInvokeHandler(() => stack.gate)(items);

    // Assess
    expect(answers.map((a) => [a.notificationId, a.reason])).toEqual([
      ['n-1', 'agent_available'],
      ['n-2', 'invalid_notification'],
      [null, 'invalid_notification'],
      ['n-4', 'presence_not_allowed'],
    ]);
  });

  it('says what is wrong with an invalid item, without its body', async () => {
    // Prepare
    const stack = await useStack();
    const item = { id: 'n-1', agentId: 'agent-7', payload: { pin: '4711' } };

    // Act
    const answer = await createInvokeHandler(() => stack.gate)(item);

    // Assess
    expect(answer).toEqual({
      notificationId: 'n-1',
      outcome: 'drop',
      reason: 'invalid_notification',
      error: { code: 'invalid_notification', message: expect.any(String) },
    });
    expect(JSON.stringify(answer)).not.toContain('4711');
  });

  it('answers a new notification id for an item without one', async () => {
    // Prepare
    const stack = await useStack();
    const item = envelopeWithoutId(agents.onQueueIdle);

    // Act
    const answer = await createInvokeHandler(() => stack.gate)(item);

    // Assess
    expect(answer.notificationId).toMatch(uuidPattern);
  });

  it('rejects the invocation when the secret has no clientSecret', async () => {
    // Prepare
    const stack = await useStack({ secret: { clientSecret: null } });
    const items = [notificationFor(agents.onQueueIdle)];

    // Act
    const invoking = createInvokeHandler(() => stack.gate)(items);

    // Assess
    await expect(invoking).rejects.toThrow(/clientSecret/);
  });
});
