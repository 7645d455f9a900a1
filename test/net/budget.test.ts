import { setTimeout as sleep } from 'node:timers/promises';
import type { Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { BudgetSpentError } from '../../src/errors';
import { answerReserveMs, TimeBudget } from '../../src/net/budget';

function contextWith(remainingMs: number): Context {
  return { getRemainingTimeInMillis: () => remainingMs } as Context;
}

describe('TimeBudget', () => {
  it('is unbounded without a Lambda context', () => {
    const budget = TimeBudget.fromContext(undefined);

    expect(budget.remainingMs()).toBe(Number.POSITIVE_INFINITY);
    expect(budget.signal.aborted).toBe(false);
  });

  it('keeps a reserve back from the Lambda time left', () => {
    const budget = TimeBudget.fromContext(contextWith(10_000));

    expect(budget.remainingMs()).toBeLessThanOrEqual(10_000 - answerReserveMs);
    expect(budget.remainingMs()).toBeGreaterThan(10_000 - answerReserveMs - 50);
  });

  it('is spent at once when the reserve is all the time left', async () => {
    const budget = TimeBudget.fromContext(contextWith(answerReserveMs));

    await expect(budget.race(new Promise(() => {}))).rejects.toBeInstanceOf(
      BudgetSpentError,
    );
  });

  it('rejects a race that outlasts it', async () => {
    const budget = new TimeBudget(Date.now() + 30);

    await expect(budget.race(new Promise(() => {}))).rejects.toThrow(
      'the invocation has no time left',
    );
  });

  it('resolves a race that ends in time', async () => {
    const budget = new TimeBudget(Date.now() + 1_000);

    await expect(budget.race(Promise.resolve('done'))).resolves.toBe('done');
  });

  it('aborts an attempt after its own timeout', async () => {
    const budget = new TimeBudget(Number.POSITIVE_INFINITY);

    const signal = budget.attempt(20);
    await new Promise((resolve) => setTimeout(resolve, 40));

    expect(signal.aborted).toBe(true);
    expect(budget.signal.aborted).toBe(false);
  });

  it('starts no timer until a call asks for its signal', () => {
    const timeout = vi.spyOn(AbortSignal, 'timeout');
    const budget = new TimeBudget(Date.now() + 1_000);

    budget.remainingMs();
    expect(timeout).not.toHaveBeenCalled();
    expect(budget.signal.aborted).toBe(false);
    expect(timeout).toHaveBeenCalledOnce();
    timeout.mockRestore();
  });

  it('aborts at its deadline when its signal is made late', async () => {
    const budget = new TimeBudget(Date.now() + 100);
    await sleep(80);

    const signal = budget.signal;
    await sleep(60);

    expect(signal.aborted).toBe(true);
  });
});
