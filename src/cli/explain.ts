import * as z from 'zod/mini';
import { type AgentReading, readAgentState } from '../genesys/agent-state';
import { TimeBudget } from '../net/budget';
import {
  type Decision,
  decide,
  type Policy,
  type PolicyRule,
} from '../policy/policy';
import { Reason } from '../policy/reasons';
import { describeReadFailure, logIn } from './genesys';
import { type CommandResult, setupLine, wrap } from './output';
import { ExitCode, usageProblem } from './problem';
import { loadSecret } from './secret';
import { describeSetup, type Setup } from './setup';

/** Longest the lookup may take, as a Lambda's budget would bound it. */
const lookupBudgetMs = 30_000;

/** The field that decided, and why, in words. */
export interface Explanation {
  field: 'id' | 'state' | 'presence' | 'routingStatus' | null;
  text: string;
}

export function checkAgentId(agentId: string): void {
  if (!z.guid().safeParse(agentId).success) {
    throw usageProblem(
      `agent id ${agentId} is not a Genesys Cloud user id (a UUID)`,
    );
  }
}

/**
 * explain: reads the agent as the gate does and decides with the
 * configured policy; exits 0 for forward, 1 for drop.
 */
export async function explain(
  setup: Setup,
  agentId: string,
): Promise<CommandResult> {
  const { credentials } = await loadSecret(setup);
  const client = await logIn(credentials, setup.config);
  const budget = new TimeBudget(Date.now() + lookupBudgetMs);

  let reading: AgentReading;
  try {
    reading = await readAgentState(client.within(budget), agentId);
  } catch (error) {
    throw describeReadFailure(error, credentials);
  }

  const decision = decide(reading, setup.config.policy);
  const explanation = explainDecision(reading, decision, setup.config.policy);
  return explainResult(setup, reading, decision, explanation);
}

function explainResult(
  setup: Setup,
  reading: AgentReading,
  decision: Decision,
  explanation: Explanation,
): CommandResult {
  const exitCode =
    decision.outcome === 'forward' ? ExitCode.ok : ExitCode.negative;
  const { correlationId, ...agent } = reading;
  const label = reading.presenceLabel;
  return {
    exitCode,
    json: {
      command: 'explain',
      exitCode,
      setup: describeSetup(setup),
      agent: { ...agent, correlationId: correlationId ?? null },
      decision,
      explanation,
    },
    lines: [
      `presence-gate explain ${setupLine(setup)}`,
      `Agent ${reading.id}`,
      `  found           ${reading.found ? 'yes' : 'no'}`,
      `  state           ${reading.state ?? '-'}`,
      `  presence        ${reading.presence ?? '-'}` +
        (label ? ` (Genesys: "${label}")` : ''),
      `  routing status  ${reading.routingStatus ?? '-'}`,
      `Decision: ${decision.outcome} (${decision.reason}` +
        (decision.rule ? `, rule ${decision.rule})` : ')'),
      ...wrap(explanation.text, '  ', '  '),
    ],
  };
}

/** Why the policy decided so: the rule that forwarded or the field that
 * excluded the agent. */
export function explainDecision(
  agent: AgentReading,
  decision: Decision,
  policy: Policy,
): Explanation {
  const presence = agent.presence;
  const routing = agent.routingStatus ?? 'none';
  switch (decision.reason) {
    case Reason.agentAvailable:
      return {
        field: null,
        text:
          `rule ${decision.rule} allows presence ${presence} with ` +
          `routing status ${routing}`,
      };
    case Reason.agentNotFound:
      return {
        field: 'id',
        text: 'Genesys Cloud has no user with this id, not even a deleted one',
      };
    case Reason.agentInactive:
      return {
        field: 'state',
        text: `the user is ${agent.state}: only active users are notified`,
      };
    case Reason.presenceUnknown:
      return {
        field: 'presence',
        text:
          `systemPresence ${agent.presenceLabel ?? 'is missing'}: not a ` +
          'system presence the gate knows',
      };
    case Reason.presenceNotAllowed:
      return {
        field: 'presence',
        text:
          `no rule allows presence ${presence}: ` +
          describeRules(policy, 'presences'),
      };
    default:
      return explainRouting(agent, policy);
  }
}

function explainRouting(agent: AgentReading, policy: Policy): Explanation {
  const routing = agent.routingStatus ?? 'none';
  const rules = policy.filter(
    (rule) =>
      !rule.presences ||
      (agent.presence !== null && rule.presences.includes(agent.presence)),
  );
  const notResponding =
    routing === 'NOT_RESPONDING'
      ? '; NOT_RESPONDING: the agent let an offered interaction go ' +
        'unanswered, and Genesys Cloud routes them nothing until they ' +
        'change status'
      : '';
  return {
    field: 'routingStatus',
    text:
      `no rule allowing presence ${agent.presence} allows routing ` +
      `status ${routing}: ${describeRules(rules, 'routingStatuses')}` +
      notResponding,
  };
}

function describeRules(
  rules: readonly PolicyRule[],
  field: 'presences' | 'routingStatuses',
): string {
  return rules
    .map((rule) => {
      const allowed = rule[field];
      return `${rule.name} allows ${allowed ? allowed.join(', ') : 'any'}`;
    })
    .join('; ');
}
