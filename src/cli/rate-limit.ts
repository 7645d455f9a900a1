/** What an answer's `inin-ratelimit-*` headers say about the client. */
export interface RateLimitHeadroom {
  /** Requests allowed in the window. */
  allowed: number;
  /** Requests counted in the window so far. */
  used: number;
  /** Requests left before Genesys Cloud answers 429. */
  remaining: number;
  /** Seconds until the window resets, when given. */
  resetSeconds: number | null;
}

/** Reads the headroom; null when the headers are missing or garbled. */
export function readRateLimit(
  headers: Readonly<Record<string, unknown>> | undefined,
): RateLimitHeadroom | null {
  const allowed = readCount(headers?.['inin-ratelimit-allowed']);
  const used = readCount(headers?.['inin-ratelimit-count']);
  if (allowed === null || used === null) return null;
  return {
    allowed,
    used,
    remaining: Math.max(0, allowed - used),
    resetSeconds: readCount(headers?.['inin-ratelimit-reset']),
  };
}

export function describeRateLimit(limit: RateLimitHeadroom | null): string {
  if (!limit) return 'rate limit not reported';
  const left = `${limit.remaining} of ${limit.allowed} requests left`;
  if (limit.resetSeconds === null) return `rate limit: ${left}`;
  return `rate limit: ${left}, window resets in ${limit.resetSeconds} s`;
}

function readCount(value: unknown): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text !== 'string' && typeof text !== 'number') return null;
  const digits = String(text).trim();
  return /^\d+$/.test(digits) ? Number(digits) : null;
}
