import { demoClient } from '../../dev/genesys-sim';
import {
  demoSecret,
  demoSecretId,
  type LocalStack,
  startLocalStack,
} from '../../dev/local-stack';
import {
  DecisionLog,
  idsWith,
  type Round,
  readTargetRecord,
  runStream,
  type StreamItem,
  type StreamOptions,
  streamOf,
  type TargetRecord,
  type Trigger,
} from './stream';

/**
 * The faults of issue 5, each injected through the control APIs of the
 * simulated org, the local Secrets Manager or the local target, and how
 * one stream of notifications is run under one of them.
 */

export interface FaultScenario {
  /** Short and unique: it starts the ids of the stream's notifications. */
  key: string;
  /** The condition, as the test titles and the outcome table name it. */
  name: string;
  /** Gate settings, such as short timeouts where answers hang. */
  env?: NodeJS.ProcessEnv;
  /** Injects the fault before the first notification. */
  inject?: (stack: LocalStack) => Promise<void>;
  /** Injects (more of) the fault while the stream is half sent. */
  midway?: (stack: LocalStack) => Promise<void>;
  /** HTTP calls, or SQS batches, in flight at once. */
  concurrency?: Partial<Record<Trigger, number>>;
}

export const streamLength = 200;

/**
 * A redelivery meets no fault, but a loaded machine answers slowly: a
 * replay gets the most time the tests give, 5 s, and a calmer pace; what
 * it still hands back is delivered again, as a queue would.
 */
const replayOptions = {
  remainingMs: 5_000,
  concurrency: 5,
};

/** Redeliveries at most; a queue would go on until its DLQ took them. */
export const maxReplays = 3;

/**
 * The stream goes to a few agents, and the gate keeps an agent's reading
 * for 5 s by default: most notifications would be decided from that cache
 * and never meet a Genesys fault. Every notification reads here.
 */
const noAgentCache = { STATE_CACHE_TTL_MS: '0' };

/** A short Genesys timeout, so that hanging reads cost little. */
const shortGenesysTimeout = { GENESYS_TIMEOUT_MS: '500' };

function tooManyRequests(
  count: number | undefined,
  retryAfter: number | string,
  target: 'api' | 'token' = 'api',
) {
  return (stack: LocalStack) =>
    stack.genesys.control.addTooManyRequests({ count, retryAfter, target });
}

function failGenesys(
  target: 'api' | 'token',
  statuses: readonly number[],
  count: number,
) {
  return async (stack: LocalStack) => {
    for (const status of statuses) {
      const fault = { kind: 'status' as const, status };
      await stack.genesys.control.addFault({ target, fault, count });
    }
  };
}

/** Injects `fault`, then expires every token, so the gate logs in again. */
function thenExpireTokens(fault: (stack: LocalStack) => Promise<void>) {
  return async (stack: LocalStack) => {
    await fault(stack);
    await stack.genesys.control.expireTokens();
  };
}

/** An HTTP date `ms` from now, as a Retry-After header may carry. */
function httpDateIn(ms: number): string {
  return new Date(Date.now() + ms).toUTCString();
}

/** Genesys gives the demo client a new secret, and so does the secret. */
async function rotateClientSecret(stack: LocalStack): Promise<void> {
  const clientSecret = 'rotated-client-secret-not-for-production';
  await stack.genesys.control.createClient({ ...demoClient, clientSecret });
  const secret = { ...demoSecret(stack.genesys.url), clientSecret };
  await stack.secretsControl.putSecret(demoSecretId, JSON.stringify(secret));
  await stack.genesys.control.expireTokens();
}

function throttleSecretsManager(count: number) {
  return (stack: LocalStack) =>
    stack.secretsControl.throttle({ count, target: 'GetSecretValue' });
}

export const genesysApiFaults: FaultScenario[] = [
  {
    key: 'api-429-seconds',
    name: 'Genesys 429 bursts with Retry-After in seconds',
    inject: tooManyRequests(10, 1),
  },
  {
    key: 'api-429-date',
    name: 'Genesys 429 bursts with Retry-After as an HTTP date',
    inject: async (stack) => tooManyRequests(10, httpDateIn(1_000))(stack),
  },
  {
    key: 'api-429-forever',
    name: 'a Genesys 429 that never stops',
    inject: tooManyRequests(undefined, 1),
    concurrency: { http: 50, sqs: 10 },
  },
  {
    key: 'api-5xx',
    name: 'Genesys 5xx bursts',
    inject: failGenesys('api', [500, 502, 503, 504], 2),
  },
  {
    key: 'api-hang',
    name: 'hanging Genesys responses',
    env: shortGenesysTimeout,
    inject: (stack) =>
      stack.genesys.control.addFault({
        target: 'api',
        fault: { kind: 'hang' },
        count: 9,
      }),
  },
  {
    key: 'api-reset',
    name: 'Genesys connection resets',
    inject: (stack) =>
      stack.genesys.control.addFault({
        target: 'api',
        fault: { kind: 'reset' },
        count: 9,
      }),
  },
];

