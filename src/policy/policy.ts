import * as z from 'zod/mini';
import { ConfigurationError } from '../errors';
import {
  type AgentState,
  type RoutingStatus,
  routingStatuses,
  type SystemPresence,
  systemPresences,
} from '../genesys/presence';
import { Reason } from './reasons';

/** A rule forwards when the agent's presence and routing status are listed;
 * a field left out allows any value. */
export interface PolicyRule {
  name: string;
  presences?: readonly SystemPresence[];
  routingStatuses?: readonly RoutingStatus[];
}

export type Policy = readonly PolicyRule[];

export interface Decision {
  outcome: 'forward' | 'drop';
  reason: Reason;
  /** The rule that forwarded. */
  rule?: string;
}

export const defaultPolicy: Policy = Object.freeze([
  {
    name: 'on-queue',
    presences: ['ON_QUEUE'],
    routingStatuses: ['IDLE', 'INTERACTING'],
  },
  {
    name: 'available',
    presences: ['AVAILABLE'],
    routingStatuses: routingStatuses.filter((s) => s !== 'NOT_RESPONDING'),
  },
]);

export function decide(agent: AgentState, policy: Policy): Decision {
  if (!agent.found) return drop(Reason.agentNotFound);
  if (agent.state !== 'active') return drop(Reason.agentInactive);
  if (agent.presence === null) return drop(Reason.presenceUnknown);

  const presence = agent.presence;
  const routing = agent.routingStatus;
  const presenceRules = policy.filter((rule) =>
    allows(rule.presences, presence),
  );
  const match = presenceRules.find((rule) =>
    allows(rule.routingStatuses, routing),
  );

  if (match) {
    return {
      outcome: 'forward',
      reason: Reason.agentAvailable,
      rule: match.name,
    };
  }
  if (presenceRules.length === 0) return drop(Reason.presenceNotAllowed);
  return drop(Reason.routingStatusNotAllowed);
}

function allows(list: readonly string[] | undefined, value: string | null) {
  return list === undefined || (value !== null && list.includes(value));
}

function drop(reason: Reason): Decision {
  return { outcome: 'drop', reason };
}

const nonEmptyListOf = <T extends z.core.$ZodType>(item: T) =>
  z.optional(z.array(item).check(z.minLength(1)));

const ruleSchema = z.strictObject({
  name: z.string().check(
    z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, {
      error: 'must be 1-64 of a-z, 0-9 and -, starting with a letter or digit',
    }),
  ),
  presences: nonEmptyListOf(z.enum(systemPresences)),
  routingStatuses: nonEmptyListOf(z.enum(routingStatuses)),
});

const policySchema = z.array(ruleSchema).check(
  z.minLength(1),
  z.refine((rules) => new Set(rules.map((r) => r.name)).size === rules.length, {
    error: 'rule names must be unique',
  }),
);

/** Parses a policy from JSON; `source` names where it came from. */
export function parsePolicy(text: string, source: string): Policy {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConfigurationError(`${source} is not valid JSON`);
  }

  const parsed = policySchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new ConfigurationError(
      `${source} is not a valid policy${where}: ${issue?.message}`,
    );
  }
  return Object.freeze(parsed.data.map((rule) => Object.freeze(rule)));
}
