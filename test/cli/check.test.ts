import { afterEach, describe, expect, it } from 'vitest';
import type { GenesysSim } from '../../dev/genesys-sim';
import { demoSecret } from '../../dev/local-stack';
import { agents, useStack } from '../e2e/stack';
import { orgEnv, runCli, runCliJson, startOtherRegion, stepOf } from './cli';

const others: GenesysSim[] = [];

afterEach(async () => {
  await Promise.all(others.splice(0).map((sim) => sim.close()));
});

async function otherRegion(): Promise<GenesysSim> {
  const sim = await startOtherRegion();
  others.push(sim);
  return sim;
}

describe('presence-gate check', () => {
  it('passes against the local stack when no secret id is set', async () => {
    // Act
    const run = await runCliJson(['check']);

    // Assess
    expect(run.code).toBe(0);
    expect(run.json.ok).toBe(true);
    expect(run.json.setup.kind).toBe('local');
    expect(run.stderr).toContain('local stack');
    const statuses = run.json.steps.map((s: { status: string }) => s.status);
    expect(statuses).toEqual(Array(6).fill('ok'));
  });

  it('reports token lifetime, rate-limit headroom and the reads', async () => {
    // Prepare
    const stack = await useStack();

    // Act
    const run = await runCliJson(['check'], orgEnv(stack));

    // Assess
    expect(run.code).toBe(0);
    expect(run.json.setup).toEqual({
      kind: 'org',
      secretId: 'presence-gate/genesys',
      awsRegion: 'us-east-1',
    });
    expect(stepOf(run.json, 'login').facts.tokenLifetimeSeconds).toBe(86400);
    expect(stepOf(run.json, 'users').facts.rateLimit).toEqual({
      allowed: 3_000,
      used: expect.any(Number),
      remaining: expect.any(Number),
      resetSeconds: expect.any(Number),
    });
    expect(stepOf(run.json, 'presence').facts.presence).toBe('ON_QUEUE');
    expect(stepOf(run.json, 'routingStatus').facts.routingStatus).toBe('IDLE');
  });

  it('reads the user given with --agent', async () => {
    // Prepare
    const stack = await useStack();

    // Act
    const run = await runCliJson(
      ['check', '--agent', agents.away],
      orgEnv(stack),
    );

    // Assess
    expect(run.code).toBe(0);
    expect(stepOf(run.json, 'users').facts.userId).toBe(agents.away);
    expect(stepOf(run.json, 'presence').facts.presence).toBe('AWAY');
  });

  it('exits 1 when the user given with --agent does not exist', async () => {
    // Prepare
    const stack = await useStack();

    // Act
    const run = await runCliJson(
      ['check', '--agent', agents.missing],
      orgEnv(stack),
    );

    // Assess
    expect(run.code).toBe(1);
    expect(stepOf(run.json, 'users').problem.code).toBe('agent_not_found');
    expect(stepOf(run.json, 'presence').status).toBe('skipped');
  });

  it('shows the client id only in part and no secret value', async () => {
    // Prepare
    const stack = await useStack();
    const secret = demoSecret(stack.genesys.url);

    // Act
    const text = await runCli(['check'], orgEnv(stack));
    const json = await runCliJson(['check'], orgEnv(stack));

    // Assess
    for (const output of [text.stdout + text.stderr, json.stdout]) {
      expect(output).toContain('pres…');
      expect(output).not.toContain(String(secret.clientId));
      expect(output).not.toContain(String(secret.clientSecret));
      expect(output).not.toContain(String(secret.signingKey));
    }
  });

  it('explains invalid_client when the client secret is wrong', async () => {
    // Prepare
    const stack = await useStack({ secret: { clientSecret: 'wrong' } });

    // Act
    const run = await runCliJson(['check'], orgEnv(stack));

    // Assess
    expect(run.code).toBe(3);
    const login = stepOf(run.json, 'login');
    expect(login.status).toBe('failed');
    expect(login.problem.code).toBe('invalid_client');
    expect(login.problem.likelyCause).toBe(
      'invalid_client: wrong clientId/secret or the client lives in ' +
        `another region; the login host was ${stack.genesys.url}`,
    );
    expect(stepOf(run.json, 'users').status).toBe('skipped');
  });

  it('explains a login host of another region', async () => {
    // Prepare
    const elsewhere = await otherRegion();
    const stack = await useStack({ secret: { loginBaseUrl: elsewhere.url } });

    // Act
    const run = await runCliJson(['check'], orgEnv(stack));

    // Assess
    expect(run.code).toBe(3);
    const login = stepOf(run.json, 'login').problem;
    expect(login.code).toBe('invalid_client');
    expect(login.likelyCause).toContain('another region');
    expect(login.likelyCause).toContain(elsewhere.url);
  });

  it('sends the credentials to the configured login host only', async () => {
    // Prepare
    const elsewhere = await otherRegion();
    const stack = await useStack({ secret: { loginBaseUrl: elsewhere.url } });

    // Act
    await runCliJson(['check'], orgEnv(stack));

    // Assess
    expect(elsewhere.readCounters().requests.token).toBe(1);
    expect(stack.genesys.readCounters().total).toBe(0);
  });

  it('explains an API host refusing the login host tokens', async () => {
    // Prepare
    const elsewhere = await otherRegion();
    const stack = await useStack({ secret: { apiBaseUrl: elsewhere.url } });

    // Act
    const run = await runCliJson(['check'], orgEnv(stack));

    // Assess
    expect(run.code).toBe(3);
    expect(stepOf(run.json, 'login').status).toBe('ok');
    const users = stepOf(run.json, 'users').problem;
    expect(users.code).toBe('token_refused');
    expect(users.message).toContain('status 401');
    expect(users.likelyCause).toContain('different regions');
    expect(elsewhere.readCounters().requests.token ?? 0).toBe(0);
  });

  it('names the call and Genesys message of a 403', async () => {
    // Prepare
    const stack = await useStack();
    await stack.genesys.control.addFault({
      fault: { kind: 'status', status: 403 },
      target: 'users.presence',
    });

    // Act
    const run = await runCliJson(['check'], orgEnv(stack));

    // Assess
    expect(run.code).toBe(3);
    const presence = stepOf(run.json, 'presence').problem;
    expect(presence.code).toBe('forbidden');
    const correlationId = /correlation id [0-9a-f-]{36}/.source;
    expect(presence.message).toMatch(
      new RegExp(
        '^Genesys Cloud refused GET /api/v2/users/\\{id\\}/presences/' +
          `purecloud \\(403, not\\.authorized, ${correlationId}\\): ` +
          '"You are not authorized to perform the requested action\\."$',
      ),
    );
    expect(presence.fix).toContain('role');
    expect(stepOf(run.json, 'routingStatus').status).toBe('ok');
  });

  it('exits 4 with the wait when Genesys Cloud throttles', async () => {
    // Prepare
    const stack = await useStack();
    await stack.genesys.control.addTooManyRequests({
      target: 'users.list',
      retryAfter: 7,
    });

    // Act
    const run = await runCliJson(['check'], orgEnv(stack));

    // Assess
    expect(run.code).toBe(4);
    const users = stepOf(run.json, 'users').problem;
    expect(users.code).toBe('throttled');
    expect(users.fix).toContain('7 s');
  });

  it('explains a secret id that does not exist', async () => {
    // Prepare
    const stack = await useStack();

    // Act
    const run = await runCliJson(
      ['check', '--secret-id', 'presence-gate/nope'],
      orgEnv(stack),
    );

    // Assess
    expect(run.code).toBe(3);
    const secret = stepOf(run.json, 'secret').problem;
    expect(secret.code).toBe('secret_not_found');
    expect(secret.message).toContain('ResourceNotFoundException');
    expect(secret.fix).toContain('AWS_REGION');
  });

  it('names the missing key of a malformed secret, never a value', async () => {
    // Prepare
    const stack = await useStack({ secret: { clientSecret: null } });

    // Act
    const run = await runCliJson(['check'], orgEnv(stack));

    // Assess
    expect(run.code).toBe(3);
    const secret = stepOf(run.json, 'secret').problem;
    expect(secret.code).toBe('secret_malformed');
    expect(secret.message).toBe('secret key clientSecret is missing');
    expect(run.stdout).not.toContain('presence-gate-demo');
  });

  it('explains a secret this AWS identity may not read', async () => {
    // Prepare
    const stack = await useStack();
    await stack.secretsControl.answerError('AccessDeniedException', {
      target: 'GetSecretValue',
    });

    // Act
    const run = await runCliJson(['check'], orgEnv(stack));

    // Assess
    expect(run.code).toBe(3);
    const secret = stepOf(run.json, 'secret').problem;
    expect(secret.code).toBe('secret_access_denied');
    expect(secret.likelyCause).toContain('secretsmanager:GetSecretValue');
  });

  it('fails the configuration step without an AWS region', async () => {
    // Prepare
    const stack = await useStack();

    // Act
    const run = await runCliJson(
      ['check'],
      orgEnv(stack, { AWS_REGION: undefined }),
    );

    // Assess
    expect(run.code).toBe(3);
    const configuration = stepOf(run.json, 'configuration');
    expect(configuration.problem.code).toBe('aws_region_missing');
    expect(stepOf(run.json, 'secret').status).toBe('skipped');
  });

  it('names the variable of a bad configuration', async () => {
    // Prepare
    const stack = await useStack();

    // Act
    const run = await runCliJson(
      ['check'],
      orgEnv(stack, { ON_LOOKUP_FAILURE: 'sometimes' }),
    );

    // Assess
    expect(run.code).toBe(3);
    const { problem } = stepOf(run.json, 'configuration');
    expect(problem.code).toBe('configuration');
    expect(problem.message).toContain('ON_LOOKUP_FAILURE');
  });

  it('prints a line a step, with the cause and fix of a failure', async () => {
    // Prepare
    const stack = await useStack({ secret: { clientSecret: 'wrong' } });

    // Act
    const run = await runCli(['check'], orgEnv(stack));

    // Assess
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^ {2}ok {4}secret/m);
    expect(run.stdout).toMatch(/^ {2}FAIL {2}login/m);
    expect(run.stdout).toMatch(/likely cause: invalid_client: wrong/);
    expect(run.stdout).toMatch(/^ {2}skip {2}users/m);
    expect(run.stdout).toContain('Check failed (exit 3)');
  });
});
