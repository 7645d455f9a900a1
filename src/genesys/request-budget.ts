import { UpstreamUnavailableError } from '../errors';
import type { TimeBudget } from '../net/budget';

/** The limit Genesys Cloud gives a client-credentials client by default. */
export const defaultRequestsPerMinute = 300;

const windowMs = 60_000;

/** Longest a call waits for its turn before it is handed back instead. */
const maxQueueMs = 2_000;

/**
 * Keeps one container's Genesys calls under the OAuth client's limit: a
 * token bucket that holds a tenth of the limit and refills at the rest of
 * it, so no rolling minute goes over. Answers' `inin-ratelimit-*` headers
 * bring it down to what Genesys counted, other containers' calls included,
 * and a 429 empties it for the `Retry-After`. A call that would wait too
 * long is refused, so its notification is handed back rather than earn a
 * 429.
 */
export class RequestBudget {
  private allowed = defaultRequestsPerMinute;
  private tokens: number;
  private updatedAt: number;

  constructor(private readonly now: () => number = Date.now) {
    this.tokens = this.capacity();
    this.updatedAt = now();
  }

  /** Takes a turn, waiting for it while `budget` allows. */
  async acquire(budget: TimeBudget): Promise<void> {
    this.refill();
    this.tokens -= 1;
    const waitMs = this.tokens < 0 ? -this.tokens / this.ratePerMs() : 0;

    if (waitMs > longestWaitMs(budget)) {
      this.tokens += 1;
      throw overBudgetError();
    }
    if (waitMs > 0) {
      await budget.race(new Promise((r) => setTimeout(r, waitMs)));
    }
  }

  /** How long until a call could take its turn; 0: one could now. */
  turnInMs(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : (1 - this.tokens) / this.ratePerMs();
  }

  /** Reads what Genesys counted for this client from an answer. */
  observe(headers: Record<string, unknown>): void {
    const allowed = Number(headers['inin-ratelimit-allowed']);
    const count = Number(headers['inin-ratelimit-count']);
    if (!(allowed > 0) || !(count >= 0)) return;

    this.refill();
    this.allowed = allowed;
    this.tokens = Math.min(this.tokens, this.capacity(), allowed - count);
  }

  /** After a 429: no call until `retryAfterSeconds` have passed. */
  throttled(retryAfterSeconds: number): void {
    this.refill();
    const blocked = -retryAfterSeconds * 1000 * this.ratePerMs();
    this.tokens = Math.min(this.tokens, blocked);
  }

  private capacity(): number {
    return Math.max(1, Math.floor(this.allowed / 10));
  }

  private ratePerMs(): number {
    return Math.max(this.allowed - this.capacity(), 1) / windowMs;
  }

  private refill(): void {
    const now = this.now();
    const earned = (now - this.updatedAt) * this.ratePerMs();
    this.tokens = Math.min(this.capacity(), this.tokens + earned);
    this.updatedAt = now;
  }
}

/** How long a call within `budget` may wait for its turn. */
export function longestWaitMs(budget: TimeBudget): number {
  return Math.min(maxQueueMs, budget.remainingMs());
}

/** A call refused because its turn is further off than it may wait. */
export function overBudgetError(): UpstreamUnavailableError {
  return new UpstreamUnavailableError(
    'Genesys Cloud calls are over the client budget; try again later',
    { service: 'genesys', code: 'request.budget' },
  );
}
