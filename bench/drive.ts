import { performance } from 'node:perf_hooks';
import { setImmediate, setTimeout as sleep } from 'node:timers/promises';

/**
 * A clock the harness moves by hand. Given to the simulated org and the
 * gate, it lets 60 s of arrivals play in a few seconds: token lifetimes,
 * the org's rate window and the gate's caches all read it.
 */
export class SteppedClock {
  private current: number;

  constructor(start: number) {
    this.current = start;
  }

  readonly now = (): number => this.current;

  set(time: number): void {
    this.current = time;
  }
}

export interface Schedule {
  /** How many arrivals; one per slot. */
  slots: number;
  /** Time between two arrivals, in the run's time. */
  slotMs: number;
  /** How much faster than real time the run goes; 1 is real time. */
  speedup: number;
  /** Set to each slot's time before its arrival, when given. */
  clock?: SteppedClock;
  /** With a clock: how long it keeps moving for arrivals not settled. */
  drainMs?: number;
}

/**
 * Starts `arrive(slot)` at each slot's time without waiting for earlier
 * ones, as a steady source would, then waits until all have settled. A
 * clock keeps moving while they drain, so nothing waits on a frozen one.
 * Rejects with every error an arrival threw.
 */
export async function drive(
  schedule: Schedule,
  arrive: (slot: number) => Promise<void>,
): Promise<void> {
  const { slots, slotMs, speedup, clock } = schedule;
  const realStart = performance.now();
  const clockStart = clock?.now() ?? 0;
  const pending = new Set<Promise<void>>();
  const errors: unknown[] = [];

  const reach = async (slot: number) => {
    const due = realStart + (slot * slotMs) / speedup;
    const wait = due - performance.now();
    // Late or not, each arrival gets a turn of the event loop of its own,
    // as separate invocations would.
    if (wait > 0) await sleep(wait);
    else await setImmediate();
    clock?.set(clockStart + slot * slotMs);
  };

  for (let slot = 0; slot < slots; slot += 1) {
    await reach(slot);
    const work: Promise<void> = arrive(slot)
      .catch((error: unknown) => {
        errors.push(error);
      })
      .finally(() => pending.delete(work));
    pending.add(work);
  }

  // Arrivals still open keep the clock moving at the same pace, so that
  // nothing waits on a clock that has stopped.
  let drained = 0;
  while (clock && pending.size > 0 && drained < (schedule.drainMs ?? 0)) {
    await sleep(slotMs / speedup);
    drained += slotMs;
    clock.set(clock.now() + slotMs);
  }
  await Promise.all(pending);
  if (errors.length > 0) throw new AggregateError(errors, 'arrivals failed');
}
