import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { LocalStack } from '../../dev/local-stack';
import { type GateConfig, loadConfig } from '../config/config';
import { ConfigurationError } from '../errors';
import { Gate } from '../gate';
import { createLogger } from '../observability/logger';
import { CliProblem, ExitCode } from './problem';

/** Where the CLI runs: the local stack or a real org, and its settings. */
export interface Setup {
  kind: 'local' | 'org';
  secretId: string;
  awsRegion: string;
  secretsClient: SecretsManagerClient;
  config: GateConfig;
  /** The gate as the function runs it, its logs silenced. */
  gate: Gate;
  /** The stand-ins, when running against the local stack. */
  localStack?: LocalStack;
  close(): Promise<void>;
}

export interface SetupOptions {
  secretId?: string | undefined;
  awsRegion?: string | undefined;
  env: NodeJS.ProcessEnv;
}

/** For --json: where the CLI ran, without any secret value. */
export function describeSetup(setup: Setup) {
  return {
    kind: setup.kind,
    secretId: setup.secretId,
    awsRegion: setup.awsRegion,
  };
}

/**
 * The local stack without a secret id (flag or GENESYS_SECRET_ID), else the
 * secret in the AWS region of --region, AWS_REGION or AWS_DEFAULT_REGION.
 */
export async function openSetup(options: SetupOptions): Promise<Setup> {
  const env = options.env;
  const secretId = options.secretId ?? nonEmpty(env.GENESYS_SECRET_ID);
  if (secretId) return openOrg(secretId, options);
  if (options.awsRegion) {
    throw new CliProblem({
      exitCode: ExitCode.usage,
      code: 'usage',
      message: '--region needs a secret id (--secret-id or GENESYS_SECRET_ID)',
    });
  }
  return openLocal(env);
}

/** The local stack started by the CLI, or by `npm start`. */
export function localSetup(stack: LocalStack): Setup {
  return {
    kind: 'local',
    secretId: stack.gate.config.secretId,
    awsRegion: stack.secretsManager.region,
    secretsClient: stack.secretsClient,
    config: stack.gate.config,
    gate: stack.gate,
    localStack: stack,
    close: () => stack.close(),
  };
}

async function openLocal(env: NodeJS.ProcessEnv): Promise<Setup> {
  const { startLocalStack } = await import('../../dev/local-stack');
  const gateEnv: NodeJS.ProcessEnv = { ...env, LOG_LEVEL: 'SILENT' };
  delete gateEnv.GENESYS_SECRET_ID;
  try {
    return localSetup(await startLocalStack({ env: gateEnv }));
  } catch (error) {
    throw describeConfigurationError(error);
  }
}

function openOrg(secretId: string, options: SetupOptions): Setup {
  const env = options.env;
  const awsRegion =
    options.awsRegion ??
    nonEmpty(env.AWS_REGION) ??
    nonEmpty(env.AWS_DEFAULT_REGION);
  if (!awsRegion) {
    throw new CliProblem({
      exitCode: ExitCode.setup,
      code: 'aws_region_missing',
      message: 'no AWS region to read the secret in',
      fix: 'set AWS_REGION or pass --region: the region the secret is in',
    });
  }

  let config: GateConfig;
  try {
    config = loadConfig({ ...env, GENESYS_SECRET_ID: secretId });
  } catch (error) {
    throw describeConfigurationError(error);
  }
  const secretsClient = createSecretsClient(awsRegion, env);
  const logger = createLogger('SILENT');
  return {
    kind: 'org',
    secretId,
    awsRegion,
    secretsClient,
    config,
    gate: new Gate(config, { secretsClient, logger }),
    close: async () => secretsClient.destroy(),
  };
}

/**
 * The SDK's client, with the endpoint and static credentials of `env`
 * when it has them (as the AWS CLI reads them), else the default chain.
 */
function createSecretsClient(
  region: string,
  env: NodeJS.ProcessEnv,
): SecretsManagerClient {
  const endpoint =
    nonEmpty(env.AWS_ENDPOINT_URL_SECRETS_MANAGER) ??
    nonEmpty(env.AWS_ENDPOINT_URL);
  const accessKeyId = nonEmpty(env.AWS_ACCESS_KEY_ID);
  const secretAccessKey = nonEmpty(env.AWS_SECRET_ACCESS_KEY);
  const sessionToken = nonEmpty(env.AWS_SESSION_TOKEN);
  return new SecretsManagerClient({
    region,
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 10_000 },
    ...(endpoint ? { endpoint } : {}),
    ...(accessKeyId && secretAccessKey
      ? { credentials: { accessKeyId, secretAccessKey, sessionToken } }
      : {}),
  });
}

function describeConfigurationError(error: unknown): unknown {
  if (!(error instanceof ConfigurationError)) return error;
  return new CliProblem({
    exitCode: ExitCode.setup,
    code: 'configuration',
    message: error.message,
    likelyCause: 'an environment variable the gate reads is wrong',
    fix: "set it as the README's Configuration table says",
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value?.trim() ? value.trim() : undefined;
}
