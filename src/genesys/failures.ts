import {
  ConfigurationError,
  type UpstreamFailure,
  UpstreamUnavailableError,
} from '../errors';
import { describeHttpFailure } from '../net/http-failure';

/** Sorts a failed Genesys call into retryable and configuration errors. */
export function toGenesysError(error: unknown, call: string): Error {
  const failure = describeHttpFailure(error, 'genesys');
  const summary = summarise(failure);

  if (failure.status === 403) {
    return new ConfigurationError(
      `Genesys Cloud refused ${call} (${summary}): give the OAuth client a ` +
        'role that allows it',
    );
  }
  return new UpstreamUnavailableError(
    `Genesys Cloud ${call} failed (${summary})`,
    failure,
  );
}

export function summarise(failure: UpstreamFailure): string {
  const parts = [
    failure.status ? `status ${failure.status}` : undefined,
    failure.code,
    failure.correlationId ? `correlation id ${failure.correlationId}` : '',
  ];
  return parts.filter(Boolean).join(', ') || 'no answer';
}
