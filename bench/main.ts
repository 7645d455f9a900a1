import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { deployedVariant } from './bundle';
import { measureBundles, measureContainers } from './measure-bundles';
import { withOutputMuted } from './muted';
import {
  type BenchResults,
  formatReport,
  judgeTargets,
  type PathResults,
} from './report';
import {
  type ConfigName,
  type Mode,
  type PathName,
  type RunResult,
  runScenario,
} from './scenario';
import { type BenchSettings, benchSettings } from './settings';
import { round } from './stats';
import { createWorkload } from './workload';

export const resultsFile = join(import.meta.dirname, 'results.json');

const paths: readonly PathName[] = ['http', 'sqs'];
const configs: readonly ConfigName[] = ['gate', 'baseline'];
const modes: readonly Mode[] = ['realTime', 'virtual'];

/** Runs every measurement, writes bench/results.json, prints the report. */
export async function runBench(
  settings: BenchSettings = benchSettings,
): Promise<BenchResults> {
  const began = performance.now();
  const loadAtStart = loadavg()[0] ?? 0;
  const longest = Math.max(settings.realTimeSeconds, settings.virtualSeconds);
  const workload = createWorkload({
    ...settings,
    notifications: longest * settings.ratePerSecond,
  });

  const runs: RunResult[] = [];
  for (const path of paths) {
    for (const config of configs) {
      for (const mode of modes) {
        progress(`${path} ${config} ${mode}`);
        const run = { path, config, mode };
        runs.push(
          await withOutputMuted(() => runScenario(settings, workload, run)),
        );
      }
    }
  }
  progress('bundles and cold init');
  const bundles = await measureBundles(settings);
  progress('containers');
  const containers = await measureContainers(settings, workload);

  const byPath = groupRuns(runs);
  const results: BenchResults = {
    measuredAt: new Date().toISOString(),
    machine: describeMachine(loadAtStart),
    durationSeconds: round((performance.now() - began) / 1000, 1),
    seed: settings.seed,
    config: { ...settings, workload: describeWorkload(settings), baseline },
    paths: byPath,
    bundles,
    containers,
    targets: judgeTargets(byPath, bundles, containers, deployedVariant.name),
  };
  await writeFile(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(formatReport(results));
  console.log(`written to ${resultsFile}`);
  return results;
}

const baseline =
  'per notification a login (POST /oauth/token) and GET ' +
  '/api/v2/users/{id}?expand=presence,routingStatus with axios, no ' +
  'retries, no forward; "unthrottled" adds the reads a refused login ' +
  'kept it from sending (2 calls a notification)';

function describeWorkload(settings: BenchSettings): string {
  return (
    `${settings.agents} agents, Zipf ${settings.zipfExponent}, ` +
    `${settings.ratePerSecond} notifications/s, SQS batches of ` +
    `${settings.sqsBatchSize}; org: +${settings.genesysLatencyMs} ms ` +
    `a request, ${settings.rateLimitPerMinute} requests/min; ` +
    'gate: default config, no forward'
  );
}

function groupRuns(runs: readonly RunResult[]): BenchResults['paths'] {
  const find = (path: PathName, config: ConfigName): PathResults => {
    const of = (mode: Mode) => {
      const run = runs.find(
        (r) => r.path === path && r.config === config && r.mode === mode,
      );
      if (!run) throw new Error(`no ${path} ${config} ${mode} run`);
      return run;
    };
    return { realTime: of('realTime'), virtual: of('virtual') };
  };
  return {
    http: { gate: find('http', 'gate'), baseline: find('http', 'baseline') },
    sqs: { gate: find('sqs', 'gate'), baseline: find('sqs', 'baseline') },
  };
}

function describeMachine(loadAtStart: number): BenchResults['machine'] {
  const cores = cpus();
  return {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: cores.length,
    cpu: cores[0]?.model ?? 'unknown',
    loadAverage: {
      atStart: round(loadAtStart, 2),
      atEnd: round(loadavg()[0] ?? 0, 2),
    },
  };
}

function progress(step: string): void {
  process.stderr.write(`bench: ${step}\n`);
}
