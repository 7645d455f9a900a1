import { performance } from 'node:perf_hooks';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyResult,
  Context,
  SQSBatchResponse,
  SQSEvent,
} from 'aws-lambda';
import { demoClient, demoUserIds } from '../dev/genesys-sim';
import type { GenesysSimControl } from '../dev/genesys-sim/control';
import type { SimCounters } from '../dev/genesys-sim/types';
import { type LocalStack, startLocalStack } from '../dev/local-stack';
import { createHttpHandler } from '../src/handlers/http';
import { createSqsHandler } from '../src/handlers/sqs';
import {
  createNaiveHttpHandler,
  createNaiveSqsHandler,
  NaiveIntegration,
} from './baseline';
import { drive, SteppedClock } from './drive';
import {
  type Envelope,
  envelopeFor,
  functionTimeoutMs,
  httpApiEvent,
  lambdaContext,
  sqsEvent,
} from './events';
import { GenesysWatch } from './genesys-watch';
import { startOrgProcess } from './org-process';
import type { BenchSettings } from './settings';
import { type LatencySummary, round, summariseLatencies } from './stats';
import type { BenchAgent, Workload } from './workload';

export type PathName = 'http' | 'sqs';
export type ConfigName = 'gate' | 'baseline';
export type Mode = 'realTime' | 'virtual';

export interface Run {
  path: PathName;
  config: ConfigName;
  mode: Mode;
}

export interface RunResult extends Run {
  notifications: number;
  /** On the run's clock, from the first arrival to the last answer. */
  lastAnswerSeconds: number;
  wallSeconds: number;
  /** Every request the org received, refused ones included. */
  genesysCalls: number;
  callsPer1000: number;
  /** With the reads a refused login kept the baseline from sending. */
  unthrottledCallsPer1000: number;
  tokensRequested: number;
  tooManyRequests: number;
  decided: number;
  handedBack: number;
  /** Forwarded or dropped notifications a second of arrivals. */
  notificationsPerSecond: number;
  /** In real time: the container's first, cold, invocation. */
  firstInvocationMs: number | null;
  latencyMs: LatencySummary;
  /** The gate's notifications decided with no Genesys call for them. */
  cacheHitLatencyMs: LatencySummary | null;
  /** The bench process (gate, stand-ins, tsx) up to the run's end. */
  harnessPeakRssMb: number;
}

/** One invocation's answer, timed. */
interface Delivery {
  agentIds: string[];
  start: number;
  end: number;
  /** When it settled on the run's clock. */
  settledAt: number;
  decided: number;
  handedBack: number;
}

type HttpHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyResult>;
type SqsHandler = (
  event: SQSEvent,
  context: Context,
) => Promise<SQSBatchResponse>;

/**
 * Plays the workload through one path of one configuration, on a fresh
 * stack (a cold container and an org with empty rate windows), and reads
 * the org's counters afterwards.
 */
export async function runScenario(
  settings: BenchSettings,
  workload: Workload,
  run: Run,
): Promise<RunResult> {
  const clock =
    run.mode === 'virtual' ? new SteppedClock(Date.now()) : undefined;
  const { stack, org, close } = await openStack(settings, clock);
  const watch = new GenesysWatch(new URL(org.url).host);
  try {
    await prepareOrg(org.control, workload.agents, settings);
    const naive = new NaiveIntegration(org.url, demoClient);
    const deliver = delivery(run, stack, naive, clock?.now ?? nowMs);

    const firstInvocation = clock ? null : await deliver([warmUpEnvelope]);
    const before = await org.control.readCounters();
    const skippedBefore = naive.skippedReads;

    const started = performance.now();
    const clockStart = clock?.now() ?? started;
    const deliveries = await play(settings, workload, run, deliver, clock);
    const wallMs = performance.now() - started;
    const after = await org.control.readCounters();

    return {
      ...run,
      ...count(deliveries, clockStart, slotsOf(settings, run)),
      ...readCalls(
        subtract(after, before),
        deliveries,
        naive.skippedReads - skippedBefore,
      ),
      wallSeconds: round(wallMs / 1000, 2),
      firstInvocationMs: firstInvocation
        ? round(durationOf(firstInvocation))
        : null,
      ...latencies(run, deliveries, watch),
      harnessPeakRssMb: peakRssMb(),
    };
  } finally {
    watch.close();
    await close();
  }
}

