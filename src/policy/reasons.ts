/** Stable reason codes: one per condition, listed in the README. */
export const Reason = {
  agentAvailable: 'agent_available',
  agentNotFound: 'agent_not_found',
  agentInactive: 'agent_inactive',
  presenceNotAllowed: 'presence_not_allowed',
  routingStatusNotAllowed: 'routing_status_not_allowed',
  presenceUnknown: 'presence_unknown',
  targetRejected: 'target_rejected',
  invalidNotification: 'invalid_notification',
  lookupFailedForwarded: 'lookup_failed_forwarded',
  shadowForwarded: 'shadow_forwarded',
  lookupFailedDropped: 'lookup_failed_dropped',
  stateUnavailable: 'state_unavailable',
  targetUnavailable: 'target_unavailable',
} as const;

export type Reason = (typeof Reason)[keyof typeof Reason];
