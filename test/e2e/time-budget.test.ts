import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createHttpHandler } from '../../src/handlers/http';
import { agents, notificationFor, postNotification, useStack } from './stack';

const notification = notificationFor(agents.onQueueIdle, { id: 'n-budget' });

function apiEvent(body: unknown) {
  return {
    version: '2.0',
    requestContext: { http: { method: 'POST' } },
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  } as never;
}

function lambdaContext(remainingMs: number): Context {
  const deadline = Date.now() + remainingMs;
  return { getRemainingTimeInMillis: () => deadline - Date.now() } as Context;
}

describe('the time budget of one invocation', () => {
  it('cuts off a Genesys body that stalls, and reads again', async () => {
    // Prepare
    const stack = await useStack({ env: { GENESYS_TIMEOUT_MS: '300' } });
    await stack.genesys.control.addFault({
      target: 'users.get',
      fault: { kind: 'stall' },
      count: 1,
    });

    // Act
    const response = await postNotification(stack, notification);

    // Assess
    const counters = await stack.genesys.control.readCounters();
    expect(response.data).toMatchObject({ outcome: 'forward' });
    expect(counters.requests['users.get']).toBe(2);
  });

  it('hands back before the Lambda timeout when Genesys hangs', async () => {
    // Prepare
    const stack = await useStack({ env: { GENESYS_TIMEOUT_MS: '60000' } });
    await stack.genesys.control.addFault({
      target: 'api',
      fault: { kind: 'hang' },
    });
    const handler = createHttpHandler(() => stack.gate);
    const remainingMs = 1_800;
    const started = Date.now();

    // Act
    const result = await handler(
      apiEvent(notification),
      lambdaContext(remainingMs),
    );

    // Assess
    expect(Date.now() - started).toBeLessThan(remainingMs);
    expect(result.statusCode).toBe(503);
    expect(JSON.parse(result.body)).toMatchObject({
      outcome: 'retry',
      reason: 'state_unavailable',
    });
  });

  it('does not wait for a Retry-After longer than the time left', async () => {
    // Prepare
    const stack = await useStack();
    await stack.genesys.control.addTooManyRequests({ retryAfter: '30' });
    const handler = createHttpHandler(() => stack.gate);
    const started = Date.now();

    // Act
    const result = await handler(apiEvent(notification), lambdaContext(5_000));

    // Assess
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(JSON.parse(result.body)).toMatchObject({
      outcome: 'retry',
      reason: 'state_unavailable',
    });
  });

  it('hands back when the target stalls mid-answer', async () => {
    // Prepare
    const stack = await useStack({ env: { FORWARD_TIMEOUT_MS: '300' } });
    await stack.targetControl.addFault({ fault: { kind: 'stall' } });

    // Act
    const response = await postNotification(stack, notification);

    // Assess
    expect(response.status).toBe(503);
    expect(response.data).toMatchObject({ reason: 'target_unavailable' });
  });
});

describe('an OAuth client Genesys keeps refusing', () => {
  it('is not tried again while the secret stays the same', async () => {
    // Prepare
    const stack = await useStack({
      secret: { clientSecret: 'not-the-client-secret' },
    });
    await postNotification(stack, notification);
    const before = await stack.genesys.control.readCounters();

    // Act
    const response = await postNotification(stack, notification);

    // Assess
    const after = await stack.genesys.control.readCounters();
    expect(response.status).toBe(500);
    expect(after.requests.token).toBe(before.requests.token);
  });
});

describe('a forward near the end of the budget', () => {
  it('is not started, and the notification is handed back', async () => {
    // Prepare
    const stack = await useStack({
      env: { FORWARD_TIMEOUT_MS: '5000', STATE_CACHE_TTL_MS: '60000' },
    });
    await postNotification(stack, notification);
    await stack.targetControl.clearRequests();
    const handler = createHttpHandler(() => stack.gate);

    // Act
    const result = await handler(apiEvent(notification), lambdaContext(1_500));

    // Assess
    expect(JSON.parse(result.body)).toMatchObject({
      outcome: 'retry',
      reason: 'target_unavailable',
    });
    expect(await stack.targetControl.requests()).toEqual([]);
  });
});
