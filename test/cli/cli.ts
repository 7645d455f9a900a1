import { type GenesysSim, startGenesysSim } from '../../dev/genesys-sim';
import {
  demoSecretId,
  type LocalStack,
  localRegion,
} from '../../dev/local-stack';
import { main } from '../../src/cli/main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process with `env` only, capturing its output. */
export async function runCli(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
  cwd?: string,
): Promise<CliRun> {
  const run = { code: -1, stdout: '', stderr: '' };
  run.code = await main(argv, {
    stdout: { write: (text: string) => (run.stdout += text) },
    stderr: { write: (text: string) => (run.stderr += text) },
    env,
    cwd,
  });
  return run;
}

/** Runs the CLI with --json and parses what it printed. */
export async function runCliJson(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
  cwd?: string,
) {
  const run = await runCli([...argv, '--json'], env, cwd);
  return { ...run, json: JSON.parse(run.stdout) as CliJson };
}

// biome-ignore lint/suspicious/noExplicitAny: a parsed JSON document
export type CliJson = Record<string, any>;

/**
 * The environment of an operator pointing the CLI at a real org, here the
 * stand-ins of `stack`: its secret, through its local Secrets Manager.
 */
export function orgEnv(
  stack: LocalStack,
  extra: NodeJS.ProcessEnv = {},
): NodeJS.ProcessEnv {
  return {
    GENESYS_SECRET_ID: demoSecretId,
    AWS_REGION: localRegion,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: stack.secretsManager.url,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    ...extra,
  };
}

/** The check's step named `name`, from its JSON. */
export function stepOf(json: CliJson, name: string): CliJson {
  const step = json.steps.find((s: CliJson) => s.name === name);
  if (!step) throw new Error(`no step ${name}`);
  return step;
}

/** A second simulated org, as another region: the demo client is unknown
 * there and its tokens are worthless. */
export function startOtherRegion(): Promise<GenesysSim> {
  return startGenesysSim({
    org: {
      clients: [
        { clientId: 'someone-else', clientSecret: 'another-secret-value' },
      ],
      users: [],
    },
  });
}
