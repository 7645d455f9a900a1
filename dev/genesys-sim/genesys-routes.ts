import { admit, authenticate } from './access';
import type { Exchange, Route } from './router';
import { issueToken } from './token-route';
import type { RouteName } from './types';
import {
  getBulkPresence,
  getPresence,
  getRoutingStatus,
  getUser,
  listUsers,
} from './user-routes';

export interface GenesysRoute extends Route {
  name: RouteName;
}

type Handler = (exchange: Exchange) => void;

/** Every /api/v2 request needs a live token and room in the rate window. */
function withBearer(handler: Handler): Handler {
  return (exchange) => {
    const clientId = authenticate(exchange);
    admit(exchange, 'api', clientId);
    handler(exchange);
  };
}

const user = '/api/v2/users/([^/]+)';
const purecloud = 'presences/(?:purecloud|PURECLOUD)';

/** The login host and API host routes; one port serves both. */
export const genesysRoutes: readonly GenesysRoute[] = [
  {
    name: 'token',
    method: 'POST',
    pattern: /^\/oauth\/token$/,
    handle: issueToken,
  },
  {
    name: 'users.list',
    method: 'GET',
    pattern: /^\/api\/v2\/users$/,
    handle: withBearer(listUsers),
  },
  {
    name: 'presence.bulk',
    method: 'GET',
    pattern: new RegExp(`^/api/v2/users/${purecloud}/bulk$`),
    handle: withBearer(getBulkPresence),
  },
  {
    name: 'users.get',
    method: 'GET',
    pattern: new RegExp(`^${user}$`),
    handle: withBearer(getUser),
  },
  {
    name: 'users.routingstatus',
    method: 'GET',
    pattern: new RegExp(`^${user}/routingstatus$`),
    handle: withBearer(getRoutingStatus),
  },
  {
    name: 'users.presence',
    method: 'GET',
    pattern: new RegExp(`^${user}/${purecloud}$`),
    handle: withBearer(getPresence),
  },
];
