import { describe, expect, it } from 'vitest';
import { createInvokeHandler } from '../../src/handlers/invoke';
import {
  forwardedKeys,
  handlePipes,
  handleSqs,
  pipesRecord,
  sqsRecord,
  targetKeys,
} from './records';
import { agents, useStack } from './stack';

const pointers = {
  AGENT_ID_POINTER: '/agent/id',
  NOTIFICATION_ID_POINTER: '/meta/notificationId',
};

/** A pipeline's own payload: the ids sit where the pointers say. */
function rawPayload(agentId: string, notificationId?: string) {
  return {
    meta: { notificationId, source: 'dfo', sentAt: '2026-01-02T03:04:05Z' },
    agent: { id: agentId, queue: 'support' },
    message: { text: 'Your callback is ready', lines: [1, null, true] },
  };
}

describe('raw payloads read by JSON Pointer', () => {
  it('forwards the whole payload as the body', async () => {
    // Prepare
    const stack = await useStack({ env: pointers });
    const payload = rawPayload(agents.onQueueIdle, 'n-raw-1');

    // Act
    await handleSqs(stack, sqsRecord(payload));

    // Assess
    const [request] = await stack.targetControl.requests();
    expect(request?.body).toBe(JSON.stringify(payload));
  });

  it('keys the forward by the notification id at its pointer', async () => {
    // Prepare
    const stack = await useStack({ env: pointers });
    const payload = rawPayload(agents.onQueueIdle, 'n-raw-1');

    // Act
    await handleSqs(stack, sqsRecord(payload));

    // Assess
    expect(await forwardedKeys(stack)).toEqual(['n-raw-1']);
  });

  it('keys by the message id when the id pointer finds nothing', async () => {
    // Prepare
    const stack = await useStack({ env: pointers });
    const record = sqsRecord(rawPayload(agents.onQueueIdle));

    // Act
    await handleSqs(stack, record);

    // Assess
    expect(await forwardedKeys(stack)).toEqual([record.messageId]);
  });

  it.each([
    ['whose agent at the pointer is away', rawPayload(agents.away, 'n-1')],
    ['with no agent id at the pointer', { meta: { notificationId: 'n-1' } }],
  ])('drops a payload %s, unreported', async (_, payload) => {
    // Prepare
    const stack = await useStack({ env: pointers });

    // Act
    const response = await handleSqs(stack, sqsRecord(payload));

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(await targetKeys(stack)).toEqual([]);
  });

  it('answers a direct invoke for the agent at the pointer', async () => {
    // Prepare
    const stack = await useStack({ env: pointers });
    const payload = rawPayload(agents.onQueueIdle, 'n-raw-1');

    // Act
    const answer = await createInvokeHandler(() => stack.gate)(payload);

    // Assess
    expect(answer).toMatchObject({
      notificationId: 'n-raw-1',
      outcome: 'forward',
      agent: { id: agents.onQueueIdle, presence: 'ON_QUEUE' },
    });
  });

  it('answers a refused payload with the id at the pointer', async () => {
    // Prepare
    const stack = await useStack({ env: pointers });
    const payload = { ...rawPayload('agent-7', 'n-raw-1'), id: 'conv-42' };

    // Act
    const answer = await createInvokeHandler(() => stack.gate)(payload);

    // Assess
    expect(answer).toMatchObject({
      notificationId: 'n-raw-1',
      reason: 'invalid_notification',
    });
  });

  it('lets Pipes deliver a record by the agent at the pointer', async () => {
    // Prepare
    const stack = await useStack({ env: pointers });
    const deliverable = pipesRecord(rawPayload(agents.onQueueIdle, 'n-1'));
    const away = pipesRecord(rawPayload(agents.away, 'n-2'));

    // Act
    const output = await handlePipes(stack, [deliverable, away]);

    // Assess
    expect(output).toEqual([deliverable]);
  });
});
