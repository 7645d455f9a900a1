import DataLoader from 'dataloader';
import { LRUCache } from 'lru-cache';
import { ConfigurationError } from '../errors';
import { TimeBudget } from '../net/budget';
import type { AgentLookup, AgentReading } from './agent-state';
import { longestWaitMs, overBudgetError } from './request-budget';

export type ReadAgents = (
  agentIds: readonly string[],
  budget: TimeBudget,
) => Promise<AgentLookup>;

/** Agents one container remembers at most. */
const maxAgents = 10_000;

/**
 * Agent readings shared by everything one container decides. A reading is
 * kept for `ttlMs` (0: not kept); lookups of one agent in flight at the
 * same time share one call, and lookups that start together share bulk
 * calls. A failed read is never kept.
 */
export class AgentStateCache {
  private readonly loader: DataLoader<string, AgentReading>;
  private readonly cached: LRUCache<string, Promise<AgentReading>> | null;
  private readonly deadlines = new Map<string, number>();
  /** Kept readings that have arrived, as against reads still in flight. */
  private readonly arrived = new WeakSet<Promise<AgentReading>>();
  /** The budget of the lookup asking the loader now: a new batch's own. */
  private opening: TimeBudget = TimeBudget.unbounded();
  /** The batch waiting for the request budget's turn, if one is. */
  private held = { until: 0, ids: new Set<string>() };

  /**
   * `turnInMs` tells how long until the request budget has a turn for a
   * call; by default there always is one.
   */
  constructor(
    private readonly read: ReadAgents,
    ttlMs: number,
    private readonly turnInMs: () => number = () => 0,
  ) {
    this.cached =
      ttlMs > 0 ? new LRUCache({ max: maxAgents, ttl: ttlMs }) : null;
    this.loader = new DataLoader((ids) => this.readBatch(ids), {
      maxBatchSize: maxAgents,
      batchScheduleFn: (dispatch) => this.schedule(dispatch),
      ...(this.cached ? { cacheMap: this.cached } : { cache: false }),
    });
  }

  /**
   * Each agent's reading, `cacheHit` set where it was kept from an earlier
   * call; a failure stays with its agent. Throws only a ConfigurationError.
   */
  async lookUp(
    agentIds: readonly string[],
    budget: TimeBudget,
  ): Promise<AgentLookup> {
    const unique = [...new Set(agentIds)];
    const lookup: AgentLookup = new Map();

    await Promise.all(
      unique.map(async (id) => {
        const kept = this.cached?.get(id);
        if (kept && this.arrived.has(kept)) {
          lookup.set(id, { ...(await kept), cacheHit: true });
          return;
        }

        if (this.holdOutlasts(id, kept, budget)) {
          lookup.set(id, overBudgetError());
          return;
        }

        this.extendDeadline(id, budget.deadline);
        const shared = kept ?? this.load(id, budget);
        try {
          const reading = await budget.race(shared);
          lookup.set(id, reading);
        } catch (error) {
          if (error instanceof ConfigurationError) throw error;
          lookup.set(
            id,
            error instanceof Error ? error : new Error(`${error}`),
          );
        }
      }),
    );
    return lookup;
  }

  clear(): void {
    this.loader.clearAll();
  }

  /** Asks the loader for an agent that is neither kept nor being read. */
  private load(id: string, budget: TimeBudget): Promise<AgentReading> {
    this.opening = budget;
    const shared = this.loader.load(id);
    if (this.held.until > 0) this.held.ids.add(id);
    shared.then(
      () => this.arrived.add(shared),
      () => {
        if (this.cached?.peek(id) === shared) this.loader.clear(id);
      },
    );
    return shared;
  }

  /**
   * Whether a lookup would join the batch held for the budget's turn and
   * that turn is further off than the lookup may wait: then it fails at
   * once, as a call the budget refuses, not at its deadline.
   */
  private holdOutlasts(
    id: string,
    kept: Promise<AgentReading> | undefined,
    budget: TimeBudget,
  ): boolean {
    const { until, ids } = this.held;
    const joins = kept ? ids.has(id) : until > 0;
    return joins && until - Date.now() > longestWaitMs(budget);
  }

  /**
   * Sends a batch once the request budget has a turn for it; the agents
   * looked up meanwhile join it. While calls are scarce, each one carries
   * every agent missed since the last, instead of each miss waiting for a
   * turn of its own. A turn further off than the lookup that opened the
   * batch may wait is not waited for: the budget refuses the call at once,
   * and the lookup fails while there is time to act on it.
   */
  private schedule(dispatch: () => void): void {
    const waitMs = this.turnInMs();
    if (waitMs > 0 && waitMs <= longestWaitMs(this.opening)) {
      this.held = { until: Date.now() + waitMs, ids: new Set() };
      setTimeout(() => {
        this.held = { until: 0, ids: new Set() };
        dispatch();
      }, waitMs);
      return;
    }
    // As DataLoader does by default: after the promise jobs of this turn,
    // so that lookups started together go in one batch.
    Promise.resolve().then(() => process.nextTick(dispatch));
  }

  /** A shared read runs until the latest deadline of those waiting. */
  private extendDeadline(id: string, deadline: number): void {
    this.deadlines.set(id, Math.max(this.deadlines.get(id) ?? 0, deadline));
  }

  private async readBatch(
    ids: readonly string[],
  ): Promise<(AgentReading | Error)[]> {
    const deadline = Math.max(
      ...ids.map((id) => this.deadlines.get(id) ?? Number.POSITIVE_INFINITY),
    );
    for (const id of ids) this.deadlines.delete(id);

    const lookup = await this.read(ids, new TimeBudget(deadline));
    return ids.map(
      (id) => lookup.get(id) ?? new Error(`agent ${id} was not read`),
    );
  }
}
