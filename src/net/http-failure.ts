import { AxiosError } from 'axios';
import type { UpstreamFailure } from '../errors';

/** What the gate keeps of a failed call: status, codes, never headers. */
export function describeHttpFailure(
  error: unknown,
  service: UpstreamFailure['service'],
): UpstreamFailure {
  if (!(error instanceof AxiosError)) {
    return { service, code: error instanceof Error ? error.name : 'Error' };
  }

  const response = error.response;
  const body = response?.data as { code?: unknown; error?: unknown } | null;
  const bodyCode = body?.code ?? body?.error;
  const failure: UpstreamFailure = {
    service,
    status: response?.status,
    code: typeof bodyCode === 'string' ? bodyCode : error.code,
    correlationId: headerText(response?.headers?.['inin-correlation-id']),
    retryAfterSeconds: parseRetryAfter(response?.headers?.['retry-after']),
  };
  return dropUndefined(failure);
}

/** `Retry-After` in seconds, from a number of seconds or an HTTP date. */
export function parseRetryAfter(
  value: unknown,
  now: number = Date.now(),
): number | undefined {
  const text = headerText(value);
  if (text === undefined) return undefined;
  if (/^\d+$/.test(text.trim())) return Number(text.trim());

  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function headerText(value: unknown): string | undefined {
  if (Array.isArray(value)) return headerText(value[0]);
  return typeof value === 'string' ? value : undefined;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}
