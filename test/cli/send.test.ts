import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agents, useStack } from '../e2e/stack';
import { orgEnv, runCli, runCliJson } from './cli';

const eventFile = 'events/invoke/single.json';

/** Writes `text` to a file of its own and returns its path. */
function fileWith(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'presence-gate-')), 'n.json');
  writeFileSync(path, text);
  return path;
}

function envelope(agentId: string): string {
  return JSON.stringify({ id: 'cli-1', agentId, payload: { text: 'hi' } });
}

describe('presence-gate send', () => {
  it('forwards an event file to FORWARD_URL, printing the answer', async () => {
    // Prepare
    const stack = await useStack();
    const env = orgEnv(stack, { FORWARD_URL: stack.forwardUrl });

    // Act
    const run = await runCliJson(['send', eventFile], env);

    // Assess
    expect(run.code).toBe(0);
    expect(run.json.forwarding).toBe(true);
    expect(run.json.answer).toEqual({
      notificationId: 'invoke-0001',
      outcome: 'forward',
      reason: 'agent_available',
      rule: 'on-queue',
      agent: {
        id: agents.onQueueIdle,
        presence: 'ON_QUEUE',
        routingStatus: 'IDLE',
        state: 'active',
      },
    });
    const received = await stack.targetControl.requests();
    expect(received).toHaveLength(1);
  });

  it('decides only, forwarding nothing, without FORWARD_URL', async () => {
    // Prepare
    const stack = await useStack();

    // Act
    const run = await runCliJson(['send', eventFile], orgEnv(stack));

    // Assess
    expect(run.code).toBe(0);
    expect(run.json.forwarding).toBe(false);
    expect(run.json.answer.outcome).toBe('forward');
    expect(await stack.targetControl.requests()).toEqual([]);
  });

  it('exits 1 for a notification the gate drops', async () => {
    // Prepare
    const stack = await useStack();
    const file = fileWith(envelope(agents.away));

    // Act
    const run = await runCliJson(['send', file], orgEnv(stack));

    // Assess
    expect(run.code).toBe(1);
    expect(run.json.answer).toMatchObject({
      notificationId: 'cli-1',
      outcome: 'drop',
      reason: 'presence_not_allowed',
    });
  });

  it('exits 4 for a notification the gate hands back', async () => {
    // Prepare
    const stack = await useStack();
    await stack.genesys.control.addFault({
      fault: { kind: 'status', status: 503 },
      target: 'api',
    });

    // Act
    const run = await runCliJson(['send', eventFile], orgEnv(stack));

    // Assess
    expect(run.code).toBe(4);
    expect(run.json.answer).toMatchObject({
      outcome: 'retry',
      reason: 'state_unavailable',
    });
  });

  it('sends through the local stack without a secret id', async () => {
    // Act
    const run = await runCli(['send', eventFile]);

    // Assess
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('forward (agent_available, rule on-queue)');
    expect(run.stdout).toMatch(/forwards go to http:\/\/127\.0\.0\.1:\d+/);
  });

  it('reads the file from the directory given', async () => {
    // Prepare
    const stack = await useStack();

    // Act
    const run = await runCliJson(
      ['send', 'single.json'],
      orgEnv(stack),
      'events/invoke',
    );

    // Assess
    expect(run.code).toBe(0);
    expect(run.json.file).toBe('single.json');
  });

  it.each([
    ['not JSON', '{"agentId":', 'is not JSON'],
    ['not an envelope', '{"payload":{}}', 'agentId is required'],
    ['for an agent id that is not a UUID', envelope('nope'), 'UUID'],
  ])('exits 2 for a file %s', async (_, text, message) => {
    // Prepare
    const stack = await useStack();

    // Act
    const run = await runCliJson(['send', fileWith(text)], orgEnv(stack));

    // Assess
    expect(run.code).toBe(2);
    expect(run.json.problem.code).toBe('usage');
    expect(run.json.problem.message).toContain(message);
  });

  it('exits 2 for a file that does not exist', async () => {
    // Prepare
    const stack = await useStack();

    // Act
    const run = await runCli(['send', 'no/such/file.json'], orgEnv(stack));

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('ENOENT');
  });

  it('exits 3 when the gate is misconfigured', async () => {
    // Prepare
    const stack = await useStack({ secret: { clientSecret: 'wrong' } });

    // Act
    const run = await runCliJson(['send', eventFile], orgEnv(stack));

    // Assess
    expect(run.code).toBe(3);
    expect(run.json.problem.code).toBe('gate_misconfigured');
    expect(run.json.problem.fix).toContain('presence-gate check');
  });
});
