import type { BundleResult, ContainerResult } from './measure-bundles';
import type { ConfigName, PathName, RunResult } from './scenario';
import { type BenchSettings, targets } from './settings';
import { round } from './stats';

export interface PathResults {
  realTime: RunResult;
  virtual: RunResult;
}

export interface TargetResult {
  target: string;
  measured: string;
  met: boolean;
}

export interface BenchResults {
  measuredAt: string;
  machine: {
    node: string;
    platform: string;
    cpus: number;
    cpu: string;
    /** One-minute load averages when the bench began and ended. */
    loadAverage: { atStart: number; atEnd: number };
  };
  durationSeconds: number;
  seed: number;
  config: BenchSettings & { workload: string; baseline: string };
  paths: Record<PathName, Record<ConfigName, PathResults>>;
  bundles: BundleResult[];
  containers: ContainerResult[];
  targets: TargetResult[];
}

/** The targets, judged on the measured figures. */
export function judgeTargets(
  paths: BenchResults['paths'],
  bundles: readonly BundleResult[],
  containers: readonly ContainerResult[],
  deployedVariant: string,
): TargetResult[] {
  const sqs = paths.sqs.gate.virtual;
  const sqsBaseline = paths.sqs.baseline.virtual.unthrottledCallsPer1000;
  const http = paths.http.gate.virtual;
  const httpBaseline = paths.http.baseline.virtual.unthrottledCallsPer1000;
  const hitP99 = paths.http.gate.realTime.cacheHitLatencyMs?.p99 ?? null;
  const rss = Math.max(...containers.map((c) => c.peakRssMb));
  const bundle = bundles.find((b) => b.variant === deployedVariant);
  if (!bundle) throw new Error(`no bundle built as ${deployedVariant}`);

  return [
    {
      target: 'SQS: Genesys calls at most 1/20 of the baseline',
      measured:
        `${sqs.callsPer1000} vs ${sqsBaseline} calls/1k ` +
        `(1/${ratio(sqsBaseline, sqs.callsPer1000)})`,
      met: sqs.callsPer1000 <= sqsBaseline * targets.sqsCallShare,
    },
    {
      target: 'SQS: no 429 at a sustained 50/s for 60 s',
      measured:
        `${sqs.tooManyRequests} 429s, ${sqs.handedBack} handed back, ` +
        `${sqs.notificationsPerSecond}/s decided`,
      met: sqs.tooManyRequests === 0 && sqs.handedBack === 0,
    },
    {
      target: 'HTTP: at least 3x fewer Genesys calls than the baseline',
      measured:
        `${http.callsPer1000} vs ${httpBaseline} calls/1k ` +
        `(${ratio(httpBaseline, http.callsPer1000)}x fewer)`,
      met: http.callsPer1000 * targets.httpCallReduction <= httpBaseline,
    },
    {
      target: 'HTTP: cache-hit p99 added latency under 2 ms',
      measured: `${hitP99 ?? 'no hit'} ms`,
      met: hitP99 !== null && hitP99 < targets.cacheHitP99Ms,
    },
    {
      target: 'Peak RSS under 110 MB carrying the workload',
      measured: `${rss} MB (container process, largest handler)`,
      met: rss < targets.peakRssMb,
    },
    {
      target: 'HTTP handler bundle under 400 KB',
      measured: `${bundle.bytes} bytes (${deployedVariant})`,
      met: bundle.bytes < targets.bundleBytes,
    },
    {
      target: 'Cold init under 100 ms',
      measured:
        `${bundle.coldInitMs} ms, ${bundle.coldInitCpuMs} ms of CPU ` +
        `(${deployedVariant})`,
      met: bundle.coldInitMs < targets.coldInitMs,
    },
  ];
}

function ratio(larger: number, smaller: number): string {
  return smaller === 0 ? '∞' : String(round(larger / smaller, 1));
}

