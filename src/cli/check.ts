import type { GenesysClient } from '../genesys/client';
import { normalisePresence } from '../genesys/presence';
import type { Credentials } from '../secrets/credentials';
import { logIn, readOrExplain, regionOf } from './genesys';
import {
  type CommandResult,
  maskId,
  problemLines,
  setupLine,
  toProblem,
  withoutQuery,
  wrap,
} from './output';
import { CliProblem, ExitCode } from './problem';
import { describeRateLimit, readRateLimit } from './rate-limit';
import { type LoadedSecret, loadSecret } from './secret';
import { describeSetup, type Setup } from './setup';

export const stepNames = [
  'configuration',
  'secret',
  'login',
  'users',
  'presence',
  'routingStatus',
] as const;
export type StepName = (typeof stepNames)[number];

export interface CheckStep {
  name: StepName;
  status: 'ok' | 'failed' | 'skipped';
  /** What was found, a line each. */
  summary?: string[];
  facts?: Record<string, unknown>;
  problem?: CliProblem;
}

interface Found<T> {
  summary: string[];
  facts: Record<string, unknown>;
  value: T;
}

type Act<T> = (() => Promise<Found<T>>) | undefined | null | false | '';

/** Runs steps in order; a step without an action is skipped. */
class Steps {
  readonly list: CheckStep[] = [];

  async run<T>(name: StepName, act: Act<T>): Promise<T | undefined> {
    if (!act) {
      this.list.push({ name, status: 'skipped' });
      return undefined;
    }
    try {
      const { summary, facts, value } = await act();
      this.list.push({ name, status: 'ok', summary, facts });
      return value;
    } catch (error) {
      this.list.push({ name, status: 'failed', problem: toProblem(error) });
      return undefined;
    }
  }
}

/**
 * The reads the gate makes, one step each: secret, login, a user, its
 * presence and routing status. What depends on a failed step is skipped.
 */
export async function runCheckSteps(
  setup: Setup,
  agentId?: string,
): Promise<CheckStep[]> {
  const steps = new Steps();
  await steps.run('configuration', async () => describeConfiguration(setup));
  const secret = await steps.run('secret', () => checkSecret(setup));
  const hosts = secret?.credentials;
  const client = await steps.run(
    'login',
    hosts && (() => checkLogin(setup, hosts)),
  );
  const userId = await steps.run(
    'users',
    client && (() => checkUser(client, agentId)),
  );

  const user = client && userId ? { client, userId } : undefined;
  await steps.run('presence', user && (() => checkPresence(user)));
  await steps.run('routingStatus', user && (() => checkRouting(user)));
  return steps.list;
}

/** check: every step, reported; exits with the first failure's code. */
export async function check(
  setup: Setup,
  agentId?: string,
): Promise<CommandResult> {
  return checkResult(await runCheckSteps(setup, agentId), setup);
}

/** A check whose configuration failed before anything could be read. */
export function checkWithoutSetup(error: unknown): CommandResult {
  const [first, ...rest] = stepNames;
  const steps: CheckStep[] = [
    { name: first, status: 'failed', problem: toProblem(error) },
    ...rest.map((name) => ({ name, status: 'skipped' as const })),
  ];
  return checkResult(steps);
}

function checkResult(steps: CheckStep[], setup?: Setup): CommandResult {
  const failed = steps.find((step) => step.status === 'failed');
  const exitCode = failed?.problem?.exitCode ?? ExitCode.ok;
  const ok = exitCode === ExitCode.ok;
  return {
    exitCode,
    json: {
      command: 'check',
      ok,
      exitCode,
      ...(setup ? { setup: describeSetup(setup) } : {}),
      steps: steps.map(({ problem, ...step }) => ({
        ...step,
        ...(problem ? { problem: problem.toJSON() } : {}),
      })),
    },
    lines: [
      `presence-gate check ${setup ? setupLine(setup) : ''}`.trimEnd(),
      ...steps.flatMap(stepLines),
      ok
        ? 'Check passed: the gate can read users, presence and routing status.'
        : `Check failed (exit ${exitCode}): ${failed?.problem?.details.code}`,
    ],
  };
}

const labels: Record<StepName, string> = {
  configuration: 'configuration',
  secret: 'secret',
  login: 'login',
  users: 'users',
  presence: 'presence',
  routingStatus: 'routing status',
};

const marks = { ok: 'ok  ', failed: 'FAIL', skipped: 'skip' } as const;

function stepLines(step: CheckStep): string[] {
  const head = `  ${marks[step.status]}  ${labels[step.name].padEnd(16)}`;
  const indent = ' '.repeat(head.length);
  if (step.problem) {
    return [
      ...wrap(step.problem.message, head, indent),
      ...problemLines(step.problem, indent),
    ];
  }
  const [first = '', ...more] = step.summary ?? [];
  return [
    ...wrap(first, head, indent).map((line) => line.trimEnd()),
    ...more.flatMap((line) => wrap(line, indent, indent)),
  ];
}

