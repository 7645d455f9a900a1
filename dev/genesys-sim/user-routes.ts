import { sendJson } from '../lib/http';
import { ApiError } from './errors';
import {
  maxPageSize,
  readExpand,
  readPositiveInteger,
  readState,
  readUserIds,
  requireUserId,
} from './query';
import {
  offQueueOf,
  routingStatusOf,
  ucUserPresenceOf,
  userOf,
  userPresenceOf,
} from './representations';
import type { Exchange } from './router';
import type { SimUser } from './sim-org';
import { userStates } from './types';

const maxListIds = 100;
const maxBulkPresenceIds = 50;

function notFound(): ApiError {
  return new ApiError(
    404,
    'not.found',
    'The requested resource was not found.',
  );
}

/** A user that exists and is not deleted; routes treat others alike. */
function findLiveUser(exchange: Exchange, id: string): SimUser | undefined {
  const user = exchange.sim.org.findUser(id);
  return user?.state === 'deleted' ? undefined : user;
}

/** GET /api/v2/users/{userId}: `state=active` also finds inactive users. */
export function getUser(exchange: Exchange): void {
  const id = requireUserId(exchange.params[0] ?? '');
  const expand = readExpand(exchange.query);
  const state = readState(exchange.query, ['active', 'deleted']);

  const user = exchange.sim.org.findUser(id);
  const wantsDeleted = state === 'deleted';
  if (!user || (user.state === 'deleted') !== wantsDeleted) throw notFound();

  sendJson(exchange.response, 200, userOf(user, expand));
}

/** GET /api/v2/users/{userId}/routingstatus: OFF_QUEUE when unknown. */
export function getRoutingStatus(exchange: Exchange): void {
  const id = requireUserId(exchange.params[0] ?? '');
  const user = findLiveUser(exchange, id);
  const body = user ? routingStatusOf(user) : offQueueOf(id);
  sendJson(exchange.response, 200, body);
}

/** GET /api/v2/users/{userId}/presences/purecloud */
export function getPresence(exchange: Exchange): void {
  const id = requireUserId(exchange.params[0] ?? '');
  const user = findLiveUser(exchange, id);
  if (!user) throw notFound();
  sendJson(exchange.response, 200, userPresenceOf(user));
}

/** GET /api/v2/users/presences/purecloud/bulk?id=… */
export function getBulkPresence(exchange: Exchange): void {
  const ids = readUserIds(exchange.query, maxBulkPresenceIds, () => {
    return new ApiError(
      400,
      'bad.request',
      `Only ${maxBulkPresenceIds} user ids can be requested at a time.`,
    );
  });

  const users = ids.flatMap((id) => findLiveUser(exchange, id) ?? []);
  sendJson(exchange.response, 200, users.map(ucUserPresenceOf));
}

/** GET /api/v2/users: a page of users, by id or all, of one state. */
export function listUsers(exchange: Exchange): void {
  const { query } = exchange;
  const ids = readUserIds(query, maxListIds, () => {
    return new ApiError(
      400,
      'max.user.ids',
      `Only ${maxListIds} users can be requested at a time.`,
    );
  });
  const expand = readExpand(query);
  const state = readState(query, [...userStates, 'any']);
  const pageSize = readPositiveInteger(query, 'pageSize', 25, maxPageSize);
  const pageNumber = readPositiveInteger(query, 'pageNumber', 1);

  const users = selectUsers(exchange, ids).filter(
    (user) => state === 'any' || user.state === state,
  );
  const start = (pageNumber - 1) * pageSize;
  const entities = users
    .slice(start, start + pageSize)
    .map((user) => userOf(user, expand));
  const page = { pageSize, pageNumber, total: users.length };
  sendJson(exchange.response, 200, {
    entities,
    ...page,
    ...pageLinks(query, page),
  });
}

/** The users asked for, in the order asked; every user when none. */
function selectUsers(exchange: Exchange, ids: string[]): SimUser[] {
  const { org } = exchange.sim;
  if (ids.length === 0) return [...org.users.values()];
  return ids.flatMap((id) => org.findUser(id) ?? []);
}

interface Page {
  pageSize: number;
  pageNumber: number;
  total: number;
}

/** pageCount and the *Uri links of an entity listing. */
function pageLinks(query: URLSearchParams, page: Page) {
  const pageCount = Math.ceil(page.total / page.pageSize);
  const uriOf = (pageNumber: number) => {
    const params = new URLSearchParams(query);
    params.set('pageSize', String(page.pageSize));
    params.set('pageNumber', String(pageNumber));
    return `/api/v2/users?${params}`;
  };

  const { pageNumber } = page;
  return {
    pageCount,
    firstUri: uriOf(1),
    selfUri: uriOf(pageNumber),
    lastUri: uriOf(Math.max(pageCount, 1)),
    ...(pageNumber < pageCount && { nextUri: uriOf(pageNumber + 1) }),
    ...(pageNumber > 1 && { previousUri: uriOf(pageNumber - 1) }),
  };
}
