import type { RoutingStatusValue } from '../dev/genesys-sim/types';

/** What the benchmark offers the gate; fixed so that runs compare. */
export interface WorkloadSettings {
  seed: number;
  agents: number;
  zipfExponent: number;
  notifications: number;
}

export interface BenchAgent {
  id: string;
  name: string;
  /** The raw spelling the simulated org answers with. */
  systemPresence: string;
  routingStatus: RoutingStatusValue;
}

export interface Workload {
  agents: BenchAgent[];
  /** The agent of each notification, by index into `agents`. */
  arrivals: number[];
}

/**
 * A seeded generator of numbers in [0, 1), after the mulberry32 algorithm:
 * 32 bits of state, good enough to draw a workload, fully reproducible.
 */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 2 ** 32;
  };
}

/**
 * Draws ranks 0 … count-1 with probability proportional to
 * 1 / (rank + 1)^exponent, by binary search in the cumulative weights.
 */
export function createZipfSampler(
  count: number,
  exponent: number,
  random: () => number,
): () => number {
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= count; rank += 1) {
    total += rank ** -exponent;
    cumulative.push(total);
  }

  return () => {
    const target = random() * total;
    let low = 0;
    let high = count - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((cumulative[middle] as number) > target) high = middle;
      else low = middle + 1;
    }
    return low;
  };
}

type Presence = Pick<BenchAgent, 'systemPresence' | 'routingStatus'>;

const onQueueIdle: Presence = {
  systemPresence: 'On Queue',
  routingStatus: 'IDLE',
};
const onQueueBusy: Presence = {
  systemPresence: 'On Queue',
  routingStatus: 'INTERACTING',
};
const available: Presence = {
  systemPresence: 'Available',
  routingStatus: 'OFF_QUEUE',
};
const offQueue = (systemPresence: string): Presence => ({
  systemPresence,
  routingStatus: 'OFF_QUEUE',
});

/**
 * Twenty agents' worth of states, repeated over the roster: 14 that the
 * default policy forwards to, 6 it drops (presence or routing status).
 */
const presenceMix: readonly Presence[] = [
  onQueueIdle,
  onQueueBusy,
  available,
  onQueueIdle,
  offQueue('Away'),
  onQueueIdle,
  onQueueBusy,
  { systemPresence: 'On Queue', routingStatus: 'NOT_RESPONDING' },
  onQueueIdle,
  available,
  offQueue('Busy'),
  onQueueIdle,
  onQueueBusy,
  offQueue('Offline'),
  onQueueIdle,
  onQueueBusy,
  offQueue('Meal'),
  onQueueIdle,
  offQueue('Away'),
  onQueueIdle,
];

/** A valid, recognisable UUID per agent, away from the demo org's ids. */
export function benchAgentId(index: number): string {
  const suffix = (index + 1).toString(16).padStart(12, '0');
  return `b0000000-0000-4000-8000-${suffix}`;
}

export function createAgents(count: number): BenchAgent[] {
  return Array.from({ length: count }, (_, index) => ({
    id: benchAgentId(index),
    name: `Bench Agent ${index + 1}`,
    ...(presenceMix[index % presenceMix.length] as Presence),
  }));
}

/** The roster and the seeded, Zipf-skewed agent of every notification. */
export function createWorkload(settings: WorkloadSettings): Workload {
  const random = createRandom(settings.seed);
  const draw = createZipfSampler(
    settings.agents,
    settings.zipfExponent,
    random,
  );
  return {
    agents: createAgents(settings.agents),
    arrivals: Array.from({ length: settings.notifications }, draw),
  };
}
