import { describe, expect, it } from 'vitest';
import { agents, postNotification, useStack } from './stack';

const cases = [
  ['onQueueIdle', 'forward', 'agent_available', 'on-queue', 'ON_QUEUE', 'IDLE'],
  [
    'onQueueInteracting',
    'forward',
    'agent_available',
    'on-queue',
    'ON_QUEUE',
    'INTERACTING',
  ],
  [
    'onQueueNotResponding',
    'drop',
    'routing_status_not_allowed',
    undefined,
    'ON_QUEUE',
    'NOT_RESPONDING',
  ],
  [
    'onQueueCommunicating',
    'drop',
    'routing_status_not_allowed',
    undefined,
    'ON_QUEUE',
    'COMMUNICATING',
  ],
  [
    'availableOffQueue',
    'forward',
    'agent_available',
    'available',
    'AVAILABLE',
    'OFF_QUEUE',
  ],
  [
    'availableNotResponding',
    'drop',
    'routing_status_not_allowed',
    undefined,
    'AVAILABLE',
    'NOT_RESPONDING',
  ],
  ['away', 'drop', 'presence_not_allowed', undefined, 'AWAY', 'OFF_QUEUE'],
  [
    'spelledOnQueue',
    'forward',
    'agent_available',
    'on-queue',
    'ON_QUEUE',
    'IDLE',
  ],
  [
    'unknownPresence',
    'drop',
    'presence_unknown',
    undefined,
    'Unknown',
    'OFF_QUEUE',
  ],
] as const;

describe('POST /notifications against the demo org', () => {
  it.each(cases)(
    '%s: %s with %s',
    async (name, outcome, reason, rule, presence, routingStatus) => {
      // Prepare
      const stack = await useStack();
      const agentId = agents[name];

      // Act
      const response = await postNotification(stack, {
        id: `n-${name}`,
        agentId,
        payload: { text: 'hello' },
      });

      // Assess
      expect(response.status).toBe(200);
      expect(response.data).toEqual({
        notificationId: `n-${name}`,
        outcome,
        reason,
        ...(rule ? { rule } : {}),
        agent: { id: agentId, presence, routingStatus, state: 'active' },
      });
    },
  );
});
