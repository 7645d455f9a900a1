/** Wire types shared by the simulator and its control client. */

export const routingStatuses = [
  'OFF_QUEUE',
  'IDLE',
  'INTERACTING',
  'NOT_RESPONDING',
  'COMMUNICATING',
] as const;

export type RoutingStatusValue = (typeof routingStatuses)[number];

export const userStates = ['active', 'inactive', 'deleted'] as const;

export type UserState = (typeof userStates)[number];

/** Route names, used by counters and as fault targets. */
export const routeNames = [
  'token',
  'users.get',
  'users.list',
  'users.routingstatus',
  'users.presence',
  'presence.bulk',
  'unknown',
] as const;

export type RouteName = (typeof routeNames)[number];

/** Fault targets: a route name, or `api` for every /api/v2 route. */
export type FaultTarget = RouteName | 'api';

export interface SimClientInput {
  clientId: string;
  clientSecret: string;
  /** Token lifetime; 86400 (24 h) when absent. */
  tokenLifetimeSeconds?: number;
  /** This client's limit; the org-wide limit when absent. */
  rateLimitPerMinute?: number;
}

export interface SimUserInput {
  /** A UUID; a random one when absent. */
  id?: string;
  name: string;
  email?: string;
  state?: UserState;
  /** The raw spelling returned in presenceDefinition.systemPresence. */
  systemPresence: string;
  routingStatus: RoutingStatusValue;
  /** False makes expand leave out presence and routingStatus. */
  expandSupported?: boolean;
}

export type SimUserPatch = Partial<Omit<SimUserInput, 'id'>>;

/** A simulated user as the control API shows it. */
export interface SimUserView {
  id: string;
  name: string;
  email: string;
  state: UserState;
  systemPresence: string;
  routingStatus: RoutingStatusValue;
  expandSupported: boolean;
  /** ISO-8601 time of the last presence change. */
  presenceModifiedDate: string;
  /** ISO-8601 time the routing status began. */
  routingStatusStartTime: string;
}

export interface SimCounters {
  requests: Partial<Record<RouteName, number>>;
  tokensIssued: number;
  tooManyRequests: number;
  total: number;
}

/** Options of the "next N requests answer 429" convenience. */
export interface TooManyRequestsBurst {
  /** How many requests; every one until cleared when absent. */
  count?: number;
  target?: FaultTarget;
  /** Seconds, or an HTTP date; 1 second when absent. */
  retryAfter?: number | string;
}