/**
 * In real time, one notification first, for an agent of the demo org
 * outside the workload: the container loads its modules, reads the
 * secret and logs in. Its calls are not counted with the run's.
 */
const warmUpEnvelope = envelopeFor('warm-up', demoUserIds.onQueueIdle);

function subtract(after: SimCounters, before: SimCounters): SimCounters {
  const token = (after.requests.token ?? 0) - (before.requests.token ?? 0);
  return {
    requests: { token },
    tokensIssued: after.tokensIssued - before.tokensIssued,
    tooManyRequests: after.tooManyRequests - before.tooManyRequests,
    total: after.total - before.total,
  };
}

function durationOf(delivery: Delivery): number {
  return delivery.end - delivery.start;
}

interface Org {
  url: string;
  control: GenesysSimControl;
}

/**
 * The gate's stack, and the org it reads. In real time the org runs in a
 * process of its own, which the gate's secret points at; on the bench's
 * clock it must share this process, and the clock, with the gate.
 */
async function openStack(
  settings: BenchSettings,
  clock: SteppedClock | undefined,
): Promise<{ stack: LocalStack; org: Org; close(): Promise<void> }> {
  const external = clock ? undefined : await startOrgProcess();
  try {
    const secret = external
      ? { apiBaseUrl: external.url, loginBaseUrl: external.url }
      : undefined;
    const stack = await startLocalStack({
      env: settings.gateEnv,
      now: clock?.now,
      secret,
    });
    const close = async () => {
      await stack.close();
      await external?.close();
    };
    return { stack, org: external ?? stack.genesys, close };
  } catch (error) {
    await external?.close();
    throw error;
  }
}

/** The org of the workload: its agents, the limit and the latency on. */
export async function prepareOrg(
  control: GenesysSimControl,
  agents: readonly BenchAgent[],
  settings: BenchSettings,
): Promise<void> {
  await Promise.all(agents.map((agent) => control.createUser(agent)));
  await control.setRateLimit(settings.rateLimitPerMinute);
  await control.addFault({
    fault: { kind: 'latency', ms: settings.genesysLatencyMs },
  });
}

function nowMs(): number {
  return performance.now();
}

function slotsOf(settings: BenchSettings, run: Run) {
  const seconds =
    run.mode === 'virtual' ? settings.virtualSeconds : settings.realTimeSeconds;
  const perSlot = run.path === 'sqs' ? settings.sqsBatchSize : 1;
  const slotMs = (1000 * perSlot) / settings.ratePerSecond;
  return { slots: (seconds * 1000) / slotMs, slotMs, perSlot };
}

async function play(
  settings: BenchSettings,
  workload: Workload,
  run: Run,
  deliver: (envelopes: Envelope[]) => Promise<Delivery>,
  clock: SteppedClock | undefined,
): Promise<Delivery[]> {
  const { slots, slotMs, perSlot } = slotsOf(settings, run);
  const deliveries: Delivery[] = [];
  const speedup = clock ? settings.virtualSpeedup : 1;
  const schedule = { slots, slotMs, speedup, clock, drainMs: 30_000 };

  await drive(schedule, async (slot) => {
    const envelopes = Array.from({ length: perSlot }, (_, offset) => {
      const n = slot * perSlot + offset;
      const agent = workload.agents[workload.arrivals[n] as number];
      if (!agent) throw new Error(`the workload has no notification ${n}`);
      return envelopeFor(`${run.path}-${run.mode}-${n}`, agent.id);
    });
    deliveries.push(await deliver(envelopes));
  });
  return deliveries;
}

