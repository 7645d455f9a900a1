import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/errors';
import type { AgentState } from '../../src/genesys/presence';
import { decide, defaultPolicy, parsePolicy } from '../../src/policy/policy';

function agent(overrides: Partial<AgentState>): AgentState {
  return {
    id: 'a0000000-0000-4000-8000-000000000001',
    found: true,
    state: 'active',
    presence: 'ON_QUEUE',
    presenceLabel: 'On Queue',
    routingStatus: 'IDLE',
    ...overrides,
  };
}

describe('decide with the default policy', () => {
  it.each([
    ['ON_QUEUE', 'IDLE', 'forward', 'agent_available', 'on-queue'],
    ['ON_QUEUE', 'INTERACTING', 'forward', 'agent_available', 'on-queue'],
    ['ON_QUEUE', 'NOT_RESPONDING', 'drop', 'routing_status_not_allowed', null],
    ['ON_QUEUE', 'COMMUNICATING', 'drop', 'routing_status_not_allowed', null],
    ['ON_QUEUE', 'OFF_QUEUE', 'drop', 'routing_status_not_allowed', null],
    ['AVAILABLE', 'OFF_QUEUE', 'forward', 'agent_available', 'available'],
    ['AVAILABLE', 'IDLE', 'forward', 'agent_available', 'available'],
    ['AVAILABLE', 'INTERACTING', 'forward', 'agent_available', 'available'],
    ['AVAILABLE', 'COMMUNICATING', 'forward', 'agent_available', 'available'],
    ['AVAILABLE', 'NOT_RESPONDING', 'drop', 'routing_status_not_allowed', null],
    ['AWAY', 'OFF_QUEUE', 'drop', 'presence_not_allowed', null],
    ['BUSY', 'IDLE', 'drop', 'presence_not_allowed', null],
    ['OFFLINE', 'OFF_QUEUE', 'drop', 'presence_not_allowed', null],
    ['IDLE', 'OFF_QUEUE', 'drop', 'presence_not_allowed', null],
    ['MEAL', 'OFF_QUEUE', 'drop', 'presence_not_allowed', null],
    ['TRAINING', 'OFF_QUEUE', 'drop', 'presence_not_allowed', null],
    ['MEETING', 'OFF_QUEUE', 'drop', 'presence_not_allowed', null],
    ['BREAK', 'OFF_QUEUE', 'drop', 'presence_not_allowed', null],
  ] as const)(
    '%s and %s give %s (%s)',
    (presence, routing, outcome, reason, rule) => {
      // Prepare
      const state = agent({ presence, routingStatus: routing });

      // Act
      const decision = decide(state, defaultPolicy);

      // Assess
      expect(decision).toEqual({
        outcome,
        reason,
        ...(rule ? { rule } : {}),
      });
    },
  );

  it('drops an agent that does not exist as agent_not_found', () => {
    const decision = decide(
      agent({ found: false, state: null }),
      defaultPolicy,
    );

    expect(decision).toEqual({ outcome: 'drop', reason: 'agent_not_found' });
  });

  it.each(['inactive', 'deleted'])(
    'drops a %s agent as agent_inactive even when on queue',
    (state) => {
      const decision = decide(agent({ state }), defaultPolicy);

      expect(decision).toEqual({ outcome: 'drop', reason: 'agent_inactive' });
    },
  );

  it('drops an agent without a system presence as presence_unknown', () => {
    const state = agent({ presence: null, presenceLabel: 'Unknown' });

    const decision = decide(state, defaultPolicy);

    expect(decision).toEqual({ outcome: 'drop', reason: 'presence_unknown' });
  });

  it('drops an unknown routing status as not allowed', () => {
    const state = agent({ routingStatus: 'SOMETHING_NEW' });

    const decision = decide(state, defaultPolicy);

    expect(decision.reason).toBe('routing_status_not_allowed');
  });
});

describe('decide with an operator policy', () => {
  it('forwards by the first matching rule in order', () => {
    const policy = parsePolicy(
      JSON.stringify([
        { name: 'any-on-queue', presences: ['ON_QUEUE'] },
        {
          name: 'idle-on-queue',
          presences: ['ON_QUEUE'],
          routingStatuses: ['IDLE'],
        },
      ]),
      'GATE_POLICY',
    );

    const decision = decide(agent({}), policy);

    expect(decision.rule).toBe('any-on-queue');
  });

  it('allows any presence when a rule lists none', () => {
    const policy = parsePolicy(
      '[{"name":"idle","routingStatuses":["IDLE"]}]',
      'GATE_POLICY',
    );

    const decision = decide(agent({ presence: 'BUSY' }), policy);

    expect(decision).toMatchObject({ outcome: 'forward', rule: 'idle' });
  });
});

describe('parsePolicy', () => {
  it.each([
    ['not json', 'GATE_POLICY is not valid JSON'],
    ['[]', 'GATE_POLICY is not a valid policy'],
    ['{"name":"x"}', 'GATE_POLICY is not a valid policy'],
    ['[{"name":"x","presences":["ONQUEUE"]}]', 'at 0.presences.0'],
    ['[{"name":"Bad Name"}]', 'at 0.name'],
    ['[{"name":"a"},{"name":"a"}]', 'rule names must be unique'],
    ['[{"name":"a","extra":1}]', 'GATE_POLICY is not a valid policy'],
  ])('rejects %s naming the fault', (text, message) => {
    expect(() => parsePolicy(text, 'GATE_POLICY')).toThrow(ConfigurationError);
    expect(() => parsePolicy(text, 'GATE_POLICY')).toThrow(message);
  });

  it('returns a frozen policy', () => {
    const policy = parsePolicy('[{"name":"a"}]', 'GATE_POLICY');

    expect(Object.isFrozen(policy)).toBe(true);
    expect(Object.isFrozen(policy[0])).toBe(true);
  });
});
