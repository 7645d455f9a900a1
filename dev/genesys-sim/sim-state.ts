import { FaultPlan } from '../lib/faults';
import { Counters } from './counters';
import type { OrgFile } from './org-file';
import { RateLimiter } from './rate-limiter';
import { SimOrg } from './sim-org';
import { TokenStore } from './tokens';

/** Everything one running simulator remembers. */
export class SimState {
  org: SimOrg;
  counters = new Counters();
  readonly faults = new FaultPlan();
  readonly tokens: TokenStore;
  readonly limiter: RateLimiter;

  constructor(
    private readonly orgFile: OrgFile,
    readonly now: () => number,
  ) {
    this.org = new SimOrg(orgFile, now);
    this.tokens = new TokenStore(now);
    this.limiter = new RateLimiter(now);
  }

  /**
   * Back to the loaded org: no faults, counters and rate windows empty.
   * Tokens stay valid while their client is in the org.
   */
  reset(): void {
    this.org = new SimOrg(this.orgFile, this.now);
    this.counters = new Counters();
    this.faults.clear();
    this.limiter.clear();
  }
}
