import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { AgentStateCache } from '../../src/genesys/agent-cache';
import type { AgentLookup, AgentReading } from '../../src/genesys/agent-state';
import { TimeBudget } from '../../src/net/budget';

function readingOf(id: string): AgentReading {
  return { correlationId: id } as unknown as AgentReading;
}

/** A cache whose reads are recorded, each answered after `readMs`. */
function cacheWith(turnInMs: () => number, ttlMs = 5_000, readMs = 0) {
  const reads: string[][] = [];
  const cache = new AgentStateCache(
    async (ids) => {
      reads.push([...ids]);
      await sleep(readMs);
      return new Map(ids.map((id) => [id, readingOf(id)])) as AgentLookup;
    },
    ttlMs,
    turnInMs,
  );
  const lookUp = (id: string) =>
    cache.lookUp([id], TimeBudget.unbounded()).then((l) => l.get(id));
  return { cache, reads, lookUp };
}

describe('AgentStateCache', () => {
  it('reads agents looked up apart while calls are free', async () => {
    const { reads, lookUp } = cacheWith(() => 0);

    await lookUp('a');
    await sleep(5);
    await lookUp('b');

    expect(reads).toEqual([['a'], ['b']]);
  });

  it("holds a read for the budget's turn, and lets others join", async () => {
    const { reads, lookUp } = cacheWith(() => 60);

    const first = lookUp('a');
    await sleep(20);
    const second = lookUp('b');
    await sleep(10);
    const third = lookUp('c');
    const readings = await Promise.all([first, second, third]);

    expect(reads).toEqual([['a', 'b', 'c']]);
    expect(readings.map((r) => (r as AgentReading).correlationId)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('does not hold a read for a turn too far off to wait for', async () => {
    const { reads, lookUp } = cacheWith(() => 30_000);

    const started = Date.now();
    await lookUp('a');

    expect(Date.now() - started).toBeLessThan(1_000);
    expect(reads).toEqual([['a']]);
  });

  it('answers a kept agent at once, marked as a cache hit', async () => {
    const { reads, lookUp } = cacheWith(() => 0);
    await lookUp('a');

    const again = await lookUp('a');

    expect(reads).toHaveLength(1);
    expect(again).toMatchObject({ correlationId: 'a', cacheHit: true });
  });

  it('does not hold a read longer than the lookup may wait', async () => {
    const { cache, reads } = cacheWith(() => 1_000);
    const budget = new TimeBudget(Date.now() + 100);

    const started = Date.now();
    await cache.lookUp(['a'], budget);

    expect(Date.now() - started).toBeLessThan(100);
    expect(reads).toEqual([['a']]);
  });

  it('does not call a reading shared while in flight a cache hit', async () => {
    const { reads, lookUp } = cacheWith(() => 30);

    const readings = await Promise.all([lookUp('a'), lookUp('a')]);

    expect(reads).toEqual([['a']]);
    expect(readings.map((r) => (r as AgentReading).cacheHit)).toEqual([
      undefined,
      undefined,
    ]);
  });

  it('answers a lookup joining a read in flight as it ends', async () => {
    let turnInMs = 0;
    const { reads, lookUp } = cacheWith(() => turnInMs, 5_000, 50);
    const first = lookUp('a');
    turnInMs = 500;
    await sleep(10);

    const started = Date.now();
    await lookUp('a');

    expect(Date.now() - started).toBeLessThan(200);
    expect(reads).toEqual([['a']]);
    await first;
  });

  it('fails a lookup at once that may not wait for the held read', async () => {
    const { cache, reads, lookUp } = cacheWith(() => 1_000);
    const opener = lookUp('a');
    await sleep(10);

    const started = Date.now();
    const lookup = await cache.lookUp(['b'], new TimeBudget(Date.now() + 300));

    expect(Date.now() - started).toBeLessThan(100);
    expect(lookup.get('b')).toMatchObject({
      name: 'UpstreamUnavailableError',
      message: expect.stringContaining('over the client budget'),
    });
    await opener;
    expect(reads).toEqual([['a']]);
  });
});
