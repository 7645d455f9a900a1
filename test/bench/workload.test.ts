import { describe, expect, it } from 'vitest';
import {
  benchAgentId,
  createAgents,
  createRandom,
  createWorkload,
  createZipfSampler,
} from '../../bench/workload';

function draw(next: () => number, count: number): number[] {
  return Array.from({ length: count }, next);
}

describe('createRandom', () => {
  it('gives the same numbers for the same seed', () => {
    expect(draw(createRandom(42), 1000)).toEqual(draw(createRandom(42), 1000));
  });

  it('gives other numbers for another seed', () => {
    const first = draw(createRandom(42), 100);
    const second = draw(createRandom(43), 100);

    expect(first.filter((value, n) => value === second[n])).toHaveLength(0);
  });

  it('stays in [0, 1) and spreads evenly over it', () => {
    const values = draw(createRandom(7), 100_000);

    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const tenths = Array.from({ length: 10 }, (_, tenth) =>
      values.filter((v) => Math.floor(v * 10) === tenth),
    );
    for (const tenth of tenths) {
      expect(tenth.length / values.length).toBeCloseTo(0.1, 2);
    }
  });
});

/** Draws `samples` ranks and counts how often each came. */
function countRanks(ranks: number, exponent: number, samples: number) {
  const counts = new Array<number>(ranks).fill(0);
  const sample = createZipfSampler(ranks, exponent, createRandom(1));
  for (let n = 0; n < samples; n += 1) {
    const rank = sample();
    counts[rank] = (counts[rank] ?? 0) + 1;
  }
  return counts;
}

function expectWithin(actual: number, expected: number, relative: number) {
  expect(Math.abs(actual / expected - 1)).toBeLessThan(relative);
}

describe('createZipfSampler', () => {
  const ranks = 200;
  const exponent = 1.1;
  const samples = 200_000;
  const counts = countRanks(ranks, exponent, samples);
  const weight = (rank: number) => (rank + 1) ** -exponent;
  const harmonic = counts.reduce((sum, _, rank) => sum + weight(rank), 0);
  const share = (rank: number) => (counts[rank] ?? 0) / samples;

  it('draws only ranks of the roster, every one at least once', () => {
    expect(counts).toHaveLength(ranks);
    expect(counts.every((count) => count > 0)).toBe(true);
  });

  it.each([0, 1, 9, 49])(
    'draws rank %s in proportion to (rank + 1)^-1.1',
    (rank) => {
      expectWithin(share(rank), weight(rank) / harmonic, 0.1);
    },
  );

  it('draws the last rank rarely but in proportion', () => {
    expectWithin(share(ranks - 1), weight(ranks - 1) / harmonic, 0.5);
  });

  it('draws each of the top ten ranks more often than the next', () => {
    for (let rank = 0; rank < 10; rank += 1) {
      expect(share(rank)).toBeGreaterThan(share(rank + 1));
    }
  });
});

describe('createWorkload', () => {
  const settings = {
    seed: 8,
    agents: 200,
    zipfExponent: 1.1,
    notifications: 500,
  };

  it('draws the same arrivals for the same settings', () => {
    expect(createWorkload(settings)).toEqual(createWorkload(settings));
  });

  it('gives each agent a distinct UUID and a state from the mix', () => {
    const agents = createAgents(200);

    expect(new Set(agents.map((agent) => agent.id)).size).toBe(200);
    expect(agents[0]?.id).toBe(benchAgentId(0));
    expect(benchAgentId(199)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    const onQueue = agents.filter((a) => a.systemPresence === 'On Queue');
    expect(onQueue.length).toBeGreaterThan(agents.length / 2);
  });
});
