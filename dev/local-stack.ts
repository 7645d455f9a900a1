import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { type GateConfig, loadConfig } from '../src/config/config';
import { Gate } from '../src/gate';
import { createHttpHandler } from '../src/handlers/http';
import { createInvokeHandler } from '../src/handlers/invoke';
import { createPipesHandler } from '../src/handlers/pipes';
import { createSqsHandler } from '../src/handlers/sqs';
import type { Logger } from '../src/observability/logger';
import { type LocalDynamoDb, startLocalDynamoDb } from './dynamodb';
import { demoClient, type GenesysSim, startGenesysSim } from './genesys-sim';
import { type LocalApi, startLocalApi } from './local-api/server';
import {
  type LocalSecretsManager,
  startSecretsManager,
} from './secrets-manager';
import { SecretsManagerControl } from './secrets-manager/control';
import { type LocalTarget, startTarget } from './target';
import { TargetControl } from './target/control';

export const demoSecretId = 'presence-gate/genesys';
export const demoSigningKey = 'demo-signing-key-not-for-production';
export const localRegion = 'us-east-1';
export const idempotencyTable = 'presence-gate-idempotency';

export interface LocalStackOptions {
  /** Ports; 0 (the default) picks free ones. */
  ports?: Partial<
    Record<'genesys' | 'secrets' | 'target' | 'api' | 'dynamodb', number>
  >;
  /** Guard forwards with the idempotency store, on a local DynamoDB. */
  idempotency?: boolean;
  /** Gate settings over the local defaults, as environment variables. */
  env?: NodeJS.ProcessEnv;
  /** The secret's JSON over the demo one; `null` leaves a key out. */
  secret?: Record<string, unknown>;
  /**
   * The simulated org's requests a minute per client: 3,000 unless given,
   * so replays and tests are not paced by the gate's request budget; the
   * benchmark and the budget's own tests set Genesys's 300.
   */
  genesysRateLimit?: number;
  now?: () => number;
  logger?: Logger;
}

/** The gate and its outside world, all on loopback. */
export interface LocalStack {
  genesys: GenesysSim;
  secretsManager: LocalSecretsManager;
  secretsControl: SecretsManagerControl;
  target: LocalTarget;
  targetControl: TargetControl;
  /** The URL the gate forwards to. */
  forwardUrl: string;
  gate: Gate;
  api: LocalApi;
  /** The SDK client the gate reads the secret with. */
  secretsClient: SecretsManagerClient;
  /** The idempotency store's DynamoDB, with `idempotency: true`. */
  dynamoDb: LocalDynamoDb | undefined;
  close(): Promise<void>;
}

export function demoSecret(genesysUrl: string): Record<string, unknown> {
  return {
    clientId: demoClient.clientId,
    clientSecret: demoClient.clientSecret,
    region: 'us_east_1',
    apiBaseUrl: genesysUrl,
    loginBaseUrl: genesysUrl,
    signingKey: demoSigningKey,
  };
}

/** Starts the stand-ins, then the gate on top of them. */
export async function startLocalStack(
  options: LocalStackOptions = {},
): Promise<LocalStack> {
  const started: { close(): Promise<void> }[] = [];
  const track = <T extends { close(): Promise<void> }>(part: T) => {
    started.push(part);
    return part;
  };
  const closeAll = async () => {
    await Promise.all(started.reverse().map((part) => part.close()));
  };

  try {
    const ports = options.ports ?? {};
    const genesys = track(
      await startGenesysSim({ port: ports.genesys ?? 0, now: options.now }),
    );
    await genesys.control.setRateLimit(options.genesysRateLimit ?? 3_000);
    const secret = withOverrides(demoSecret(genesys.url), options.secret);
    const secretsManager = track(
      await startSecretsManager({
        port: ports.secrets ?? 0,
        region: localRegion,
        secrets: { [demoSecretId]: JSON.stringify(secret) },
      }),
    );
    const target = track(await startTarget({ port: ports.target ?? 0 }));
    const forwardUrl = `${target.url}/notifications`;
    const dynamoDb = options.idempotency
      ? track(
          await startLocalDynamoDb({
            port: ports.dynamodb ?? 0,
            region: localRegion,
            idempotencyTables: [idempotencyTable],
          }),
        )
      : undefined;

    const secretsClient = localSecretsClient(secretsManager.url);
    const config = localConfig(forwardUrl, {
      ...(dynamoDb ? { IDEMPOTENCY_TABLE: idempotencyTable } : {}),
      ...options.env,
    });
    const gate = new Gate(config, {
      secretsClient,
      dynamoClient: dynamoDb?.client,
      logger: options.logger,
      now: options.now,
    });
    const api = track(
      await startLocalApi({
        port: ports.api ?? 0,
        functions: {
          http: createHttpHandler(() => gate),
          queue: createSqsHandler(() => gate),
          pipeline: createPipesHandler(() => gate),
          invoke: createInvokeHandler(() => gate),
        },
      }),
    );

    return {
      genesys,
      secretsManager,
      secretsControl: new SecretsManagerControl(secretsManager.url),
      target,
      targetControl: new TargetControl(target.url),
      forwardUrl,
      gate,
      api,
      secretsClient,
      dynamoDb,
      close: async () => {
        secretsClient.destroy();
        await closeAll();
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** The real SDK client, pointed at the local Secrets Manager. */
export function localSecretsClient(url: string): SecretsManagerClient {
  return new SecretsManagerClient({
    endpoint: url,
    region: localRegion,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

function localConfig(forwardUrl: string, env: NodeJS.ProcessEnv = {}) {
  const config: GateConfig = loadConfig({
    GENESYS_SECRET_ID: demoSecretId,
    FORWARD_URL: forwardUrl,
    LOG_LEVEL: 'SILENT',
    ...env,
  });
  return config;
}

function withOverrides(
  secret: Record<string, unknown>,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...secret, ...overrides };
  for (const [key, value] of Object.entries(merged)) {
    if (value === null) delete merged[key];
  }
  return merged;
}
