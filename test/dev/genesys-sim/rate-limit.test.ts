import { beforeEach, describe, expect, it } from 'vitest';
import { demoUserIds as ids } from '../../../dev/genesys-sim';
import { requestToken, useSim } from './harness';
import { schemaErrors } from './schemas';

const path = `/api/v2/users/${ids.onQueueIdle}/routingstatus`;
const other = { clientId: 'second-client', clientSecret: 'second-secret' };

describe('rate limiting per OAuth client', () => {
  const harness = useSim();
  let token: string;

  beforeEach(async () => {
    token = await harness.login();
    await harness.sim.control.setRateLimit(3);
  });

  /** Spends the demo client's whole window of three requests. */
  async function spendWindow(): Promise<void> {
    for (let n = 0; n < 3; n += 1) await harness.get(path, token);
  }

  it('sends the inin-ratelimit headers on a successful answer', async () => {
    const response = await harness.get(path, token);

    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({
      'inin-ratelimit-count': '1',
      'inin-ratelimit-allowed': '3',
      'inin-ratelimit-reset': '60',
    });
  });

  it('answers 429 too.many.requests once the limit is passed', async () => {
    await spendWindow();

    const response = await harness.get(path, token);

    expect(response.status).toBe(429);
    expect(schemaErrors('ErrorBody', response.data)).toEqual([]);
    expect(response.data).toMatchObject({
      code: 'too.many.requests',
      status: 429,
      message:
        'Rate limit exceeded the maximum [3] requests within [60] seconds',
    });
  });

  it('sends Retry-After and ratelimit headers with a 429', async () => {
    await spendWindow();
    harness.clock.advance(15_000);

    const response = await harness.get(path, token);

    expect(response.headers).toMatchObject({
      'retry-after': '45',
      'inin-ratelimit-count': '3',
      'inin-ratelimit-allowed': '3',
      'inin-ratelimit-reset': '45',
    });
  });

  it('admits requests again once the window has rolled on', async () => {
    await spendWindow();

    harness.clock.advance(60_000);
    const response = await harness.get(path, token);

    expect(response.status).toBe(200);
  });

  it('leaves another client unaffected by a throttled one', async () => {
    await harness.sim.control.createClient(other);
    const otherToken = await harness.login(other);
    await spendWindow();

    const response = await harness.get(path, otherToken);

    expect(response.status).toBe(200);
  });

  it('applies a per-client limit over the org-wide one', async () => {
    await harness.sim.control.createClient({ ...other, rateLimitPerMinute: 1 });
    const otherToken = await harness.login(other);
    await harness.get(path, otherToken);

    const response = await harness.get(path, otherToken);

    expect(response.status).toBe(429);
  });

  it('limits token requests per client id', async () => {
    for (let n = 0; n < 2; n += 1) await requestToken(harness.http);

    const response = await requestToken(harness.http);

    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toMatch(/^\d+$/);
  });

  it('counts every 429 it answers', async () => {
    await spendWindow();

    await harness.get(path, token);
    await harness.get(path, token);

    const counters = await harness.sim.control.readCounters();
    expect(counters.tooManyRequests).toBe(2);
  });
});

describe('rate limit defaults', () => {
  const harness = useSim();

  it('allows 300 requests a minute per client by default', async () => {
    const token = await harness.login();

    const response = await harness.get(path, token);

    expect(response.headers['inin-ratelimit-allowed']).toBe('300');
  });
});
