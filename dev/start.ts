/**
 * `npm start`: the gate and its outside world on loopback. Starts the
 * simulated Genesys Cloud org, Secrets Manager and downstream target, checks
 * them the way the gate uses them, serves the gate's HTTP API, replays
 * every file in events/ and keeps serving; `--once` stops after the replay.
 */
import './quiet-output';
import { parseArgs } from 'node:util';
import { type LogLevel, logLevels } from '../src/config/config';
import { createLogger } from '../src/observability/logger';
import { checkStack } from './check-stack';
import { PortInUseError } from './lib/http';
import { demoSecretId, type LocalStack, startLocalStack } from './local-stack';
import {
  type ReplayResult,
  readEventCases,
  replayEvent,
} from './replay-events';

const defaultPorts = { genesys: 4010, secrets: 4011, target: 4012, api: 3999 };

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { once: { type: 'boolean', default: false } },
  });

  const stack = await startOrExplain();
  if (!stack) return 1;

  const checked = await checkStack(stack, print);
  const results = await replayAll(stack);
  const failures = results.filter((r) => r.problems.length > 0).length;
  const answered = results.length - failures;
  print(`\n${answered} of ${results.length} events answered as expected.`);

  if (values.once || !checked) {
    await stack.close();
    return checked && failures === 0 ? 0 : 1;
  }
  printServing(stack);
  print('\nServing until interrupted (Ctrl+C).');
  await waitForInterrupt();
  await stack.close();
  return 0;
}

async function startOrExplain(): Promise<LocalStack | undefined> {
  try {
    return await startLocalStack({
      ports: {
        genesys: port('GENESYS_SIM_PORT', defaultPorts.genesys),
        secrets: port('SECRETS_MANAGER_PORT', defaultPorts.secrets),
        target: port('TARGET_PORT', defaultPorts.target),
        api: port('GATE_PORT', defaultPorts.api),
      },
      logger: createLogger(logLevel()),
    });
  } catch (error) {
    if (
      !(error instanceof PortInUseError || error instanceof PortSettingError)
    ) {
      throw error;
    }
    console.error(`npm start: ${error.message}`);
    return undefined;
  }
}

async function replayAll(stack: LocalStack): Promise<ReplayResult[]> {
  print('\nReplaying events/ through the gate (file, answer):');
  const results: ReplayResult[] = [];
  for (const eventCase of readEventCases()) {
    const result = await replayEvent(stack, eventCase);
    results.push(result);
    print(formatResult(result));
  }
  return results;
}

function formatResult(result: ReplayResult): string {
  const verdict =
    result.problems.length === 0
      ? 'as expected'
      : `NOT AS EXPECTED: ${result.problems.join('; ')}`;
  return `  ${result.case.file.padEnd(42)} ${result.summary}: ${verdict}`;
}

function printServing(stack: LocalStack) {
  print('\nRunning on loopback:');
  const rows = [
    ['gate HTTP API', `${stack.api.url}/notifications`],
    ['Genesys Cloud (simulated)', `${stack.genesys.url}  control: /_sim/`],
    ['Secrets Manager', `${stack.secretsManager.url}  secret: ${demoSecretId}`],
    ['downstream target', `${stack.forwardUrl}  log: /_sim/requests`],
  ];
  for (const [name, where] of rows) print(`  ${name?.padEnd(26)} ${where}`);
  print('\nTry it:');
  print(
    `  curl -s -X POST ${stack.api.url}/notifications \\\n` +
      "    -H 'content-type: application/json' \\\n" +
      `    -d '{"agentId":"a0000000-0000-4000-8000-000000000001",` +
      `"payload":{"text":"hello"}}'`,
  );
}

function port(variable: string, fallback: number): number {
  const text = process.env[variable];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) {
    throw new PortSettingError(
      `${variable} must be a port number from 0 to 65535`,
    );
  }
  return value;
}

class PortSettingError extends Error {
  override name = 'PortSettingError';
}

function logLevel(): LogLevel {
  const level = process.env.LOG_LEVEL?.toUpperCase() ?? 'SILENT';
  return (logLevels as readonly string[]).includes(level)
    ? (level as LogLevel)
    : 'SILENT';
}

function waitForInterrupt(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

function print(line: string) {
  console.log(line);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('npm start failed:', error);
    process.exit(1);
  },
);
