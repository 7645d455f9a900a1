/**
 * Every failure the gate meets is one of three kinds:
 * - retryable: the notification is handed back and tried again later;
 * - permanent: retrying cannot help (bad input, a rejected forward);
 * - configuration: the gate cannot work until an operator fixes its setup.
 */
export type FailureKind = 'retryable' | 'permanent' | 'configuration';

export class GateError extends Error {
  override name = 'GateError';
  readonly kind: FailureKind = 'permanent';
}

/** Invalid environment, policy, secret or OAuth client. */
export class ConfigurationError extends GateError {
  override name = 'ConfigurationError';
  override readonly kind = 'configuration';
}

/** A failed call to Genesys, Secrets Manager or the target: may work later. */
export class UpstreamUnavailableError extends GateError {
  override name = 'UpstreamUnavailableError';
  override readonly kind = 'retryable';

  constructor(
    message: string,
    readonly details: UpstreamFailure,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** What is safe to know about a failed outside call: never a header. */
export interface UpstreamFailure {
  service: 'genesys' | 'secrets-manager' | 'target';
  status?: number;
  code?: string;
  correlationId?: string;
  retryAfterSeconds?: number;
}

/** The invocation ran out of time: the notification is handed back. */
export class BudgetSpentError extends GateError {
  override name = 'BudgetSpentError';
  override readonly kind = 'retryable';
}

/** A request the gate refuses, bad or unauthenticated: answered with
 * `status` and `code`. */
export class InvalidInputError extends GateError {
  override name = 'InvalidInputError';

  constructor(
    readonly code: string,
    message: string,
    readonly status: 400 | 401 | 413 | 415 = 400,
  ) {
    super(message);
  }
}

export function classifyFailure(error: unknown): FailureKind {
  if (error instanceof GateError) return error.kind;
  return 'retryable';
}
