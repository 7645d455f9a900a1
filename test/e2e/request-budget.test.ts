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
});
