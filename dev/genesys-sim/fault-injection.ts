import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyFault, type Fault } from '../lib/faults';
import { tooManyRequestsMessage } from './access';
import {
  correlationHeader,
  errorBody,
  OAuthError,
  standardError,
} from './errors';
import { rateLimitHeaders } from './rate-limiter';
import type { SimState } from './sim-state';
import type { RouteName } from './types';

type StatusFault = Extract<Fault, { kind: 'status' }>;

/**
 * Applies the fault planned for this request, if any. A rule for the
 * route (or for every request) wins over one for `api`. Resolves true
 * when the fault has answered the request.
 */
export async function injectFault(
  sim: SimState,
  route: RouteName,
  isApi: boolean,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<boolean> {
  const fault =
    sim.faults.take(route) ?? (isApi ? sim.faults.take('api') : undefined);
  if (!fault) return false;

  const contextId = String(response.getHeader(correlationHeader));
  const complete =
    fault.kind === 'status'
      ? completeStatusFault(fault, route, sim, contextId)
      : fault;
  return applyFault(complete, request, response);
}

/** Gives a status fault the body and headers Genesys Cloud would send. */
function completeStatusFault(
  fault: StatusFault,
  route: RouteName,
  sim: SimState,
  contextId: string,
): StatusFault {
  if (fault.status === 429) {
    return completeTooManyRequests(fault, sim, contextId);
  }
  const body = fault.body ?? defaultBody(fault.status, route, contextId);
  return { ...fault, body };
}

function defaultBody(status: number, route: RouteName, contextId: string) {
  if (route === 'token' && (status === 400 || status === 401)) {
    const error = status === 400 ? 'invalid_request' : 'invalid_client';
    return new OAuthError(status, error, 'injected fault').body();
  }
  const [code, message] = standardError(status);
  return errorBody(status, code, message, contextId);
}

function completeTooManyRequests(
  fault: StatusFault,
  sim: SimState,
  contextId: string,
): StatusFault {
  const given = fault.headers ?? {};
  const retryAfter = findHeader(given, 'retry-after') ?? '1';
  const limit = sim.org.rateLimitPerMinute;
  const resetSeconds = secondsUntil(retryAfter, sim.now());
  const defaults = {
    'Retry-After': retryAfter,
    ...rateLimitHeaders({ allowed: false, count: limit, limit, resetSeconds }),
  };

  const message = tooManyRequestsMessage(limit);
  const body =
    fault.body ?? errorBody(429, 'too.many.requests', message, contextId);
  return { ...fault, body, headers: mergeHeaders(defaults, given) };
}

/** Seconds from now for a Retry-After value in seconds or an HTTP date. */
function secondsUntil(retryAfter: string, now: number): number {
  if (/^\d+$/.test(retryAfter)) return Number(retryAfter);
  const date = Date.parse(retryAfter);
  if (Number.isNaN(date)) return 1;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function findHeader(headers: Record<string, string>, name: string) {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** Header names are case-insensitive: the given ones replace defaults. */
function mergeHeaders(
  defaults: Record<string, string>,
  given: Record<string, string>,
): Record<string, string> {
  const givenNames = new Set(Object.keys(given).map((k) => k.toLowerCase()));
  const kept = Object.entries(defaults).filter(
    ([name]) => !givenNames.has(name.toLowerCase()),
  );
  return { ...Object.fromEntries(kept), ...given };
}
