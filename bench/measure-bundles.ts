import { startLocalStack } from '../dev/local-stack';
import {
  type BuiltBundle,
  buildContainerDriver,
  buildHandler,
  bundleVariants,
  carryInFreshProcess,
  deployedVariant,
  type HandlerName,
  loadInFreshProcess,
  prepareBuildDir,
} from './bundle';
import type { ContainerPlan } from './container';
import {
  envelopeFor,
  functionTimeoutMs,
  httpApiEvent,
  sqsEvent,
} from './events';
import { prepareOrg } from './scenario';
import type { BenchSettings } from './settings';
import { type LatencySummary, median, round } from './stats';
import type { Workload } from './workload';

export interface BundleResult {
  handler: HandlerName;
  variant: string;
  sdkExternal: boolean;
  sourceMaps: boolean;
  bytes: number;
  mapBytes: number | null;
  /** The packages that weigh most in the output. */
  largest: { from: string; bytes: number }[];
  /** Loading the bundle in a fresh `node`, median of the runs. */
  coldInitMs: number;
  /** CPU time (user and system) of the load, median of the runs. */
  coldInitCpuMs: number;
  coldInitRunsMs: number[];
}

export interface ContainerResult {
  handler: HandlerName;
  variant: string;
  notifications: number;
  /** Once the bundle is loaded, before the first notification. */
  loadedRssMb: number;
  peakRssMb: number;
  decided: number;
  handedBack: number;
  latencyMs: LatencySummary | null;
  genesysCalls: number;
  tooManyRequests: number;
}

/**
 * Bytes and cold init of the HTTP handler, built each way. The loads take
 * turns between the builds, so that a busy moment of the machine weighs
 * on each alike; CPU time is given too, as it varies less with load.
 */
export async function measureBundles(
  settings: BenchSettings,
): Promise<BundleResult[]> {
  await prepareBuildDir();
  const driver = await buildContainerDriver();
  const bundles: BuiltBundle[] = [];
  for (const variant of bundleVariants) {
    bundles.push(await buildHandler('http', variant));
  }

  const loads = bundles.map(() => ({
    wall: [] as number[],
    cpu: [] as number[],
  }));
  for (let run = 0; run < settings.coldInitRuns; run += 1) {
    for (const [index, bundle] of bundles.entries()) {
      const report = await loadInFreshProcess({ driver, bundle });
      loads[index]?.wall.push(round(report.initMs, 1));
      loads[index]?.cpu.push(round(report.initCpuMs, 1));
    }
  }

  return bundles.map((bundle, index) => {
    const { wall, cpu } = loads[index] ?? { wall: [], cpu: [] };
    return {
      ...describe(bundle),
      bytes: bundle.bytes,
      mapBytes: bundle.mapBytes,
      largest: bundle.composition.slice(0, 8),
      coldInitMs: median(wall),
      coldInitCpuMs: median(cpu),
      coldInitRunsMs: wall,
    };
  });
}

/**
 * Peak RSS of a container of each handler, built as deployed, carrying
 * the start of the workload in real time against a fresh org.
 */
export async function measureContainers(
  settings: BenchSettings,
  workload: Workload,
): Promise<ContainerResult[]> {
  const driver = await buildContainerDriver();
  const results: ContainerResult[] = [];
  for (const handler of ['http', 'sqs'] as const) {
    const bundle = await buildHandler(handler, deployedVariant);
    const stack = await startLocalStack();
    try {
      await prepareOrg(stack.genesys.control, workload.agents, settings);
      const plan = planFor(handler, settings, workload);
      const report = await carryInFreshProcess({ driver, bundle }, plan, {
        secretsManagerUrl: stack.secretsManager.url,
      });
      const counters = stack.genesys.readCounters();
      results.push({
        ...describe(bundle),
        notifications: report.decided + report.handedBack,
        loadedRssMb: round(report.loadedRssMb, 1),
        peakRssMb: round(report.peakRssMb, 1),
        decided: report.decided,
        handedBack: report.handedBack,
        latencyMs: report.latencyMs,
        genesysCalls: counters.total,
        tooManyRequests: counters.tooManyRequests,
      });
    } finally {
      await stack.close();
    }
  }
  return results;
}

function describe(bundle: BuiltBundle) {
  return {
    handler: bundle.handler,
    variant: bundle.variant.name,
    sdkExternal: bundle.variant.sdkExternal,
    sourceMaps: bundle.variant.sourceMaps,
  };
}

function planFor(
  handler: HandlerName,
  settings: BenchSettings,
  workload: Workload,
): ContainerPlan {
  const count = settings.containerSeconds * settings.ratePerSecond;
  const envelopes = workload.arrivals.slice(0, count).map((agent, n) => {
    const id = workload.agents[agent]?.id ?? '';
    return envelopeFor(`container-${handler}-${n}`, id);
  });
  const perEvent = handler === 'sqs' ? settings.sqsBatchSize : 1;
  const events =
    handler === 'sqs'
      ? batchesOf(envelopes, perEvent).map(sqsEvent)
      : envelopes.map(httpApiEvent);
  return {
    trigger: handler,
    events,
    intervalMs: (1000 * perEvent) / settings.ratePerSecond,
    timeoutMs: functionTimeoutMs[handler],
  };
}

function batchesOf<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    batches.push(items.slice(start, start + size));
  }
  return batches;
}
