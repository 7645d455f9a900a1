import { setMaxListeners } from 'node:events';
import type { Context } from 'aws-lambda';
import { BudgetSpentError } from '../errors';

/** Time kept back from the Lambda timeout to answer and log. */
export const answerReserveMs = 1_000;

/**
 * The time one invocation may still spend on outside calls. Its signal
 * aborts every call in flight once the time is spent, so a notification is
 * handed back instead of being cut off by the Lambda timeout.
 */
export class TimeBudget {
  private aborts: AbortSignal | undefined;

  constructor(
    readonly deadline: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Aborts when the time is spent. Made by the first call that needs it,
   * so an invocation answered from caches starts no timer.
   */
  get signal(): AbortSignal {
    this.aborts ??= abortAfter(this.remainingMs());
    return this.aborts;
  }

  /** No deadline: only each call's own timeout applies. */
  static unbounded(): TimeBudget {
    return new TimeBudget(Number.POSITIVE_INFINITY);
  }

  /** From the Lambda context; unbounded without one, as in tests. */
  static fromContext(context: Context | undefined): TimeBudget {
    const remaining = context?.getRemainingTimeInMillis?.();
    if (remaining === undefined) return TimeBudget.unbounded();
    return new TimeBudget(Date.now() + remaining - answerReserveMs);
  }

  remainingMs(): number {
    return this.deadline - this.now();
  }

  /** A signal for one attempt: `timeoutMs` at most, never past the end. */
  attempt(timeoutMs: number): AbortSignal {
    return AbortSignal.any([this.signal, AbortSignal.timeout(timeoutMs)]);
  }

  /** Rejects when the budget is spent before `promise` settles. */
  race<T>(promise: Promise<T>): Promise<T> {
    if (this.signal.aborted) return Promise.reject(spent());
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(spent());
      this.signal.addEventListener('abort', onAbort, { once: true });
      promise.then(resolve, reject).finally(() => {
        this.signal.removeEventListener('abort', onAbort);
      });
    });
  }
}

function abortAfter(ms: number): AbortSignal {
  const signal = Number.isFinite(ms)
    ? AbortSignal.timeout(Math.max(0, ms))
    : new AbortController().signal;
  // Every call of a large batch listens to it at once.
  setMaxListeners(0, signal);
  return signal;
}

function spent(): BudgetSpentError {
  return new BudgetSpentError('the invocation has no time left');
}
