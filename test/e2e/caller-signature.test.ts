import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  agents,
  createClock,
  genesysCounters,
  invokeHandler,
  notificationFor,
  postNotification,
  useStack,
} from './stack';

/**
 * Callers sign with the secret's caller keys when it has any: a signature
 * of the raw body, checked before Genesys is asked anything.
 */

const callerKeys = [
  'caller-key-current-0123456789',
  'caller-key-old-0123456789',
];
const body = JSON.stringify(notificationFor(agents.onQueueIdle));
const header = 'X-Presence-Gate-Caller-Signature';

const clock = createClock();
const nowSeconds = Math.floor(clock.now() / 1000);

/** A caller's signature, made as the README tells callers to. */
function sign(text: string, key: string, at = nowSeconds) {
  const mac = createHmac('sha256', key).update(`${at}.${text}`).digest('hex');
  return `t=${at},v1=${mac}`;
}

function signed(signature: string) {
  return { 'content-type': 'application/json', [header]: signature };
}

const unauthorized = {
  error: { code: 'unauthorized', message: expect.any(String) },
};

describe('a gate whose secret has caller keys', () => {
  it.each([
    ['the current key', callerKeys[0] as string],
    ['the previous key', callerKeys[1] as string],
  ])('accepts a request signed with %s', async (_, key) => {
    // Prepare
    const stack = await useStack({ secret: { callerKeys }, now: clock.now });

    // Act
    const response = await postNotification(
      stack,
      body,
      signed(sign(body, key)),
    );

    // Assess
    expect(response.status).toBe(200);
    expect(response.data).toMatchObject({ outcome: 'forward' });
  });

  it.each([
    ['no signature', { 'content-type': 'application/json' }],
    [
      'a signature by another key',
      signed(sign(body, 'another-key-0123456789')),
    ],
    [
      'a signature of another body',
      signed(sign(`${body} `, callerKeys[0] as string)),
    ],
    [
      'a signature 301 s old',
      signed(sign(body, callerKeys[0] as string, nowSeconds - 301)),
    ],
    [
      'a signature 301 s ahead',
      signed(sign(body, callerKeys[0] as string, nowSeconds + 301)),
    ],
    [
      'a signature without a time',
      signed(sign(body, callerKeys[0] as string).replace(/^t=\d+,/, '')),
    ],
    ['a header that is no signature', signed('Bearer caller-token')],
  ])('refuses a request with %s with 401 unauthorized', async (_, headers) => {
    // Prepare
    const stack = await useStack({ secret: { callerKeys }, now: clock.now });

    // Act
    const response = await postNotification(stack, body, headers);

    // Assess
    expect(response.status).toBe(401);
    expect(response.data).toEqual(unauthorized);
  });

  it('asks Genesys nothing for a request it refuses', async () => {
    // Prepare
    const stack = await useStack({ secret: { callerKeys }, now: clock.now });

    // Act
    await postNotification(stack, body);

    // Assess
    expect((await genesysCounters(stack)).total).toBe(0);
  });

  it.each([
    ['accepts a signature 300 s old', {}, 300, 200],
    ['refuses one 61 s old with a window of 60 s', { window: '60' }, 61, 401],
  ])('%s', async (_, { window }: { window?: string }, age, status) => {
    // Prepare
    const stack = await useStack({
      secret: { callerKeys },
      env: { CALLER_SIGNATURE_TOLERANCE_S: window },
      now: clock.now,
    });
    const signature = sign(body, callerKeys[0] as string, nowSeconds - age);

    // Act
    const response = await postNotification(stack, body, signed(signature));

    // Assess
    expect(response.status).toBe(status);
  });

  it('finds the header whatever the case of its name', async () => {
    // Prepare
    const stack = await useStack({ secret: { callerKeys }, now: clock.now });

    // Act
    const response = await postNotification(stack, body, {
      'content-type': 'application/json',
      'x-presence-gate-caller-signature': sign(body, callerKeys[0] as string),
    });

    // Assess
    expect(response.status).toBe(200);
  });

  it('checks the signature on the decoded body of a base64 event', async () => {
    // Prepare
    const stack = await useStack({ secret: { callerKeys }, now: clock.now });
    const event = {
      version: '2.0',
      headers: { [header]: sign(body, callerKeys[0] as string) },
      requestContext: { http: { method: 'POST' }, requestId: 'r-1' },
      body: Buffer.from(body).toString('base64'),
      isBase64Encoded: true,
    };

    // Act
    const result = await invokeHandler(stack, event);

    // Assess
    expect(result.statusCode).toBe(200);
  });

  it('refuses a bad body with 400 before reading the secret', async () => {
    // Prepare
    const stack = await useStack({ secret: { callerKeys }, now: clock.now });

    // Act
    const response = await postNotification(stack, 'Foo!');

    // Assess
    expect(response.status).toBe(400);
    expect(await stack.secretsControl.counters()).toEqual({});
  });
});

describe('a gate that cannot read caller keys', () => {
  it('answers 500 gate_misconfigured for malformed caller keys', async () => {
    // Prepare
    const stack = await useStack({
      secret: { callerKeys: 'one-key-0123456789' },
    });

    // Act
    const response = await postNotification(stack, body);

    // Assess
    expect(response.status).toBe(500);
    expect(response.data.error.code).toBe('gate_misconfigured');
  });

  it('answers 503 with Retry-After while Secrets Manager fails', async () => {
    // Prepare
    const stack = await useStack({ secret: { callerKeys }, now: clock.now });
    await stack.secretsControl.fail();

    // Act
    const response = await postNotification(stack, body);

    // Assess
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
  });
});

describe('a gate whose secret has no caller keys', () => {
  it('accepts a request without a signature', async () => {
    // Prepare
    const stack = await useStack();

    // Act
    const response = await postNotification(stack, body);

    // Assess
    expect(response.status).toBe(200);
  });
});
