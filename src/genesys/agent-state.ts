import type { GenesysClient } from './client';
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
}

/**
 * Reads one agent: the user with presence and routing status expanded, the
 * dedicated endpoints for what the best-effort expand left out, and a
 * second look with `state=deleted` before calling an id unknown.
 */
export async function readAgentState(
  client: GenesysClient,
  agentId: string,
): Promise<AgentReading> {
  const userPath = `/api/v2/users/${encodeURIComponent(agentId)}`;
  const expand = { expand: 'presence,routingStatus' };
  const answer =
    (await client.get<User>(userPath, expand, true)) ??
    (await client.get<User>(userPath, { state: 'deleted' }, true));

  if (!answer) return notFound(agentId);

  const user = answer.data;
  const [presence, routing] =
    user.state === 'active'
      ? await Promise.all([
          user.presence ?? readPresence(client, userPath),
          user.routingStatus ?? readRoutingStatus(client, userPath),
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
    correlationId: answer.correlationId,
  };
}

async function readPresence(client: GenesysClient, userPath: string) {
  const answer = await client.get<UserPresence>(
    `${userPath}/presences/purecloud`,
    {},
    true,
  );
  return answer?.data;
}

/** Only for a user known to exist: it answers OFF_QUEUE for unknown ids. */
async function readRoutingStatus(client: GenesysClient, userPath: string) {
  const answer = await client.get<RoutingStatusAnswer>(
    `${userPath}/routingstatus`,
    {},
  );
  return answer?.data;
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
