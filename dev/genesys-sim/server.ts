import { randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { close, listen, sendJson } from '../lib/http';
import { GenesysSimControl } from './control';
import { controlRoutes } from './control-routes';
import {
  AnswerError,
  ApiError,
  ControlError,
  correlationHeader,
  errorBody,
  standardError,
} from './errors';
import { injectFault } from './fault-injection';
import { genesysRoutes } from './genesys-routes';
import { type OrgFile, parseOrgFile, readDemoOrg } from './org-file';
import { findRoute, type Route, type RouteMatch } from './router';
import { SimState } from './sim-state';
import type { SimCounters } from './types';

export interface GenesysSimOptions {
  /** Loopback address; 127.0.0.1 when absent. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The org to serve; the demo org when absent. */
  org?: OrgFile;
  /** The clock, in milliseconds since the epoch; Date.now when absent. */
  now?: () => number;
}

export interface GenesysSim {
  /** Base URL of both the login host and the API host. */
  url: string;
  /** A control API client bound to this simulator. */
  control: GenesysSimControl;
  /** The counters, read in process. */
  readCounters(): SimCounters;
  close(): Promise<void>;
}

/** Starts a simulated Genesys Cloud org on loopback. */
export async function startGenesysSim(
  options: GenesysSimOptions = {},
): Promise<GenesysSim> {
  const org = options.org
    ? parseOrgFile(options.org, 'options.org')
    : readDemoOrg();
  const sim = new SimState(org, options.now ?? Date.now);
  const server = createServer((request, response) => {
    void serve(sim, request, response);
  });

  const url = await listen(server, {
    host: options.host,
    port: options.port ?? 0,
    name: 'simulated Genesys Cloud org',
    portSetting: 'GENESYS_SIM_PORT',
  });
  return {
    url,
    control: new GenesysSimControl(url),
    readCounters: () => sim.counters.read(),
    close: () => close(server),
  };
}

interface RequestParts {
  sim: SimState;
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
}

async function serve(
  sim: SimState,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  response.setHeader(correlationHeader, randomUUID());
  const url = new URL(request.url ?? '/', 'http://genesys-sim.invalid');
  const parts = { sim, request, response, url };

  if (url.pathname.startsWith('/_sim/')) await serveControl(parts);
  else await serveGenesys(parts);
}

/** The login and API hosts: count, maybe misbehave, then answer. */
async function serveGenesys(parts: RequestParts): Promise<void> {
  const { sim, request, response, url } = parts;
  const match = findRoute(genesysRoutes, request.method, url.pathname);
  const route = match?.route.name ?? 'unknown';
  sim.counters.countRequest(route);

  await answer(response, async () => {
    const isApi = url.pathname.startsWith('/api/');
    if (await injectFault(sim, route, isApi, request, response)) return;
    await runRoute(match, parts, genesysMisses);
  });

  if (response.statusCode === 429) sim.counters.countTooManyRequests();
}

async function serveControl(parts: RequestParts): Promise<void> {
  const { request, response, url } = parts;
  const match = findRoute(controlRoutes, request.method, url.pathname);
  await answer(response, () => runRoute(match, parts, controlMisses));
}

interface Misses {
  notFound(path: string): AnswerError;
  methodNotAllowed(method: string): AnswerError;
}

const genesysMisses: Misses = {
  notFound: () => new ApiError(404, ...standardError(404)),
  methodNotAllowed: (method) =>
    new ApiError(
      405,
      'method.not.allowed',
      `HTTP method ${method} is not supported by this resource.`,
    ),
};

const controlMisses: Misses = {
  notFound: (path) => new ControlError(404, `no control route ${path}`),
  methodNotAllowed: (method) =>
    new ControlError(405, `${method} is not allowed on this control route`),
};

async function runRoute(
  match: RouteMatch<Route> | undefined,
  parts: RequestParts,
  misses: Misses,
): Promise<void> {
  const { sim, request, response, url } = parts;
  if (!match) throw misses.notFound(url.pathname);
  if (!match.methodAllowed) {
    throw misses.methodNotAllowed(request.method ?? '');
  }

  const query = url.searchParams;
  const params = match.params;
  await match.route.handle({ sim, request, response, query, params });
}

/** Runs a route and sends what it throws. */
async function answer(
  response: ServerResponse,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    sendFailure(response, error);
  }
}

function sendFailure(response: ServerResponse, error: unknown): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }

  const contextId = String(response.getHeader(correlationHeader));
  if (error instanceof AnswerError) {
    sendJson(response, error.status, error.body(contextId), error.headers);
    return;
  }
  console.error('simulated Genesys Cloud org failed:', error);
  const [code, message] = standardError(500);
  sendJson(response, 500, errorBody(500, code, message, contextId));
}
