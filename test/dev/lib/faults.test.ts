import { describe, expect, it } from 'vitest';
import { FaultPlan, validateFaultRule } from '../../../dev/lib/faults';

describe('validateFaultRule', () => {
  it.each([0, -1, 1.5, '2'])('refuses the count %j', (count) => {
    const rule = { fault: { kind: 'reset' }, count };

    expect(validateFaultRule(rule)).toBe('count must be a positive integer');
  });

  it('accepts a rule without a count', () => {
    expect(validateFaultRule({ fault: { kind: 'reset' } })).toBeNull();
  });
});

describe('FaultPlan', () => {
  it('applies a counted rule that many times, then no more', () => {
    const plan = new FaultPlan();
    plan.add({ fault: { kind: 'reset' }, count: 2 });

    const taken = [plan.take('api'), plan.take('api'), plan.take('api')];

    expect(taken).toEqual([{ kind: 'reset' }, { kind: 'reset' }, undefined]);
  });

  it('applies a rule only to its target', () => {
    const plan = new FaultPlan();
    plan.add({ fault: { kind: 'reset' }, target: 'token' });

    expect(plan.take('api')).toBeUndefined();
    expect(plan.take('token')).toEqual({ kind: 'reset' });
  });
});
