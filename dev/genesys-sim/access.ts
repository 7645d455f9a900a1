import { ApiError } from './errors';
import {
  type RateDecision,
  rateLimitHeaders,
  rateWindowSeconds,
} from './rate-limiter';
import type { Exchange } from './router';

export type RateBucket = 'api' | 'token';

/** The limit names Genesys Cloud reports; unverified, see the docs. */
const limitNames: Record<RateBucket, { key: string; namespace: string }> = {
  api: {
    key: 'client.credentials.token.rate.per.minute',
    namespace: 'platform.api',
  },
  token: { key: 'token.rate.per.minute', namespace: 'auth.api' },
};

/** The client behind the bearer token; throws 401 without a live one. */
export function authenticate(exchange: Exchange): string {
  const header = exchange.request.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) {
    throw new ApiError(
      401,
      'authentication.required',
      'No authentication bearer token specified in authorization header.',
    );
  }

  const { sim } = exchange;
  const clientId = sim.tokens.clientOf(match[1]);
  if (clientId === undefined || !sim.org.clients.has(clientId)) {
    throw new ApiError(401, 'bad.credentials', 'Invalid login credentials.');
  }
  return clientId;
}

/**
 * Counts the request against the client's rolling window and sets the
 * inin-ratelimit-* headers; throws 429 once the window is full.
 */
export function admit(
  exchange: Exchange,
  bucket: RateBucket,
  clientId: string,
): void {
  const { sim, response } = exchange;
  const limit = sim.org.rateLimitOf(clientId);
  const decision = sim.limiter.take(`${bucket}:${clientId}`, limit);
  if (!decision.allowed) throw tooManyRequests(bucket, decision);

  for (const [name, value] of Object.entries(rateLimitHeaders(decision))) {
    response.setHeader(name, value);
  }
}

/** The 429 Genesys Cloud answers, with Retry-After in seconds. */
export function tooManyRequests(
  bucket: RateBucket,
  decision: RateDecision,
): ApiError {
  const headers = {
    'Retry-After': String(decision.resetSeconds),
    ...rateLimitHeaders(decision),
  };
  return new ApiError(
    429,
    'too.many.requests',
    tooManyRequestsMessage(decision.limit),
    { limit: { ...limitNames[bucket], value: decision.limit } },
    headers,
  );
}

export function tooManyRequestsMessage(limit: number): string {
  return (
    `Rate limit exceeded the maximum [${limit}] requests within ` +
    `[${rateWindowSeconds}] seconds`
  );
}
