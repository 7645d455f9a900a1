import { describe, expect, it, vi } from 'vitest';
import { agents, notificationFor, postNotification, useStack } from './stack';

const away = notificationFor(agents.away, { id: 'n-shadow' });

describe('shadow mode', () => {
  it('forwards what the policy would drop', async () => {
    // Prepare
    const stack = await useStack({ env: { GATE_MODE: 'shadow' } });

    // Act
    const response = await postNotification(stack, away);

    // Assess
    const received = await stack.targetControl.requests();
    expect(response.data).toMatchObject({
      outcome: 'forward',
      reason: 'shadow_forwarded',
      agent: { presence: 'AWAY' },
    });
    expect(received.map((r) => r.headers['idempotency-key'])).toEqual([
      'n-shadow',
    ]);
  });

  it('logs the drop the policy would have made', async () => {
    // Prepare
    const stack = await useStack({ env: { GATE_MODE: 'shadow' } });
    const info = vi.spyOn(stack.gate.logger, 'info');

    // Act
    await postNotification(stack, away);

    // Assess
    expect(info).toHaveBeenCalledWith('shadow: the policy would drop', {
      notificationId: 'n-shadow',
      wouldDrop: 'presence_not_allowed',
    });
  });

  it('leaves what the policy forwards as it is', async () => {
    // Prepare
    const stack = await useStack({ env: { GATE_MODE: 'shadow' } });

    // Act
    const response = await postNotification(
      stack,
      notificationFor(agents.onQueueIdle),
    );

    // Assess
    expect(response.data).toMatchObject({
      reason: 'agent_available',
      rule: 'on-queue',
    });
  });

  it('still drops when the target rejects the notification', async () => {
    // Prepare
    const stack = await useStack({ env: { GATE_MODE: 'shadow' } });
    await stack.targetControl.answerStatus(400, 1);

    // Act
    const response = await postNotification(stack, away);

    // Assess
    expect(response.data).toMatchObject({
      outcome: 'drop',
      reason: 'target_rejected',
    });
  });
});
