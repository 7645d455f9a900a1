import { InvalidInputError } from '../errors';
import type { Gate, InvocationOptions } from '../gate';
import { verifySignature } from '../target/signature';
import { type ApiGatewayEvent, headerOf } from './api-gateway';

/** Where a caller signs its request, when the secret has caller keys. */
export const callerSignatureHeader = 'X-Presence-Gate-Caller-Signature';

/**
 * Lets the request through when the secret has no `callerKeys`, or when
 * its signature header holds an HMAC of the raw body by one of them, made
 * within the tolerance of now; refuses it with 401 otherwise. The same
 * check a target runs on the gate's own forwards.
 */
export async function authenticateCaller(
  gate: Gate,
  event: ApiGatewayEvent,
  body: string,
  options: InvocationOptions,
): Promise<void> {
  const { callerKeys } = await gate.loadCredentials(options);
  if (callerKeys.length === 0) return;

  const signature = headerOf(event, callerSignatureHeader);
  const nowSeconds = Math.floor(gate.now() / 1000);
  const tolerance = gate.config.callerSignatureToleranceSeconds;
  const signed =
    typeof signature === 'string' &&
    verifySignature(signature, body, callerKeys, nowSeconds, tolerance);
  if (signed) return;

  throw new InvalidInputError(
    'unauthorized',
    `the request needs a valid ${callerSignatureHeader} header`,
    401,
  );
}
