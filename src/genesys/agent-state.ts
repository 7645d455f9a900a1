import { ConfigurationError, UpstreamUnavailableError } from '../errors';
import type { GenesysReader } from './client';
import { type AgentState, normalisePresence } from './presence';

/** The parts of a Genesys Cloud User the gate reads. */
interface User {
  id: string;
  state?: string;
  presence?: UserPresence;
  routingStatus?: RoutingStatusAnswer;
}

interface UserPresence {
  presenceDefinition?: { systemPresence?: string };
}

interface RoutingStatusAnswer {
  status?: string;
}

export interface AgentReading extends AgentState {
  /** `ININ-Correlation-Id` of the user read, for support cases. */
  correlationId: string | undefined;
  /** Set when the reading was kept from an earlier call, not awaited. */
  cacheHit?: boolean;
}

/** At most this many ids in one `GET /api/v2/users` (`max.user.ids`). */
export const maxIdsPerList = 100;

/**
 * Reads one agent: the user with presence and routing status expanded, the
 * dedicated endpoints for what the best-effort expand left out, and a
 * second look with `state=deleted` before calling an id unknown.
 */
export async function readAgentState(
  client: GenesysReader,
  agentId: string,
): Promise<AgentReading> {
  const path = userPath(agentId);
  const answer =
    (await client.get<User>(path, { expand }, true)) ??
    (await client.get<User>(path, { state: 'deleted' }, true));

  if (!answer) return notFound(agentId);
  return completeReading(client, agentId, answer.data, answer.correlationId);
}

/** One agent's reading, or why it could not be read. */
export type AgentLookup = Map<string, AgentReading | Error>;

/**
 * Reads many agents with as few calls as the API allows: one user list per
 * 100 ids, in any state, then single reads to confirm each id the list left
 * out before it is called unknown. A failure stays with the ids it
 * concerns; a ConfigurationError is thrown.
 */
export async function readAgentStates(
  client: GenesysReader,
  agentIds: readonly string[],
): Promise<AgentLookup> {
  const unique = [...new Set(agentIds)];
  const lookup: AgentLookup = new Map();
  if (unique.length === 1) {
    const [id] = unique as [string];
    lookup.set(id, await settle(readAgentState(client, id)));
    return lookup;
  }

  const chunks = [];
  for (let start = 0; start < unique.length; start += maxIdsPerList) {
    chunks.push(unique.slice(start, start + maxIdsPerList));
  }
  await Promise.all(chunks.map((ids) => readChunk(client, ids, lookup)));
  return lookup;
}

async function readChunk(
  client: GenesysReader,
  ids: string[],
  lookup: AgentLookup,
): Promise<void> {
  const listed = await settle(listUsers(client, ids));
  if (listed instanceof Error) {
    for (const id of ids) lookup.set(id, listed);
    return;
  }

  await Promise.all(
    ids.map(async (id) => {
      const user = listed.users.get(id);
      const reading = user
        ? completeReading(client, id, user, listed.correlationId)
        : readAgentState(client, id);
      lookup.set(id, await settle(reading));
    }),
  );
}

async function listUsers(client: GenesysReader, ids: string[]) {
  const answer = await client.get<{ entities?: User[] }>('/api/v2/users', {
    id: ids,
    expand,
    pageSize: String(ids.length),
    state: 'any',
  });
  const users = new Map<string, User>();
  const entities = answer?.data?.entities;
  for (const user of Array.isArray(entities) ? entities : []) {
    if (typeof user?.id === 'string') users.set(user.id, user);
  }
  return { users, correlationId: answer?.correlationId };
}

/** A reading from a user, with the fallback reads an active user needs. */
async function completeReading(
  client: GenesysReader,
  agentId: string,
  answer: unknown,
  correlationId: string | undefined,
): Promise<AgentReading> {
  const user = checkAnswer<User>(answer, 'state', 'user');
  const path = userPath(agentId);
  const [presence, routing] =
    user.state === 'active'
      ? await Promise.all([
          user.presence ?? readPresence(client, path),
          user.routingStatus ?? readRoutingStatus(client, path),
        ])
      : [user.presence, user.routingStatus];

  const label = presence?.presenceDefinition?.systemPresence ?? null;
  return {
    id: agentId,
    found: true,
    state: user.state ?? null,
    presence: normalisePresence(label),
    presenceLabel: label,
    routingStatus: routing?.status ?? null,
    correlationId,
  };
}

/**
 * An answer that is not what the API documents (a maintenance page, an
 * empty body, a user without a state) is a failed read, to try again,
 * never a reason to drop.
 */
function checkAnswer<T>(
  answer: unknown,
  requiredText: string | null,
  what: string,
): T {
  const valid =
    typeof answer === 'object' &&
    answer !== null &&
    !Array.isArray(answer) &&
    (requiredText === null ||
      typeof (answer as Record<string, unknown>)[requiredText] === 'string');
  if (!valid) {
    throw new UpstreamUnavailableError(
      `Genesys Cloud answered a ${what} read with something else`,
      { service: 'genesys', code: 'malformed.answer' },
    );
  }
  return answer as T;
}

/** Resolves with the value or the Error; a ConfigurationError is thrown. */
async function settle<T>(promise: Promise<T>): Promise<T | Error> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    return error instanceof Error ? error : new Error(String(error));
  }
}

const expand = 'presence,routingStatus';

function userPath(agentId: string): string {
  return `/api/v2/users/${encodeURIComponent(agentId)}`;
}

/** For an active user, whose presence Genesys must know. */
async function readPresence(client: GenesysReader, path: string) {
  const answer = await client.get(`${path}/presences/purecloud`, {});
  return checkAnswer<UserPresence>(answer?.data, null, 'presence');
}

/** Only for a user known to exist: it answers OFF_QUEUE for unknown ids. */
async function readRoutingStatus(client: GenesysReader, path: string) {
  const answer = await client.get(`${path}/routingstatus`, {});
  return checkAnswer<RoutingStatusAnswer>(answer?.data, 'status', 'routing');
}

function notFound(id: string): AgentReading {
  return {
    id,
    found: false,
    state: null,
    presence: null,
    presenceLabel: null,
    routingStatus: null,
    correlationId: undefined,
  };
}