/** Invokes the run's handler the way Lambda would and times it. */
function delivery(
  run: Run,
  stack: LocalStack,
  naive: NaiveIntegration,
  clockNow: () => number,
): (envelopes: Envelope[]) => Promise<Delivery> {
  const gate = () => stack.gate;
  const timed = async (envelopes: Envelope[], invoke: () => Promise<Tally>) => {
    const start = performance.now();
    const tally = await invoke();
    const end = performance.now();
    const agentIds = envelopes.map((envelope) => envelope.agentId);
    return { agentIds, start, end, settledAt: clockNow(), ...tally };
  };

  if (run.path === 'http') {
    const handler: HttpHandler =
      run.config === 'gate'
        ? createHttpHandler(gate)
        : createNaiveHttpHandler(naive);
    return async (envelopes) => {
      const [envelope] = envelopes as [Envelope];
      const event = httpApiEvent(envelope);
      const context = lambdaContext(envelope.id, functionTimeoutMs.http);
      return timed(envelopes, async () =>
        tallyHttp(await handler(event, context)),
      );
    };
  }

  const handler: SqsHandler =
    run.config === 'gate'
      ? createSqsHandler(gate)
      : createNaiveSqsHandler(naive);
  return async (envelopes) => {
    const event = sqsEvent(envelopes);
    const context = lambdaContext(
      event.Records[0]?.messageId ?? '',
      functionTimeoutMs.sqs,
    );
    return timed(envelopes, async () =>
      tallySqs(envelopes.length, await handler(event, context)),
    );
  };
}

interface Tally {
  decided: number;
  handedBack: number;
}

/** 200 is a forward or drop, 503 a hand-back; anything else is a fault
 * of the harness (a bad event) or a broken gate, and ends the bench. */
function tallyHttp(result: APIGatewayProxyResult): Tally {
  if (result.statusCode === 200) return { decided: 1, handedBack: 0 };
  if (result.statusCode === 503) return { decided: 0, handedBack: 1 };
  throw new Error(`unexpected answer ${result.statusCode}: ${result.body}`);
}

function tallySqs(records: number, result: SQSBatchResponse): Tally {
  const handedBack = result.batchItemFailures.length;
  return { decided: records - handedBack, handedBack };
}

function count(
  deliveries: readonly Delivery[],
  clockStart: number,
  schedule: { slots: number; slotMs: number },
) {
  const notifications = sum(deliveries, (d) => d.agentIds.length);
  const decided = sum(deliveries, (d) => d.decided);
  const lastAnswer = Math.max(...deliveries.map((d) => d.settledAt));
  const arrivalsMs = schedule.slots * schedule.slotMs;
  return {
    notifications,
    decided,
    handedBack: sum(deliveries, (d) => d.handedBack),
    lastAnswerSeconds: round((lastAnswer - clockStart) / 1000, 2),
    notificationsPerSecond: round((decided * 1000) / arrivalsMs, 2),
  };
}

function readCalls(
  counters: SimCounters,
  deliveries: readonly Delivery[],
  skippedReads: number,
) {
  const notifications = sum(deliveries, (d) => d.agentIds.length);
  const per1000 = (calls: number) => round((calls * 1000) / notifications, 1);
  return {
    genesysCalls: counters.total,
    callsPer1000: per1000(counters.total),
    unthrottledCallsPer1000: per1000(counters.total + skippedReads),
    tokensRequested: counters.requests.token ?? 0,
    tooManyRequests: counters.tooManyRequests,
  };
}

/**
 * Handler time per notification: a batch's time counts for each of its
 * records, as each waits for the whole batch. A cache hit is a gate
 * invocation that decided everything while no call for its agents (and
 * no login) was open.
 */
function latencies(
  run: Run,
  deliveries: readonly Delivery[],
  watch: GenesysWatch,
) {
  const perNotification = deliveries.flatMap((d) =>
    d.agentIds.map(() => durationOf(d)),
  );
  const hits = deliveries.filter(
    (d) => d.handedBack === 0 && !watch.touched(d.agentIds, d.start, d.end),
  );
  return {
    latencyMs: summariseLatencies(perNotification),
    cacheHitLatencyMs:
      run.config === 'gate' ? summariseLatencies(hits.map(durationOf)) : null,
  };
}

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}

/** The bench process's peak resident set so far, in MB. */
function peakRssMb(): number {
  return round(process.resourceUsage().maxRSS / 1024, 1);
}
