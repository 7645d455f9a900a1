import { describe, expect, it } from 'vitest';
import { agents, shareStack, useStack } from '../e2e/stack';
import { orgEnv, runCli, runCliJson } from './cli';

describe('presence-gate explain', () => {
  const stack = shareStack();

  it.each([
    ['on queue and idle', agents.onQueueIdle, 0, 'forward', 'agent_available'],
    ['away', agents.away, 1, 'drop', 'presence_not_allowed'],
    ['inactive', agents.inactive, 1, 'drop', 'agent_inactive'],
    ['deleted', agents.deleted, 1, 'drop', 'agent_inactive'],
    ['unknown', agents.missing, 1, 'drop', 'agent_not_found'],
    [
      'of no system presence',
      agents.unknownPresence,
      1,
      'drop',
      'presence_unknown',
    ],
    [
      'not responding',
      agents.onQueueNotResponding,
      1,
      'drop',
      'routing_status_not_allowed',
    ],
  ])(
    'decides for an agent %s, exiting %i',
    async (_, id, code, outcome, reason) => {
      // Act
      const run = await runCliJson(['explain', id], orgEnv(stack()));

      // Assess
      expect(run.code).toBe(code);
      expect(run.json.decision).toMatchObject({ outcome, reason });
    },
  );

  it('names the rule that forwards an on-queue idle agent', async () => {
    // Act
    const run = await runCliJson(
      ['explain', agents.onQueueIdle],
      orgEnv(stack()),
    );

    // Assess
    expect(run.json.decision.rule).toBe('on-queue');
    expect(run.json.agent).toMatchObject({
      id: agents.onQueueIdle,
      found: true,
      state: 'active',
      presence: 'ON_QUEUE',
      presenceLabel: 'On Queue',
      routingStatus: 'IDLE',
    });
    expect(run.json.explanation).toEqual({
      field: null,
      text: 'rule on-queue allows presence ON_QUEUE with routing status IDLE',
    });
  });

  it.each([
    [agents.away, 'presence'],
    [agents.inactive, 'state'],
    [agents.missing, 'id'],
    [agents.unknownPresence, 'presence'],
    [agents.onQueueNotResponding, 'routingStatus'],
  ])('names the field that excluded agent %s: %s', async (id, field) => {
    // Act
    const run = await runCliJson(['explain', id], orgEnv(stack()));

    // Assess
    expect(run.json.explanation.field).toBe(field);
  });

  it('lists what each rule allows when none allows the presence', async () => {
    // Act
    const run = await runCliJson(['explain', agents.away], orgEnv(stack()));

    // Assess
    expect(run.json.explanation.text).toBe(
      'no rule allows presence AWAY: on-queue allows ON_QUEUE; available ' +
        'allows AVAILABLE',
    );
  });

  it('says why an on-queue agent is NOT_RESPONDING', async () => {
    // Act
    const run = await runCli(
      ['explain', agents.onQueueNotResponding],
      orgEnv(stack()),
    );

    // Assess
    const text = run.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('Decision: drop (routing_status_not_allowed)');
    expect(text).toContain('on-queue allows IDLE, INTERACTING');
    expect(text).toContain('let an offered interaction go unanswered');
  });

  it('decides with the policy of GATE_POLICY', async () => {
    // Prepare
    const policy = [{ name: 'anyone-away', presences: ['AWAY'] }];

    // Act
    const run = await runCliJson(
      ['explain', agents.away],
      orgEnv(stack(), { GATE_POLICY: JSON.stringify(policy) }),
    );

    // Assess
    expect(run.code).toBe(0);
    expect(run.json.decision.rule).toBe('anyone-away');
  });

  it('reads the agent from the local stack without a secret id', async () => {
    // Act
    const run = await runCliJson(['explain', agents.onQueueInteracting]);

    // Assess
    expect(run.code).toBe(0);
    expect(run.json.setup.kind).toBe('local');
    expect(run.json.agent.routingStatus).toBe('INTERACTING');
  });

  it('exits 2 for an agent id that is not a UUID', async () => {
    // Act
    const run = await runCliJson(['explain', 'nope'], orgEnv(stack()));

    // Assess
    expect(run.code).toBe(2);
    expect(run.json.problem.code).toBe('usage');
  });

  it('exits 4 when Genesys Cloud keeps failing', async () => {
    // Prepare
    const own = await useStack();
    await own.genesys.control.addFault({
      fault: { kind: 'status', status: 503 },
      target: 'api',
    });

    // Act
    const run = await runCliJson(['explain', agents.away], orgEnv(own));

    // Assess
    expect(run.code).toBe(4);
    expect(run.json.problem.code).toBe('unreachable');
    expect(run.json.problem.message).toContain('status 503');
  });

  it('exits 3 and explains invalid_client', async () => {
    // Prepare
    const own = await useStack({ secret: { clientSecret: 'wrong' } });

    // Act
    const run = await runCli(['explain', agents.away], orgEnv(own));

    // Assess
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('invalid_client: wrong clientId/secret');
  });
});
