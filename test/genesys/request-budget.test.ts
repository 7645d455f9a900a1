import { describe, expect, it } from 'vitest';
import { UpstreamUnavailableError } from '../../src/errors';
import { RequestBudget } from '../../src/genesys/request-budget';
import { TimeBudget } from '../../src/net/budget';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

type Clock = ReturnType<typeof clock>;

/** A budget with no time to wait: a call is taken now or refused. */
const noWait = (time: Clock) => new TimeBudget(time.now(), time.now);

async function takeAll(requests: RequestBudget, count: number, time: Clock) {
  const results = [];
  for (let n = 0; n < count; n += 1) {
    results.push(
      await requests.acquire(noWait(time)).then(
        () => 'taken',
        (error: unknown) => error,
      ),
    );
  }
  return results;
}

/** A budget that has seen Genesys count `count` of `allowed` calls. */
function budgetFor(time: Clock, allowed: number, count: number) {
  const requests = new RequestBudget(time.now);
  requests.observe({
    'inin-ratelimit-allowed': String(allowed),
    'inin-ratelimit-count': String(count),
  });
  return requests;
}

describe('RequestBudget', () => {
  it('lets a tenth of the limit through at once', async () => {
    const time = clock();
    const requests = budgetFor(time, 300, 0);

    const results = await takeAll(requests, 30, time);

    expect(results.every((r) => r === 'taken')).toBe(true);
  });

  it('waits for a turn that comes within the time it may wait', async () => {
    const time = clock();
    const requests = budgetFor(time, 600, 0);
    await takeAll(requests, 60, time);
    const started = Date.now();

    await requests.acquire(new TimeBudget(Number.POSITIVE_INFINITY));

    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  });

  it('refuses a call that would wait longer than it may', async () => {
    const time = clock();
    const requests = budgetFor(time, 20, 0);
    await takeAll(requests, 2, time);

    const refused = await requests
      .acquire(noWait(time))
      .catch((e: unknown) => e);

    expect(refused).toBeInstanceOf(UpstreamUnavailableError);
    expect((refused as UpstreamUnavailableError).details.code).toBe(
      'request.budget',
    );
  });

  it('refills at the rest of the limit over a minute', async () => {
    const time = clock();
    const requests = budgetFor(time, 20, 0);
    await takeAll(requests, 2, time);

    time.advance(60_000);
    const results = await takeAll(requests, 2, time);

    expect(results).toEqual(['taken', 'taken']);
  });

  it('keeps no rolling minute over the limit', async () => {
    const time = clock();
    const requests = budgetFor(time, 60, 0);

    let taken = 0;
    for (let second = 0; second < 60; second += 1) {
      const results = await takeAll(requests, 5, time);
      taken += results.filter((r) => r === 'taken').length;
      time.advance(1_000);
    }

    expect(taken).toBeLessThanOrEqual(60);
    expect(taken).toBeGreaterThanOrEqual(55);
  });

  it('comes down to what Genesys counted for other containers', async () => {
    const time = clock();
    const requests = budgetFor(time, 300, 299);

    const results = await takeAll(requests, 2, time);

    expect(results[0]).toBe('taken');
    expect(results[1]).toBeInstanceOf(UpstreamUnavailableError);
  });

  it('stops calls for the Retry-After of a 429', async () => {
    const time = clock();
    const requests = new RequestBudget(time.now);
    requests.throttled(30);

    const during = await takeAll(requests, 1, time);
    time.advance(31_000);
    const after = await takeAll(requests, 1, time);

    expect(during[0]).toBeInstanceOf(UpstreamUnavailableError);
    expect(after).toEqual(['taken']);
  });

  it('ignores answers without rate-limit headers', async () => {
    const time = clock();
    const requests = new RequestBudget(time.now);
    requests.observe({});

    const results = await takeAll(requests, 30, time);

    expect(results.every((r) => r === 'taken')).toBe(true);
  });

  it('tells when the next call could take its turn', async () => {
    const time = clock();
    const requests = budgetFor(time, 300, 0);
    expect(requests.turnInMs()).toBe(0);

    await takeAll(requests, 30, time);

    // 270 a minute refill the rest: one turn every 222 ms.
    expect(requests.turnInMs()).toBeCloseTo(60_000 / 270, 0);
    time.advance(100);
    expect(requests.turnInMs()).toBeCloseTo(60_000 / 270 - 100, 0);
    time.advance(200);
    expect(requests.turnInMs()).toBe(0);
  });

  it('tells of the Retry-After of a 429 as the time to the next turn', () => {
    const time = clock();
    const requests = new RequestBudget(time.now);

    requests.throttled(30);

    expect(requests.turnInMs()).toBeGreaterThan(30_000);
  });
});
