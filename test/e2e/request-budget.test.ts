import { describe, expect, it } from 'vitest';
import { agents, notificationFor, postNotification, useStack } from './stack';

const ids = [
  agents.onQueueIdle,
  agents.onQueueInteracting,
  agents.onQueueNotResponding,
  agents.onQueueCommunicating,
  agents.availableOffQueue,
  agents.availableNotResponding,
  agents.away,
];

describe('the client-side request budget', () => {
  it('hands notifications back instead of earning 429s', async () => {
    // Prepare
    const stack = await useStack({ env: { STATE_CACHE_TTL_MS: '0' } });
    await stack.genesys.control.setRateLimit(20);

    // Act
    const answers = [];
    for (let n = 0; n < 30; n += 1) {
      const agentId = ids[n % ids.length] as string;
      const notification = notificationFor(agentId, { id: `n-${n}` });
      answers.push((await postNotification(stack, notification)).data);
    }

    // Assess
    const counters = await stack.genesys.control.readCounters();
    const handedBack = answers.filter((a) => a.outcome === 'retry');
    expect(counters.tooManyRequests).toBe(0);
    expect(handedBack.length).toBeGreaterThan(0);
    expect(handedBack.every((a) => a.reason === 'state_unavailable')).toBe(
      true,
    );
  });

  it('reads the agents missed while calls are scarce together', async () => {
    // Prepare: 60 calls a minute let 6 through at once, then one a second.
    const stack = await useStack();
    await stack.genesys.control.setRateLimit(60);
    const agentIds = Array.from(
      { length: 20 },
      (_, n) => `b0000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    );
    for (const [n, id] of agentIds.entries()) {
      await stack.genesys.control.createUser({
        id,
        name: `Agent ${n}`,
        systemPresence: 'On Queue',
        routingStatus: 'IDLE',
      });
    }
    const before = await stack.genesys.control.readCounters();

    // Act: a notification for each agent, 50 ms apart.
    const answers = await Promise.all(
      agentIds.map(async (agentId, n) => {
        await new Promise((resolve) => setTimeout(resolve, n * 50));
        const notification = notificationFor(agentId, { id: `n-${n}` });
        return (await postNotification(stack, notification)).data;
      }),
    );

    // Assess
    const after = await stack.genesys.control.readCounters();
    const calls = after.total - before.total;
    expect(answers.map((a) => a.outcome)).toEqual(
      agentIds.map(() => 'forward'),
    );
    expect(after.tooManyRequests).toBe(0);
    expect(calls).toBeLessThanOrEqual(agentIds.length / 2);
  });
});