export const loginFaults: FaultScenario[] = [
  {
    key: 'token-429',
    name: 'a token endpoint 429 at start and after expiry',
    inject: tooManyRequests(1, 1, 'token'),
    midway: thenExpireTokens(tooManyRequests(1, 1, 'token')),
  },
  {
    key: 'token-5xx',
    name: 'a token endpoint 5xx at start and after expiry',
    inject: failGenesys('token', [503], 1),
    midway: thenExpireTokens(failGenesys('token', [500], 1)),
  },
  {
    key: 'token-expiry',
    name: 'token expiry mid-stream',
    midway: (stack) => stack.genesys.control.expireTokens().then(() => {}),
  },
  {
    key: 'rotation',
    name: 'secret rotation mid-stream',
    midway: rotateClientSecret,
  },
  {
    key: 'secrets-throttled',
    name: 'Secrets Manager throttling',
    // Read the secret for every invocation, so throttling meets the stream.
    env: { SECRET_CACHE_TTL_S: '0' },
    inject: throttleSecretsManager(4),
    midway: throttleSecretsManager(4),
  },
];

export const targetFaults: FaultScenario[] = [
  {
    key: 'target-5xx',
    name: 'target 5xx',
    inject: async (stack) => {
      await stack.targetControl.answerStatus(503, 20);
      await stack.targetControl.answerStatus(500, 10);
    },
  },
  {
    key: 'target-stall',
    name: 'target stalls mid-answer',
    env: { FORWARD_TIMEOUT_MS: '1000' },
    inject: (stack) =>
      stack.targetControl.addFault({ fault: { kind: 'stall' }, count: 15 }),
  },
  {
    key: 'target-reset',
    name: 'target connection resets',
    inject: (stack) =>
      stack.targetControl.addFault({ fault: { kind: 'reset' }, count: 15 }),
  },
];

export const allFaults = [...genesysApiFaults, ...loginFaults, ...targetFaults];

/** A stream under a fault, then the replays of what it handed back. */
export interface FaultRun {
  items: StreamItem[];
  first: Round;
  /** Redeliveries of what is still handed back, every fault cleared. */
  replays: Round[];
  targetAfterFirst: TargetRecord;
  targetAfterReplays: TargetRecord;
}

export type FaultRuns = Record<Trigger, FaultRun>;

/**
 * Starts the runs of every scenario, through both triggers side by side,
 * `parallel` scenarios at a time in their order: most of a run is spent
 * waiting out Retry-After and timeouts. Each promise is its scenario's.
 */
export function startFaultRuns(
  scenarios: readonly FaultScenario[],
  parallel: number,
): Map<FaultScenario, Promise<FaultRuns>> {
  const inSlot = slots(parallel);
  return new Map(
    scenarios.map((scenario) => [
      scenario,
      inSlot(async () => {
        const [http, sqs] = await Promise.all([
          runFault(scenario, 'http'),
          runFault(scenario, 'sqs'),
        ]);
        return { http, sqs };
      }),
    ]),
  );
}

/** Runs tasks `limit` at a time, in the order they were given. */
function slots(limit: number) {
  let free = limit;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (free > 0) free -= 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free += 1;
    }
  };
}

/** Runs `scenario` on a fresh local stack through one trigger. */
export async function runFault(
  scenario: FaultScenario,
  trigger: Trigger,
): Promise<FaultRun> {
  const decisions = new DecisionLog();
  const env = { ...noAgentCache, ...scenario.env };
  const stack = await startLocalStack({ env, logger: decisions });
  try {
    // The org's limit of 300 a minute would otherwise add 429s of its own.
    await stack.genesys.control.setRateLimit(1_000_000);
    const items = streamOf(`${scenario.key}-${trigger}`, streamLength);
    await scenario.inject?.(stack);

    const { midway } = scenario;
    const first = await runStream(stack, items, {
      trigger,
      decisions,
      concurrency: scenario.concurrency?.[trigger],
      midway: midway && (() => midway(stack)),
    });
    const targetAfterFirst = await readTargetRecord(stack, items);

    await clearFaults(stack);
    const replays = await redeliver(stack, unfinished(items, first), {
      trigger,
      decisions,
      ...replayOptions,
    });
    const targetAfterReplays = await readTargetRecord(stack, items);

    return { items, first, replays, targetAfterFirst, targetAfterReplays };
  } finally {
    await stack.close();
  }
}

/**
 * Sends what is handed back again, as a queue redelivers, until nothing
 * is or `maxReplays` rounds have run.
 */
async function redeliver(
  stack: LocalStack,
  items: StreamItem[],
  options: StreamOptions,
): Promise<Round[]> {
  const replays: Round[] = [];
  let pending = items;
  while (pending.length > 0 && replays.length < maxReplays) {
    const round = await runStream(stack, pending, options);
    replays.push(round);
    pending = unfinished(pending, round);
  }
  return replays;
}

/** The items a round did not forward or drop. */
function unfinished(items: StreamItem[], round: Round): StreamItem[] {
  const finished = new Set([
    ...idsWith(round.answers, 'forwarded'),
    ...idsWith(round.answers, 'dropped'),
  ]);
  return items.filter((item) => !finished.has(item.id));
}

async function clearFaults(stack: LocalStack): Promise<void> {
  await stack.genesys.control.clearFaults();
  await stack.secretsControl.clearFaults();
  await stack.targetControl.clearFaults();
}
