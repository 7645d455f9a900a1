import { describe, expect, it } from 'vitest';
import { demoSigningKey } from '../../dev/local-stack';
import { verifySignature } from '../../src/target/signature';
import { agents, notificationFor, postNotification, useStack } from './stack';

const payload = {
  channel: 'dfo',
  conversationId: 'c-42',
  text: 'Grüße, "agent" — order #42',
  lines: [1, 2.5, null, true],
};

const forwarded = notificationFor(agents.onQueueIdle, { id: 'n-fwd', payload });
const dropped = notificationFor(agents.away, { id: 'n-drop' });

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('forwarding to the downstream target', () => {
  it('delivers a forwarded payload once as its exact JSON', async () => {
    // Prepare
    const stack = await useStack();

    // Act
    await postNotification(stack, forwarded);

    // Assess
    const received = await stack.targetControl.requests();
    expect(received).toHaveLength(1);
    expect(received[0]?.method).toBe('POST');
    expect(received[0]?.body).toBe(JSON.stringify(payload));
  });

  it('sends the notification id as key and JSON as media type', async () => {
    // Prepare
    const stack = await useStack();

    // Act
    await postNotification(stack, forwarded);

    // Assess
    const [request] = await stack.targetControl.requests();
    expect(request?.headers['idempotency-key']).toBe('n-fwd');
    expect(request?.headers['content-type']).toBe('application/json');
  });

  it('signs a forward so that the demo signing key verifies it', async () => {
    // Prepare
    const stack = await useStack();

    // Act
    await postNotification(stack, forwarded);

    // Assess
    const [request] = await stack.targetControl.requests();
    const header = request?.headers['x-presence-gate-signature'] ?? '';
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const body = request?.body ?? '';
    const now = nowSeconds();
    expect(verifySignature(header, body, [demoSigningKey], now)).toBe(true);
  });

  it('sends nothing to the target when it drops a notification', async () => {
    // Prepare
    const stack = await useStack();

    // Act
    const response = await postNotification(stack, dropped);

    // Assess
    expect(response.data).toMatchObject({ outcome: 'drop' });
    expect(await stack.targetControl.requests()).toEqual([]);
  });

  it('drops with target_rejected when the target answers 400', async () => {
    // Prepare
    const stack = await useStack();
    await stack.targetControl.answerStatus(400, 1);

    // Act
    const response = await postNotification(stack, forwarded);

    // Assess
    expect(response.status).toBe(200);
    expect(response.data).toMatchObject({
      notificationId: 'n-fwd',
      outcome: 'drop',
      reason: 'target_rejected',
    });
  });

  it('keeps the answer of a rejecting target from the caller', async () => {
    // Prepare
    const stack = await useStack();
    const body = { error: 'bad payload', detail: 'target-secret-detail' };
    await stack.targetControl.addFault({
      fault: { kind: 'status', status: 400, body },
      count: 1,
    });

    // Act
    const response = await postNotification(stack, forwarded);

    // Assess
    const answer = JSON.stringify(response.data);
    expect(answer).not.toContain('bad payload');
    expect(answer).not.toContain('target-secret-detail');
  });

  it('answers 503 with Retry-After when the target answers 503', async () => {
    // Prepare
    const stack = await useStack();
    await stack.targetControl.answerStatus(503, 1);

    // Act
    const response = await postNotification(stack, forwarded);

    // Assess
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toMatch(/^\d+$/);
    expect(response.data).toMatchObject({
      outcome: 'retry',
      reason: 'target_unavailable',
    });
  });

  it('sends once more, same key, after one connection reset', async () => {
    // Prepare
    const stack = await useStack();
    await stack.targetControl.addFault({ fault: { kind: 'reset' }, count: 1 });

    // Act
    const response = await postNotification(stack, forwarded);

    // Assess
    const received = await stack.targetControl.requests();
    expect(response.data).toMatchObject({ outcome: 'forward' });
    expect(received.map((r) => r.headers['idempotency-key'])).toEqual([
      forwarded.id,
      forwarded.id,
    ]);
  });

  it('hands back when the target keeps resetting', async () => {
    // Prepare
    const stack = await useStack();
    await stack.targetControl.addFault({ fault: { kind: 'reset' } });

    // Act
    const response = await postNotification(stack, forwarded);

    // Assess
    expect(response.status).toBe(503);
    expect(response.data).toMatchObject({
      outcome: 'retry',
      reason: 'target_unavailable',
    });
  });

  it('answers the decision only when no FORWARD_URL is set', async () => {
    // Prepare
    const stack = await useStack({ env: { FORWARD_URL: '' } });

    // Act
    const response = await postNotification(stack, forwarded);

    // Assess
    expect(response.status).toBe(200);
    expect(response.data).toMatchObject({
      notificationId: 'n-fwd',
      outcome: 'forward',
      reason: 'agent_available',
      rule: 'on-queue',
    });
  });

  it('sends nothing to the target when no FORWARD_URL is set', async () => {
    // Prepare
    const stack = await useStack({ env: { FORWARD_URL: '' } });

    // Act
    await postNotification(stack, forwarded);

    // Assess
    expect(await stack.targetControl.requests()).toEqual([]);
  });

  it('signs with each key while a previous signing key is set', async () => {
    // Prepare
    const previousKey = 'previous-signing-key-0123456789';
    const stack = await useStack({
      secret: { previousSigningKey: previousKey },
    });

    // Act
    await postNotification(stack, forwarded);

    // Assess
    const [request] = await stack.targetControl.requests();
    const header = request?.headers['x-presence-gate-signature'] ?? '';
    const [stamp, ...signatures] = header.split(',');
    expect(signatures).toHaveLength(2);
    const body = request?.body ?? '';
    const verifiedBy = (key: string) =>
      signatures.filter((v1) =>
        verifySignature(`${stamp},${v1}`, body, [key], nowSeconds()),
      ).length;
    expect([demoSigningKey, previousKey].map(verifiedBy)).toEqual([1, 1]);
  });
});
