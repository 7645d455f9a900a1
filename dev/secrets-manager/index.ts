import type { ServerResponse } from 'node:http';
import { applyFault, FaultPlan } from '../lib/faults';
import { parseJson, sendJson } from '../lib/http';
import {
  type RunningStandIn,
  type StandInRequest,
  startStandIn,
} from '../lib/stand-in';
import { AwsError, awsHeaders, sendAwsError } from './aws-error';
import { operations } from './operations';
import { SecretStore } from './secret-store';
import { simRoutes } from './sim-routes';

export interface SecretsManagerOptions {
  /** Loopback address; 127.0.0.1 unless given. */
  host?: string;
  /** 0 or absent picks a free port. */
  port?: number;
  /** Secrets to start with: name → SecretString. */
  secrets?: Record<string, string>;
  /** Region in the ARNs; us-east-1 unless given. */
  region?: string;
  /** Account in the ARNs; 000000000000 unless given. */
  accountId?: string;
}

export interface LocalSecretsManager extends RunningStandIn {
  region: string;
  accountId: string;
}

/** What one running stand-in keeps between requests. */
export interface SecretsManagerState {
  store: SecretStore;
  plan: FaultPlan;
  /** Calls per operation name, faulted calls included. */
  counters: Map<string, number>;
  /** Puts the secrets back as they were at start. */
  seedInitialSecrets(): void;
}

const targetPrefix = 'secretsmanager.';

/**
 * Starts a local Secrets Manager that speaks AWS JSON 1.1, for the real
 * SDK client pointed at `url` through its `endpoint` setting.
 */
export async function startSecretsManager(
  options: SecretsManagerOptions = {},
): Promise<LocalSecretsManager> {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '000000000000';
  const state = createState(options.secrets ?? {}, region, accountId);

  const running = await startStandIn({
    host: options.host,
    port: options.port ?? 0,
    name: 'local Secrets Manager',
    portSetting: 'SECRETS_MANAGER_PORT',
    serve: (request, response) => serveAws(state, request, response),
    controlRoutes: simRoutes(state),
  });
  return { ...running, region, accountId };
}

function createState(
  secrets: Record<string, string>,
  region: string,
  accountId: string,
): SecretsManagerState {
  const store = new SecretStore(region, accountId);
  const seedInitialSecrets = () => {
    store.clear();
    for (const [name, value] of Object.entries(secrets)) {
      store.seed(name, value);
    }
  };

  seedInitialSecrets();
  return {
    store,
    plan: new FaultPlan(),
    counters: new Map(),
    seedInitialSecrets,
  };
}

async function serveAws(
  state: SecretsManagerState,
  request: StandInRequest,
  response: ServerResponse,
): Promise<void> {
  const name = readOperationName(request);
  if (name) state.counters.set(name, (state.counters.get(name) ?? 0) + 1);

  const fault = state.plan.take(name ?? '');
  if (fault && (await applyFault(fault, request.raw, response))) return;

  try {
    const output = runOperation(name, request.body, state.store);
    sendJson(response, 200, output, awsHeaders());
  } catch (error) {
    if (!(error instanceof AwsError)) throw error;
    sendAwsError(response, error);
  }
}

/** The operation in `X-Amz-Target: secretsmanager.<Operation>`. */
function readOperationName(request: StandInRequest): string | undefined {
  const target = request.raw.headers['x-amz-target'];
  if (request.method !== 'POST' || typeof target !== 'string') return;
  if (!target.startsWith(targetPrefix)) return;
  return target.slice(targetPrefix.length);
}

function runOperation(
  name: string | undefined,
  body: string,
  store: SecretStore,
): Record<string, unknown> {
  const operation = name === undefined ? undefined : operations.get(name);
  if (!operation) {
    const message = `Unknown operation ${name ?? '(no X-Amz-Target)'}`;
    throw new AwsError('UnknownOperationException', message);
  }
  return operation(parseInput(body), store);
}

function parseInput(body: string): Record<string, unknown> {
  if (body.trim() === '') return {};
  const input = parseJson(body);
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
    return input as Record<string, unknown>;
  }
  throw new AwsError(
    'SerializationException',
    'The request body is not a JSON object.',
  );
}
