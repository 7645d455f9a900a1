import { describe, expect, it } from 'vitest';
import {
  agents,
  createClock,
  genesysCounters,
  notificationFor,
  postAtOnce,
  postInSequence,
  postNotification,
  useStack,
} from './stack';

/** Every notification reads Genesys, so each one meets the token. */
const readEveryTime = { STATE_CACHE_TTL_MS: '0' };

/** The demo client's token lifetime (demo-org.json): 24 hours. */
const tokenLifetimeMs = 86_400_000;

const notification = notificationFor(agents.onQueueIdle);

describe('the Genesys Cloud token of one container', () => {
  it('is requested once for 40 notifications, 20 at once', async () => {
    // Prepare
    const stack = await useStack({ env: readEveryTime });

    // Act
    const sequential = await postInSequence(stack, agents.onQueueIdle, 20);
    const concurrent = await postAtOnce(stack, agents.onQueueIdle, 20);

    // Assess
    const statuses = [...sequential, ...concurrent].map((r) => r.status);
    expect(new Set(statuses)).toEqual(new Set([200]));
    const counters = await genesysCounters(stack);
    expect(counters.tokensIssued).toBe(1);
  });

  it('is replaced when Genesys Cloud expired it early', async () => {
    // Prepare
    const stack = await useStack({ env: readEveryTime });
    await postNotification(stack, notification);
    await stack.genesys.control.expireTokens();

    // Act
    const response = await postNotification(stack, notification);

    // Assess
    expect(response.status).toBe(200);
    expect(response.data).toMatchObject({ outcome: 'forward' });
    const counters = await genesysCounters(stack);
    expect(counters.tokensIssued).toBe(2);
  });

  it('is replaced before use once its expires_in has passed', async () => {
    // Prepare
    const clock = createClock();
    const stack = await useStack({ now: clock.now, env: readEveryTime });
    await postNotification(stack, notification);
    clock.advance(tokenLifetimeMs + 1_000);

    // Act
    const response = await postNotification(stack, notification);

    // Assess
    expect(response.status).toBe(200);
    const counters = await genesysCounters(stack);
    expect(counters.tokensIssued).toBe(2);
    // A 401 would have sent the user read a third time.
    expect(counters.requests['users.get']).toBe(2);
  });

  it('is replaced in the last tenth of its life, before expiry', async () => {
    // Prepare
    const clock = createClock();
    const stack = await useStack({ now: clock.now, env: readEveryTime });
    await postNotification(stack, notification);
    clock.advance(tokenLifetimeMs * 0.95);

    // Act
    await postNotification(stack, notification);

    // Assess
    const counters = await genesysCounters(stack);
    expect(counters.tokensIssued).toBe(2);
    expect(counters.requests['users.get']).toBe(2);
  });

  it('is kept when the API answers 429 and the read is retried', async () => {
    // Prepare
    const stack = await useStack({ env: readEveryTime });
    await stack.genesys.control.addFault({
      target: 'api',
      fault: { kind: 'status', status: 429, headers: { 'Retry-After': '0' } },
      count: 1,
    });

    // Act
    const response = await postNotification(stack, notification);

    // Assess
    expect(response.status).toBe(200);
    const counters = await genesysCounters(stack);
    expect(counters.tooManyRequests).toBe(1);
    expect(counters.requests['users.get']).toBe(2);
    expect(counters.tokensIssued).toBe(1);
  });
});

describe('a login Genesys answers with a 5xx', () => {
  it('is tried once more within the invocation', async () => {
    // Prepare
    const stack = await useStack({ env: readEveryTime });
    await stack.genesys.control.addFault({
      target: 'token',
      fault: { kind: 'status', status: 503 },
      count: 1,
    });

    // Act
    const response = await postNotification(
      stack,
      notificationFor(agents.onQueueIdle),
    );

    // Assess
    const counters = await genesysCounters(stack);
    expect(response.data).toMatchObject({ outcome: 'forward' });
    expect(counters.requests.token).toBe(2);
  });
});
