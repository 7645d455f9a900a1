import { describe, expect, it } from 'vitest';
import {
  agents,
  genesysCounters,
  notificationFor,
  postAtOnce,
  postNotification,
  useStack,
} from './stack';

const notification = notificationFor(agents.onQueueIdle, { id: 'n-cache' });

describe('the agent-state cache', () => {
  it('answers again within the TTL without a call', async () => {
    // Prepare
    const stack = await useStack({ env: { STATE_CACHE_TTL_MS: '60000' } });
    await postNotification(stack, notification);
    const before = await genesysCounters(stack);

    // Act
    const response = await postNotification(stack, notification);

    // Assess
    expect(response.data).toMatchObject({ outcome: 'forward' });
    expect(await genesysCounters(stack)).toEqual(before);
  });

  it('reads the agent again once the TTL has passed', async () => {
    // Prepare
    const stack = await useStack({ env: { STATE_CACHE_TTL_MS: '50' } });
    await postNotification(stack, notification);
    await stack.genesys.control.updateUser(agents.onQueueIdle, {
      systemPresence: 'Away',
    });
    await new Promise((resolve) => setTimeout(resolve, 80));

    // Act
    const response = await postNotification(stack, notification);

    // Assess
    expect(response.data).toMatchObject({
      outcome: 'drop',
      reason: 'presence_not_allowed',
    });
  });

  it('reads for every notification with a TTL of 0', async () => {
    // Prepare
    const stack = await useStack({ env: { STATE_CACHE_TTL_MS: '0' } });

    // Act
    await postNotification(stack, notification);
    await postNotification(stack, notification);

    // Assess
    expect((await genesysCounters(stack)).requests).toEqual({
      token: 1,
      'users.get': 2,
    });
  });

  it('shares one call among concurrent lookups of one agent', async () => {
    // Prepare
    const stack = await useStack();

    // Act
    const answers = await postAtOnce(stack, agents.onQueueIdle, 20);

    // Assess
    expect(answers.every((a) => a.data.outcome === 'forward')).toBe(true);
    expect((await genesysCounters(stack)).requests).toEqual({
      token: 1,
      'users.get': 1,
    });
  });

  it('shares one bulk call among lookups that start together', async () => {
    // Prepare
    const stack = await useStack();
    const ids = [agents.onQueueIdle, agents.away, agents.availableOffQueue];

    // Act
    const lookups = await Promise.all(
      ids.map((agentId) => stack.gate.lookUp([agentId])),
    );

    // Assess
    expect(lookups.map((lookup) => lookup.size)).toEqual([1, 1, 1]);
    expect((await genesysCounters(stack)).requests).toEqual({
      token: 1,
      'users.list': 1,
    });
  });

  it('keeps no failed read', async () => {
    // Prepare
    const stack = await useStack();
    await stack.genesys.control.addFault({
      target: 'api',
      fault: { kind: 'status', status: 503 },
      count: 3,
    });
    const failed = await postNotification(stack, notification);

    // Act
    const response = await postNotification(stack, notification);

    // Assess
    expect(failed.data).toMatchObject({ outcome: 'retry' });
    expect(response.data).toMatchObject({ outcome: 'forward' });
  });
});
