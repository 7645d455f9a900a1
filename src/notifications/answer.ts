import type { AgentState } from '../genesys/presence';
import type { Reason } from '../policy/reasons';

export type Outcome = 'forward' | 'drop' | 'retry';

/** The gate's answer for one notification, as callers receive it. */
export interface Answer {
  notificationId: string;
  outcome: Outcome;
  reason: Reason;
  rule?: string;
  agent: {
    id: string;
    presence: string | null;
    routingStatus: string | null;
    state: string | null;
  };
}

/**
 * The answer for a queued or invoked item that is not a notification: a
 * final drop, never retried, its body not repeated.
 */
export interface RefusedAnswer {
  notificationId: string | null;
  outcome: 'drop';
  reason: typeof Reason.invalidNotification;
  error: { code: string; message: string };
}

export function describeAgent(
  agentId: string,
  state: AgentState | undefined,
): Answer['agent'] {
  return {
    id: agentId,
    presence: state?.presence ?? state?.presenceLabel ?? null,
    routingStatus: state?.routingStatus ?? null,
    state: state?.state ?? null,
  };
}
