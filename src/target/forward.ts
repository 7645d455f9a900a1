import axios from 'axios';
import axiosRetry from 'axios-retry';
import type { TimeBudget } from '../net/budget';
import { describeHttpFailure } from '../net/http-failure';
import { signatureHeader, signBody } from './signature';

export interface ForwardRequest {
  url: string;
  notificationId: string;
  payload: unknown;
  signingKeys: readonly string[];
  timeoutMs: number;
  nowSeconds: number;
  budget: TimeBudget;
}

/**
 * - accepted: the target answered 2xx;
 * - rejected: a 4xx other than 408 and 429, so retrying cannot help;
 * - unavailable: 408, 429, 5xx, a redirect, a timeout or no answer.
 */
export type ForwardResult =
  | { kind: 'accepted'; status: number }
  | { kind: 'rejected'; status: number }
  | { kind: 'unavailable'; status?: number; code?: string };

const http = axios.create({ maxRedirects: 0, validateStatus: () => true });

/**
 * A kept-alive socket the target closed while idle fails the next request
 * before any answer: sending it once more on a fresh socket is safe, with
 * the same idempotency key. Nothing else is retried here.
 */
axiosRetry(http, {
  retries: 1,
  retryCondition: (error) =>
    !error.response && ['ECONNRESET', 'EPIPE'].includes(error.code ?? ''),
});

/** POSTs the payload as JSON, signed, with the notification's id as the
 * idempotency key. The target's answer body is never read into the result. */
export async function forwardPayload(
  request: ForwardRequest,
): Promise<ForwardResult> {
  const body = JSON.stringify(request.payload);
  const headers = {
    'content-type': 'application/json',
    'idempotency-key': request.notificationId,
    [signatureHeader]: signBody(body, request.signingKeys, request.nowSeconds),
  };

  try {
    const response = await http.post(request.url, body, {
      headers,
      signal: request.budget.attempt(request.timeoutMs),
      transformRequest: (data) => data,
      responseType: 'text',
    });
    return classify(response.status);
  } catch (error) {
    const failure = describeHttpFailure(error, 'target');
    return { kind: 'unavailable', code: failure.code };
  }
}

function classify(status: number): ForwardResult {
  if (status >= 200 && status < 300) return { kind: 'accepted', status };
  const retryable = status === 408 || status === 429 || status >= 500;
  if (status >= 400 && !retryable) return { kind: 'rejected', status };
  return { kind: 'unavailable', status };
}
