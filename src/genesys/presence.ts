/** The system presences every Genesys Cloud org has, in canonical form. */
export const systemPresences = [
  'AVAILABLE',
  'AWAY',
  'BUSY',
  'OFFLINE',
  'IDLE',
  'ON_QUEUE',
  'MEAL',
  'TRAINING',
  'MEETING',
  'BREAK',
] as const;

export type SystemPresence = (typeof systemPresences)[number];

export const routingStatuses = [
  'OFF_QUEUE',
  'IDLE',
  'INTERACTING',
  'NOT_RESPONDING',
  'COMMUNICATING',
] as const;

export type RoutingStatus = (typeof routingStatuses)[number];

/** What the gate knows about one agent after reading Genesys Cloud. */
export interface AgentState {
  id: string;
  found: boolean;
  /** `active`, `inactive` or `deleted`; null when not found. */
  state: string | null;
  /** Canonical presence; null when missing or not a system presence. */
  presence: SystemPresence | null;
  /** `systemPresence` as Genesys Cloud spelled it. */
  presenceLabel: string | null;
  routingStatus: string | null;
}

const squeeze = (label: string) => label.toUpperCase().replace(/[\s_]/g, '');

const bySqueezedName = new Map<string, SystemPresence>(
  systemPresences.map((name) => [squeeze(name), name]),
);

/** `On Queue`, `OnQueue` and `ON_QUEUE` are all `ON_QUEUE`. */
export function normalisePresence(
  label: string | null | undefined,
): SystemPresence | null {
  if (typeof label !== 'string') return null;
  return bySqueezedName.get(squeeze(label)) ?? null;
}
