import type { RouteName, SimCounters } from './types';

/** What the simulator has been asked, for tests to assert on. */
export class Counters {
  private requests: Partial<Record<RouteName, number>> = {};
  private tokensIssued = 0;
  private tooManyRequests = 0;

  countRequest(route: RouteName): void {
    this.requests[route] = (this.requests[route] ?? 0) + 1;
  }

  countToken(): void {
    this.tokensIssued += 1;
  }

  countTooManyRequests(): void {
    this.tooManyRequests += 1;
  }

  read(): SimCounters {
    const counts = Object.values(this.requests);
    return {
      requests: { ...this.requests },
      tokensIssued: this.tokensIssued,
      tooManyRequests: this.tooManyRequests,
      total: counts.reduce((sum, count) => sum + count, 0),
    };
  }
}