function describeConfiguration(setup: Setup): Found<undefined> {
  const { policy, forwardUrl, onLookupFailure } = setup.config;
  const target = forwardUrl ? withoutQuery(forwardUrl) : null;
  const rules = policy.map((rule) => rule.name);
  return {
    summary: [
      `secret ${setup.secretId} in ${setup.awsRegion}`,
      `policy rules: ${rules.join(', ')}`,
      target ? `forwards to ${target}` : 'FORWARD_URL not set: decides only',
      `on lookup failure: ${onLookupFailure}`,
    ],
    facts: {
      secretId: setup.secretId,
      awsRegion: setup.awsRegion,
      policyRules: rules,
      forwardUrl: target,
      onLookupFailure,
    },
    value: undefined,
  };
}

async function checkSecret(setup: Setup): Promise<Found<LoadedSecret>> {
  const secret = await loadSecret(setup);
  const { clientId, loginBaseUrl, apiBaseUrl, signingKeys } =
    secret.credentials;
  const region = regionOf(secret.credentials);
  return {
    summary: [
      `read, version ${secret.versionId ?? 'unknown'}`,
      `client id ${maskId(clientId)}, region ${region ?? 'from base URLs'}`,
      `login host ${loginBaseUrl}`,
      `api host ${apiBaseUrl}`,
      `signing keys: ${signingKeys.length}`,
    ],
    facts: {
      versionId: secret.versionId ?? null,
      clientId: maskId(clientId),
      region,
      loginBaseUrl,
      apiBaseUrl,
      signingKeys: signingKeys.length,
    },
    value: secret,
  };
}

async function checkLogin(
  setup: Setup,
  credentials: Credentials,
): Promise<Found<GenesysClient>> {
  const client = await logIn(credentials, setup.config, 0);
  const lifetime = client.tokens.lifetimeSeconds ?? null;
  const hours =
    lifetime === null ? '' : ` (${+(lifetime / 3600).toFixed(2)} h)`;
  return {
    summary: [
      `token from ${credentials.loginBaseUrl}`,
      `token lifetime ${lifetime ?? 'unknown'} s${hours}`,
    ],
    facts: {
      loginBaseUrl: credentials.loginBaseUrl,
      tokenLifetimeSeconds: lifetime,
    },
    value: client,
  };
}

interface UserView {
  id: string;
  state?: string;
}

async function checkUser(
  client: GenesysClient,
  agentId: string | undefined,
): Promise<Found<string>> {
  const call = agentId
    ? 'GET /api/v2/users/{id}'
    : 'GET /api/v2/users?pageSize=1';
  const answer = agentId
    ? await readOrExplain<UserView>(client, userPath(agentId))
    : await readOrExplain<{ entities?: UserView[] }>(client, '/api/v2/users', {
        pageSize: '1',
      });
  const user =
    answer && 'entities' in answer.data
      ? answer.data.entities?.[0]
      : (answer?.data as UserView | undefined);
  if (!user) throw noUser(call, agentId);

  const limit = readRateLimit(answer?.headers);
  return {
    summary: [
      `${call}: user ${user.id} (${user.state ?? 'state unknown'})`,
      describeRateLimit(limit),
    ],
    facts: { call, userId: user.id, state: user.state, rateLimit: limit },
    value: user.id,
  };
}

function noUser(call: string, agentId: string | undefined): CliProblem {
  if (agentId) {
    return new CliProblem({
      exitCode: ExitCode.negative,
      code: 'agent_not_found',
      message: `${call} answered 404: no such user`,
      likelyCause:
        'a mistyped id, a deleted user, or a user of another org or region',
      fix:
        "copy the id from the user's page in Genesys Cloud, or leave " +
        'out --agent',
    });
  }
  return new CliProblem({
    exitCode: ExitCode.negative,
    code: 'no_users',
    message: `${call} listed no user`,
    likelyCause: 'the org has no active user',
    fix: 'pass --agent <id> of a user, in any state',
  });
}

interface PresenceView {
  presenceDefinition?: { systemPresence?: string };
}

interface UserReads {
  client: GenesysClient;
  userId: string;
}

async function checkPresence({
  client,
  userId,
}: UserReads): Promise<Found<undefined>> {
  const call = 'GET /api/v2/users/{id}/presences/purecloud';
  const answer = await readOrExplain<PresenceView>(
    client,
    `${userPath(userId)}/presences/purecloud`,
  );
  const label = answer?.data.presenceDefinition?.systemPresence ?? null;
  const presence = normalisePresence(label);
  return {
    summary: [`${call}: ${label ?? 'none'} (${presence ?? 'unknown'})`],
    facts: { call, systemPresence: label, presence },
    value: undefined,
  };
}

async function checkRouting({
  client,
  userId,
}: UserReads): Promise<Found<undefined>> {
  const call = 'GET /api/v2/users/{id}/routingstatus';
  const answer = await readOrExplain<{ status?: string }>(
    client,
    `${userPath(userId)}/routingstatus`,
  );
  const status = answer?.data.status ?? null;
  return {
    summary: [`${call}: ${status ?? 'none'}`],
    facts: { call, routingStatus: status },
    value: undefined,
  };
}

function userPath(userId: string): string {
  return `/api/v2/users/${encodeURIComponent(userId)}`;
}
