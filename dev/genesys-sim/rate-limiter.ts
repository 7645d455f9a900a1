export const rateWindowSeconds = 60;

export interface RateDecision {
  allowed: boolean;
  /** Requests in the window, this one included when allowed. */
  count: number;
  limit: number;
  /** Seconds until the oldest request in the window leaves it. */
  resetSeconds: number;
}

/** A rolling window per key: at most `limit` requests in 60 seconds. */
export class RateLimiter {
  private readonly windows = new Map<string, number[]>();

  constructor(private readonly now: () => number) {}

  take(key: string, limit: number): RateDecision {
    const now = this.now();
    const windowStart = now - rateWindowSeconds * 1000;
    const times = (this.windows.get(key) ?? []).filter(
      (time) => time > windowStart,
    );
    this.windows.set(key, times);

    const allowed = times.length < limit;
    if (allowed) times.push(now);

    const oldest = times[0] ?? now;
    const resetMs = oldest - windowStart;
    return {
      allowed,
      count: times.length,
      limit,
      resetSeconds: Math.max(1, Math.ceil(resetMs / 1000)),
    };
  }

  clear(): void {
    this.windows.clear();
  }
}

/** The inin-ratelimit-* headers Genesys Cloud sends with its answers. */
export function rateLimitHeaders(
  decision: RateDecision,
): Record<string, string> {
  return {
    'inin-ratelimit-count': String(decision.count),
    'inin-ratelimit-allowed': String(decision.limit),
    'inin-ratelimit-reset': String(decision.resetSeconds),
  };
}
