import { describe, expect, it } from 'vitest';
import {
  agents,
  genesysCounters,
  notificationFor,
  postNotification,
  useStack,
} from './stack';

describe('agent lookup through the local stack', () => {
  it('drops with agent_not_found when no user has the agent id', async () => {
    // Prepare
    const stack = await useStack();

    // Act
    const response = await postNotification(
      stack,
      notificationFor(agents.missing),
    );

    // Assess
    expect(response.status).toBe(200);
    expect(response.data).toEqual({
      notificationId: 'n-1',
      outcome: 'drop',
      reason: 'agent_not_found',
      agent: {
        id: agents.missing,
        presence: null,
        routingStatus: null,
        state: null,
      },
    });
  });

  it('never asks the routing status of an agent id no user has', async () => {
    // Prepare
    const stack = await useStack();

    // Act
    await postNotification(stack, notificationFor(agents.missing));

    // Assess
    const { requests } = await genesysCounters(stack);
    expect(requests['users.get']).toBeGreaterThan(0);
    expect(requests['users.routingstatus']).toBeUndefined();
  });

  it.each([
    ['inactive', agents.inactive],
    ['deleted', agents.deleted],
  ])('drops a user in state %s with agent_inactive', async (state, agentId) => {
    // Prepare
    const stack = await useStack();

    // Act
    const response = await postNotification(stack, notificationFor(agentId));

    // Assess
    expect(response.status).toBe(200);
    expect(response.data).toMatchObject({
      outcome: 'drop',
      reason: 'agent_inactive',
      agent: { id: agentId, state },
    });
  });

  it('forwards on the state read apart when expand leaves it out', async () => {
    // Prepare
    const stack = await useStack();

    // Act
    const response = await postNotification(
      stack,
      notificationFor(agents.expandUnsupported),
    );

    // Assess
    expect(response.status).toBe(200);
    expect(response.data).toMatchObject({
      outcome: 'forward',
      reason: 'agent_available',
      rule: 'on-queue',
      agent: {
        presence: 'ON_QUEUE',
        routingStatus: 'IDLE',
        state: 'active',
      },
    });
  });

  it('asks presence and routing status apart without expand', async () => {
    // Prepare
    const stack = await useStack();

    // Act
    await postNotification(stack, notificationFor(agents.expandUnsupported));

    // Assess
    const { requests } = await genesysCounters(stack);
    expect(requests).toEqual({
      token: 1,
      'users.get': 1,
      'users.presence': 1,
      'users.routingstatus': 1,
    });
  });

  it('reads an agent whose expand works with one API call', async () => {
    // Prepare
    const stack = await useStack();

    // Act
    await postNotification(stack, notificationFor(agents.onQueueIdle));

    // Assess
    const { requests } = await genesysCounters(stack);
    expect(requests).toEqual({ token: 1, 'users.get': 1 });
  });
});
