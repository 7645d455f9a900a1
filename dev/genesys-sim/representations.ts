import { createHash } from 'node:crypto';
import type { SimUser } from './sim-org';
import type { RoutingStatusValue, SimUserView } from './types';

/** A fixed, made-up id for the PURECLOUD presence source. */
const purecloudSourceId = 'e3a6b8c2-51f0-4c8e-9d7a-2f1b0c4d5e60';

export interface RoutingStatusBody {
  userId: string;
  status: RoutingStatusValue;
  startTime?: string;
}

function isoTime(milliseconds: number): string {
  return new Date(milliseconds).toISOString();
}

/**
 * A stable definition id per system presence. Spellings of one presence
 * (`On Queue`, `OnQueue`) share it, as they name one definition.
 */
export function presenceDefinitionId(systemPresence: string): string {
  const key = systemPresence.toUpperCase().replace(/[\s_]/g, '');
  const hex = createHash('sha256').update(key).digest('hex');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `4${hex.slice(13, 16)}`,
    `8${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}

function presenceDefinitionOf(user: SimUser) {
  const id = presenceDefinitionId(user.systemPresence);
  return {
    id,
    systemPresence: user.systemPresence,
    selfUri: `/api/v2/presencedefinitions/${id}`,
  };
}

/** UserPresence, as /presences/purecloud and expand=presence give it. */
export function userPresenceOf(user: SimUser) {
  return {
    source: 'PURECLOUD',
    sourceId: purecloudSourceId,
    primary: true,
    presenceDefinition: presenceDefinitionOf(user),
    message: '',
    modifiedDate: isoTime(user.presenceModifiedAt),
    selfUri: `/api/v2/users/${user.id}/presences/purecloud`,
  };
}

/** UcUserPresence, an item of the bulk presence answer. */
export function ucUserPresenceOf(user: SimUser) {
  const { primary: _primary, ...presence } = userPresenceOf(user);
  return { ...presence, userId: user.id };
}

export function routingStatusOf(user: SimUser): RoutingStatusBody {
  return {
    userId: user.id,
    status: user.routingStatus,
    startTime: isoTime(user.routingStatusSince),
  };
}

/** The routing status endpoint's answer for a user it does not know. */
export function offQueueOf(userId: string): RoutingStatusBody {
  return { userId, status: 'OFF_QUEUE' };
}

/** User; expand is best effort, as in Genesys Cloud. */
export function userOf(user: SimUser, expand: ReadonlySet<string>) {
  const expanded = user.expandSupported ? expand : new Set<string>();
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    state: user.state,
    username: user.email,
    version: user.version,
    ...(expanded.has('presence') && { presence: userPresenceOf(user) }),
    ...(expanded.has('routingStatus') && {
      routingStatus: routingStatusOf(user),
    }),
    selfUri: `/api/v2/users/${user.id}`,
  };
}

/** A user as the control API shows it. */
export function simUserViewOf(user: SimUser): SimUserView {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    state: user.state,
    systemPresence: user.systemPresence,
    routingStatus: user.routingStatus,
    expandSupported: user.expandSupported,
    presenceModifiedDate: isoTime(user.presenceModifiedAt),
    routingStatusStartTime: isoTime(user.routingStatusSince),
  };
}
