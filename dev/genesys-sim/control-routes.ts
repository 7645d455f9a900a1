import type { z } from 'zod';
import { type FaultRule, validateFaultRule } from '../lib/faults';
import { parseJson, readBody, sendJson } from '../lib/http';
import { ControlError } from './errors';
import { simUserViewOf } from './representations';
import type { Exchange, Route } from './router';
import {
  burstSchema,
  clientSchema,
  describeIssues,
  faultTargetSchema,
  newUserSchema,
  rateLimitSchema,
  userPatchSchema,
} from './schemas';

/** Reads a JSON body and checks it; throws 400 naming the problem. */
async function readInput<T>(
  exchange: Exchange,
  schema: z.ZodType<T>,
): Promise<T> {
  const value = parseJson(await readBody(exchange.request));
  if (value === undefined) {
    throw new ControlError(400, 'the body must be JSON');
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ControlError(400, describeIssues(result.error));
  }
  return result.data;
}

function userNotFound(id: string): ControlError {
  return new ControlError(404, `no simulated user has the id ${id}`);
}

async function putClient(exchange: Exchange): Promise<void> {
  const input = await readInput(exchange, clientSchema);
  const isNew = exchange.sim.org.putClient(input);

  const { clientSecret: _secret, ...client } =
    exchange.sim.org.clients.get(input.clientId) ?? input;
  sendJson(exchange.response, isNew ? 201 : 200, client);
}

async function createUser(exchange: Exchange): Promise<void> {
  const input = await readInput(exchange, newUserSchema);
  const user = exchange.sim.org.addUser(input);
  if (!user) {
    throw new ControlError(409, `a user with the id ${input.id} exists`);
  }
  sendJson(exchange.response, 201, simUserViewOf(user));
}

async function updateUser(exchange: Exchange): Promise<void> {
  const id = exchange.params[0] ?? '';
  const patch = await readInput(exchange, userPatchSchema);
  const user = exchange.sim.org.updateUser(id, patch);
  if (!user) throw userNotFound(id);
  sendJson(exchange.response, 200, simUserViewOf(user));
}

function listUsers(exchange: Exchange): void {
  const users = [...exchange.sim.org.users.values()];
  sendJson(exchange.response, 200, users.map(simUserViewOf));
}

function getUser(exchange: Exchange): void {
  const id = exchange.params[0] ?? '';
  const user = exchange.sim.org.findUser(id);
  if (!user) throw userNotFound(id);
  sendJson(exchange.response, 200, simUserViewOf(user));
}

/** Sets the org-wide limit, or one client's when clientId is given. */
async function setRateLimit(exchange: Exchange): Promise<void> {
  const input = await readInput(exchange, rateLimitSchema);
  const { org } = exchange.sim;
  if (input.clientId === undefined) {
    org.rateLimitPerMinute = input.requestsPerMinute;
  } else {
    const client = org.clients.get(input.clientId);
    if (!client) {
      throw new ControlError(404, `no client has the id ${input.clientId}`);
    }
    client.rateLimitPerMinute = input.requestsPerMinute;
  }
  sendJson(exchange.response, 200, input);
}

async function addFault(exchange: Exchange): Promise<void> {
  const value = parseJson(await readBody(exchange.request));
  const problem = validateFaultRule(value) ?? checkTarget(value);
  if (problem !== null) throw new ControlError(400, problem);

  const rule = value as FaultRule;
  exchange.sim.faults.add(rule);
  sendJson(exchange.response, 201, rule);
}

function checkTarget(rule: unknown): string | null {
  const { target } = rule as { target?: unknown };
  if (faultTargetSchema.safeParse(target).success) return null;
  return 'target must be token, api or a route name such as users.get';
}

/** The next `count` requests answer 429 (every one without a count). */
async function addTooManyRequests(exchange: Exchange): Promise<void> {
  const input = await readInput(exchange, burstSchema);
  const retryAfter = String(input.retryAfter ?? 1);
  if (!/^\d+$/.test(retryAfter) && Number.isNaN(Date.parse(retryAfter))) {
    throw new ControlError(400, 'retryAfter must be seconds or an HTTP date');
  }

  const rule: FaultRule = {
    fault: {
      kind: 'status',
      status: 429,
      headers: { 'Retry-After': retryAfter },
    },
    ...(input.target !== undefined && { target: input.target }),
    ...(input.count !== undefined && { count: input.count }),
  };
  exchange.sim.faults.add(rule);
  sendJson(exchange.response, 201, rule);
}

function listFaults(exchange: Exchange): void {
  sendJson(exchange.response, 200, exchange.sim.faults.list());
}

function clearFaults(exchange: Exchange): void {
  exchange.sim.faults.clear();
  sendJson(exchange.response, 204, undefined);
}

function expireTokens(exchange: Exchange): void {
  const expired = exchange.sim.tokens.expireAll();
  sendJson(exchange.response, 200, { expired });
}

function readCounters(exchange: Exchange): void {
  sendJson(exchange.response, 200, exchange.sim.counters.read());
}

function reset(exchange: Exchange): void {
  exchange.sim.reset();
  sendJson(exchange.response, 204, undefined);
}

const userPath = /^\/_sim\/users\/([^/]+)$/;

/** The control API; the real Platform API has nothing under /_sim. */
export const controlRoutes: readonly Route[] = [
  { method: 'POST', pattern: /^\/_sim\/clients$/, handle: putClient },
  { method: 'POST', pattern: /^\/_sim\/users$/, handle: createUser },
  { method: 'GET', pattern: /^\/_sim\/users$/, handle: listUsers },
  { method: 'GET', pattern: userPath, handle: getUser },
  { method: 'PATCH', pattern: userPath, handle: updateUser },
  { method: 'PUT', pattern: /^\/_sim\/rate-limit$/, handle: setRateLimit },
  { method: 'POST', pattern: /^\/_sim\/faults$/, handle: addFault },
  { method: 'GET', pattern: /^\/_sim\/faults$/, handle: listFaults },
  { method: 'DELETE', pattern: /^\/_sim\/faults$/, handle: clearFaults },
  {
    method: 'POST',
    pattern: /^\/_sim\/faults\/too-many-requests$/,
    handle: addTooManyRequests,
  },
  {
    method: 'POST',
    pattern: /^\/_sim\/tokens\/expire$/,
    handle: expireTokens,
  },
  { method: 'GET', pattern: /^\/_sim\/counters$/, handle: readCounters },
  { method: 'POST', pattern: /^\/_sim\/reset$/, handle: reset },
];
