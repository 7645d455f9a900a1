import { describe, expect, it } from 'vitest';
import { readEvent } from '../../dev/replay-events';
import {
  agents,
  genesysCounters,
  invokeHandler,
  notificationFor,
  postNotification,
  useStack,
} from './stack';

const notification = notificationFor(agents.onQueueIdle);

const oversized = notificationFor(agents.onQueueIdle, {
  payload: { text: 'x'.repeat(2_000) },
});

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('what POST /notifications takes', () => {
  it.each([
    ['no Content-Type', null],
    ['a charset parameter', 'application/json; charset=utf-8'],
  ])('accepts a JSON body with %s', async (_, contentType) => {
    // Prepare
    const stack = await useStack();

    // Act
    const response = await postNotification(stack, notification, {
      'content-type': contentType,
    });

    // Assess
    expect(response.status).toBe(200);
    expect(response.data).toMatchObject({ outcome: 'forward' });
  });

  it('refuses a text/plain body with 415', async () => {
    // Prepare
    const stack = await useStack();

    // Act
    const response = await postNotification(stack, notification, {
      'content-type': 'text/plain',
    });

    // Assess
    expect(response.status).toBe(415);
    expect(response.data).toMatchObject({
      error: { code: 'unsupported_media_type' },
    });
  });

  it('reads the Content-Type whatever the case of its name', async () => {
    // Prepare
    const stack = await useStack();
    const event = readEvent('http/v1-forward-on-queue-idle.json');
    event.headers = { 'CONTENT-TYPE': 'text/plain' };
    event.multiValueHeaders = { 'CONTENT-TYPE': ['text/plain'] };

    // Act
    const result = await invokeHandler(stack, event);

    // Assess
    expect(result.statusCode).toBe(415);
    expect(result.body).toMatchObject({
      error: { code: 'unsupported_media_type' },
    });
  });

  it('refuses a body over MAX_NOTIFICATION_BYTES with 413', async () => {
    // Prepare
    const stack = await useStack({ env: { MAX_NOTIFICATION_BYTES: '1024' } });

    // Act
    const response = await postNotification(stack, oversized);

    // Assess
    expect(response.status).toBe(413);
    expect(response.data).toMatchObject({
      error: { code: 'payload_too_large' },
    });
  });

  it('reads no secret and asks Genesys nothing for a big body', async () => {
    // Prepare
    const stack = await useStack({ env: { MAX_NOTIFICATION_BYTES: '1024' } });

    // Act
    await postNotification(stack, oversized);

    // Assess
    expect(await stack.secretsControl.counters()).toEqual({});
    expect((await genesysCounters(stack)).total).toBe(0);
  });

  it('refuses an agent id that is not a UUID with 400', async () => {
    // Prepare
    const stack = await useStack();

    // Act
    const response = await postNotification(
      stack,
      notificationFor('agent-007'),
    );

    // Assess
    expect(response.status).toBe(400);
    expect(response.data).toMatchObject({
      error: { code: 'invalid_notification' },
    });
  });

  it('asks Genesys Cloud nothing for an agent id not a UUID', async () => {
    // Prepare
    const stack = await useStack();

    // Act
    await postNotification(stack, notificationFor('agent-007'));

    // Assess
    expect((await genesysCounters(stack)).total).toBe(0);
  });

  it('gives a notification without id a UUID, also as the key', async () => {
    // Prepare
    const stack = await useStack();

    // Act
    const response = await postNotification(
      stack,
      notificationFor(agents.onQueueIdle, { id: undefined }),
    );

    // Assess
    const { notificationId } = response.data as { notificationId: string };
    expect(notificationId).toMatch(uuid);
    const [request] = await stack.targetControl.requests();
    expect(request?.headers['idempotency-key']).toBe(notificationId);
  });
});
