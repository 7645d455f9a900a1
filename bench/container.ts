/**
 * A Lambda container stand-in, run by `node` in a fresh process: it loads
 * a built handler bundle, timing the load, and may then carry a planned
 * series of events at their pace. It reports to the bench over IPC. Built
 * to CommonJS by the bench; never part of the gate.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Context } from 'aws-lambda';
import { lambdaContext } from './events';
import { type LatencySummary, summariseLatencies } from './stats';

/** What the bench asks a container to carry. */
export interface ContainerPlan {
  trigger: 'http' | 'sqs';
  events: unknown[];
  /** Between two events, as they arrive. */
  intervalMs: number;
  timeoutMs: number;
}

export interface ContainerReport {
  /** Loading the bundle: what Lambda's init phase does for it. */
  initMs: number;
  initCpuMs: number;
  /** Resident set once the bundle is loaded. */
  loadedRssMb: number;
  peakRssMb: number;
  decided: number;
  handedBack: number;
  latencyMs: LatencySummary | null;
}

type Handler = (event: unknown, context: Context) => Promise<unknown>;

interface Answer {
  statusCode?: number;
  batchItemFailures?: unknown[];
}

async function carry(plan: ContainerPlan, handler: Handler) {
  const times: number[] = [];
  let decided = 0;
  let handedBack = 0;
  const started = performance.now();

  const invoke = async (event: unknown, index: number) => {
    const context = lambdaContext(`container-${index}`, plan.timeoutMs);
    const start = performance.now();
    const answer = (await handler(event, context)) as Answer;
    const elapsed = performance.now() - start;
    const records = plan.trigger === 'sqs' ? recordCount(event) : 1;
    const failed =
      plan.trigger === 'sqs'
        ? (answer.batchItemFailures?.length ?? 0)
        : Number(answer.statusCode !== 200);
    decided += records - failed;
    handedBack += failed;
    for (let n = 0; n < records; n += 1) times.push(elapsed);
  };

  const invocations = plan.events.map(async (event, index) => {
    await sleep(started + index * plan.intervalMs - performance.now());
    await invoke(event, index);
  });
  await Promise.all(invocations);
  return { decided, handedBack, latencyMs: summariseLatencies(times) };
}

function recordCount(event: unknown): number {
  return (event as { Records: unknown[] }).Records.length;
}

async function main(): Promise<void> {
  const [bundle, planFile] = process.argv.slice(2);
  if (!bundle) throw new Error('usage: container.cjs <bundle> [plan.json]');

  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const loaded = createRequire(__filename)(bundle) as { handler: Handler };
  const cpu = process.cpuUsage(cpuBefore);
  const initMs = performance.now() - started;
  const initCpuMs = (cpu.user + cpu.system) / 1000;
  const loadedRssMb = process.memoryUsage.rss() / 2 ** 20;

  const carried = planFile
    ? await carry(
        JSON.parse(readFileSync(planFile, 'utf8')) as ContainerPlan,
        loaded.handler,
      )
    : { decided: 0, handedBack: 0, latencyMs: null };
  const report: ContainerReport = {
    initMs,
    initCpuMs,
    loadedRssMb,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    ...carried,
  };
  process.send?.(report, () => process.exit(0));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