/** The report printed after a run. */
export function formatReport(results: BenchResults): string {
  const { config } = results;
  const rows = rowsOf(results.paths);
  const lines = [
    `presence-gate bench, seed ${results.seed}, ${results.measuredAt}`,
    `${config.workload}`,
    `baseline: ${config.baseline}`,
    '',
    `${config.virtualSeconds} s at ${config.ratePerSecond}/s on the bench's ` +
      'clock (org and gate share it)',
    table(
      [
        'path',
        'config',
        'calls/1k',
        'unthrottled',
        'tokens',
        '429s',
        'handed back',
        'decided/s',
      ],
      rows.map(({ path, config, runs: { virtual: r } }) => [
        path,
        config,
        r.callsPer1000,
        r.unthrottledCallsPer1000,
        r.tokensRequested,
        r.tooManyRequests,
        r.handedBack,
        r.notificationsPerSecond,
      ]),
    ),
    '',
    `${config.realTimeSeconds} s at ${config.ratePerSecond}/s in real time; ` +
      'added latency in ms',
    table(
      [
        'path',
        'config',
        'calls/1k',
        '429s',
        'p50',
        'p95',
        'p99',
        'hit p99 (n)',
        'decided/s',
        'RSS MB',
      ],
      rows.map(({ path, config, runs: { realTime: r } }) => [
        path,
        config,
        r.callsPer1000,
        r.tooManyRequests,
        r.latencyMs.p50,
        r.latencyMs.p95,
        r.latencyMs.p99,
        r.cacheHitLatencyMs
          ? `${r.cacheHitLatencyMs.p99} (${r.cacheHitLatencyMs.count})`
          : '-',
        r.notificationsPerSecond,
        r.harnessPeakRssMb,
      ]),
    ),
    '  RSS MB: the whole bench process (gate, simulated org, stand-ins)',
    '',
    'HTTP handler bundle (esbuild as serverless.yml; cold init = median ' +
      `of ${config.coldInitRuns} fresh node processes loading it)`,
    table(
      ['variant', 'bytes', 'map bytes', 'cold init ms', 'CPU ms'],
      results.bundles.map((b) => [
        b.variant,
        b.bytes,
        b.mapBytes ?? '-',
        b.coldInitMs,
        b.coldInitCpuMs,
      ]),
    ),
    ...results.bundles.map(
      (b) =>
        `  largest in ${b.variant}: ` +
        b.largest
          .slice(0, 5)
          .map((part) => `${part.from} ${Math.round(part.bytes / 1000)} kB`)
          .join(', '),
    ),
    '',
    `Containers: a fresh node process per handler, built as deployed, ` +
      `carrying ${config.containerSeconds} s of the workload`,
    table(
      [
        'handler',
        'loaded RSS MB',
        'peak RSS MB',
        'p50 ms',
        'p99 ms',
        'decided',
        'handed back',
      ],
      results.containers.map((c) => [
        c.handler,
        c.loadedRssMb,
        c.peakRssMb,
        c.latencyMs?.p50 ?? '-',
        c.latencyMs?.p99 ?? '-',
        c.decided,
        c.handedBack,
      ]),
    ),
    '',
    'Targets (issue 8)',
    ...results.targets.map(
      (t) => `  ${t.met ? 'met  ' : 'UNMET'}  ${t.target}: ${t.measured}`,
    ),
    '',
    ...busyWarning(results.machine),
    `${results.durationSeconds} s`,
  ];
  return lines.join('\n');
}

function busyWarning(machine: BenchResults['machine']): string[] {
  const load = Math.max(machine.loadAverage.atStart, machine.loadAverage.atEnd);
  if (load <= machine.cpus) return [];
  return [
    `The machine was busy (load ${load} on ${machine.cpus} cores): ` +
      'latencies and cold init are inflated.',
  ];
}

function rowsOf(paths: BenchResults['paths']) {
  return (['http', 'sqs'] as const).flatMap((path) =>
    (['gate', 'baseline'] as const).map((config) => ({
      path,
      config,
      runs: paths[path][config],
    })),
  );
}

type Cell = string | number | null;

/** Columns padded to their widest cell; numbers to the right. */
export function table(headers: string[], rows: Cell[][]): string {
  const text = rows.map((row) => row.map((cell) => String(cell ?? '-')));
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...text.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: string[], numeric: (column: number) => boolean) =>
    cells
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return numeric(column) ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const isNumber = (column: number) =>
    rows.some((row) => typeof row[column] === 'number');
  return [
    line(headers, isNumber),
    line(
      widths.map((width) => '-'.repeat(width)),
      () => false,
    ),
    ...text.map((cells) => line(cells, isNumber)),
  ]
    .map((row) => `  ${row}`)
    .join('\n');
}
