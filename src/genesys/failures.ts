import { AxiosError } from 'axios';
import {
  ConfigurationError,
  type UpstreamFailure,
  UpstreamUnavailableError,
} from '../errors';
import { describeHttpFailure } from '../net/http-failure';

/** Genesys Cloud answered 403: the OAuth client's role does not allow it. */
export class GenesysForbiddenError extends ConfigurationError {
  override name = 'GenesysForbiddenError';

  constructor(
    message: string,
    /** The call refused, such as `GET /api/v2/users/{id}`. */
    readonly call: string,
    readonly failure: UpstreamFailure,
    /** The `message` of Genesys's ErrorBody, which names what is missing. */
    readonly genesysMessage: string | undefined,
  ) {
    super(message);
  }
}

/** Sorts a failed Genesys call into retryable and configuration errors. */
export function toGenesysError(error: unknown, call: string): Error {
  const failure = describeHttpFailure(error, 'genesys');
  const summary = summarise(failure);

  if (failure.status === 403) {
    return new GenesysForbiddenError(
      `Genesys Cloud refused ${call} (${summary}): give the OAuth client a ` +
        'role that allows it',
      call,
      failure,
      readErrorBodyMessage(error),
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

function readErrorBodyMessage(error: unknown): string | undefined {
  if (!(error instanceof AxiosError)) return undefined;
  const body = error.response?.data as { message?: unknown } | undefined;
  const message = body?.message;
  return typeof message === 'string' ? message.slice(0, 500) : undefined;
}
