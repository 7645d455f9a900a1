import { ApiError } from './errors';
import { isUuid } from './schemas';

/** Expand values Genesys Cloud accepts; only two are simulated. */
const knownExpands = new Set([
  'routingStatus',
  'presence',
  'integrationPresence',
  'conversationSummary',
  'outOfOffice',
  'geolocation',
  'station',
  'authorization',
  'lasttokenissued',
  'authorization.unusedRoles',
  'team',
  'workPlanBidRanks',
  'externalContactsSettings',
  'groups',
  'customAttributes',
  'profileSkills',
  'certifications',
  'locations',
  'skills',
  'languages',
  'languagePreference',
  'employerInfo',
  'biography',
  'dateLastLogin',
  'dateWelcomeSent',
]);

export const maxPageSize = 500;

function invalidValue(field: string, value: string, allowed: string) {
  return new ApiError(
    400,
    'invalid.value',
    `Value [${value}] is not valid for field type [${field}]. ` +
      `Allowable values are: ${allowed}`,
  );
}

/** A multi-valued parameter, repeated or comma separated. */
export function readList(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

export function readExpand(query: URLSearchParams): Set<string> {
  const expand = readList(query, 'expand');
  const unknown = expand.find((value) => !knownExpands.has(value));
  if (unknown !== undefined) {
    throw invalidValue('expand', unknown, [...knownExpands].join(', '));
  }
  return new Set(expand);
}

/** The `state` parameter; `active` when absent. */
export function readState<const T extends string>(
  query: URLSearchParams,
  allowed: readonly T[],
): T {
  const state = query.get('state') ?? 'active';
  const match = allowed.find((value) => value === state);
  if (match === undefined) {
    throw invalidValue('state', state, allowed.join(', '));
  }
  return match;
}

/** An integer parameter from 1 to `max`, `fallback` when absent. */
export function readPositiveInteger(
  query: URLSearchParams,
  name: string,
  fallback: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const text = query.get(name);
  if (text === null) return fallback;

  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > max) {
    throw invalidValue(name, text, `an integer from 1 to ${max}`);
  }
  return value;
}

/** Rejects a user id that is not a UUID, as Genesys Cloud does. */
export function requireUserId(id: string): string {
  if (!isUuid(id)) {
    throw new ApiError(
      400,
      'bad.request',
      `The user id [${id}] is not a valid UUID.`,
    );
  }
  return id.toLowerCase();
}

/** The distinct ids asked for, in order; each must be a UUID. */
export function readUserIds(
  query: URLSearchParams,
  max: number,
  tooMany: () => ApiError,
): string[] {
  const ids = readList(query, 'id');
  if (ids.length > max) throw tooMany();
  return [...new Set(ids.map(requireUserId))];
}
