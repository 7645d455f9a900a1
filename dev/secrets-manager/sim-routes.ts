import {
  type ControlCall,
  type ControlRoute,
  controlError,
  faultRoutes,
  resetRoute,
} from '../lib/control-routes';
import { awsErrorFault } from './aws-error';
import type { SecretsManagerState } from './index';

/** Messages for the error shorthand when the caller gives none. */
const defaultMessages: Record<string, string> = {
  ThrottlingException: 'Rate exceeded',
  InternalServiceError: 'An internal error occurred in the service.',
};

/** The /_sim/ control API of the local Secrets Manager. */
export function simRoutes(state: SecretsManagerState): ControlRoute[] {
  return [
    ...faultRoutes(state.plan, readFaultRule),
    { method: 'PUT', path: /^secrets\/(.+)$/, handle: seedSecret(state) },
    {
      method: 'GET',
      path: /^counters$/,
      handle: () => ({
        status: 200,
        body: { counters: Object.fromEntries(state.counters) },
      }),
    },
    resetRoute(() => {
      state.seedInitialSecrets();
      state.plan.clear();
      state.counters.clear();
    }),
  ];
}

/**
 * Accepts a FaultRule, or the shorthand
 * `{ "error": "ThrottlingException", "count"?, "target"?, "message"? }`
 * that answers that AWS error.
 */
function readFaultRule(body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return body;
  if (!('error' in body) || typeof body.error !== 'string') return body;

  const { error, message, ...rule } = body as Record<string, unknown>;
  const text =
    typeof message === 'string' ? message : defaultMessages[String(error)];
  return { ...rule, fault: awsErrorFault(String(error), text ?? '') };
}

function seedSecret(state: SecretsManagerState) {
  return ({ params, body }: ControlCall) => {
    const secretString = readSecretString(body);
    if (secretString === undefined) {
      const message = 'the body is { "secretString": string }';
      return controlError(400, 'invalid_secret', message);
    }

    const name = params[0] ?? '';
    const { secret, version } = state.store.seed(name, secretString);
    const answer = {
      ARN: secret.arn,
      Name: secret.name,
      VersionId: version?.versionId,
      VersionStages: version?.stages,
    };
    return { status: 200, body: answer };
  };
}

function readSecretString(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>).secretString;
  return typeof value === 'string' ? value : undefined;
}
