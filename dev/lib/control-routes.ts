import type { ServerResponse } from 'node:http';
import { type FaultPlan, type FaultRule, validateFaultRule } from './faults';
import { parseJson, sendJson } from './http';

/** Every stand-in keeps its control API under this path. */
export const controlPrefix = '/_sim/';

export interface ControlCall {
  /** The route pattern's captures, URL-decoded. */
  params: string[];
  /** The parsed JSON body; undefined when the body is empty. */
  body: unknown;
}

export interface ControlAnswer {
  status: number;
  body?: unknown;
}

export interface ControlRoute {
  method: string;
  /** Matched against the whole path after /_sim/, query left out. */
  path: RegExp;
  handle(call: ControlCall): ControlAnswer;
}

/** A control API failure, in the gate's own error shape. */
export function controlError(
  status: number,
  code: string,
  message: string,
): ControlAnswer {
  return { status, body: { error: { code, message } } };
}

export function isControlPath(path: string): boolean {
  return path.startsWith(controlPrefix);
}

/** Finds the route for a control request and sends its answer. */
export function answerControl(
  routes: readonly ControlRoute[],
  call: { method: string; path: string; body: string },
  response: ServerResponse,
): void {
  const answer = routeControl(routes, call);
  sendJson(response, answer.status, answer.body);
}

function routeControl(
  routes: readonly ControlRoute[],
  call: { method: string; path: string; body: string },
): ControlAnswer {
  const rest = call.path.slice(controlPrefix.length);
  const matches = routes
    .map((route) => ({ route, match: route.path.exec(rest) }))
    .filter((candidate) => candidate.match !== null);
  if (matches.length === 0) {
    return controlError(404, 'unknown_route', `no control route ${call.path}`);
  }

  const chosen = matches.find(({ route }) => route.method === call.method);
  if (!chosen?.match) {
    const message = `${call.method} is not allowed on ${call.path}`;
    return controlError(405, 'method_not_allowed', message);
  }

  const body = parseJson(call.body);
  if (body === undefined && call.body.trim() !== '') {
    return controlError(400, 'invalid_json', 'the body is not valid JSON');
  }
  const params = chosen.match.slice(1).map((part) => decodeURIComponent(part));
  return chosen.route.handle({ params, body });
}

/**
 * Routes that manage a fault plan: POST, GET and DELETE /_sim/faults.
 * `readRule` turns a stand-in's shorthand body into a FaultRule.
 */
export function faultRoutes(
  plan: FaultPlan,
  readRule: (body: unknown) => unknown = (body) => body,
): ControlRoute[] {
  const addFault = ({ body }: ControlCall): ControlAnswer => {
    const rule = readRule(body);
    const problem = validateFaultRule(rule);
    if (problem) return controlError(400, 'invalid_fault', problem);
    plan.add(rule as FaultRule);
    return { status: 201, body: { faults: plan.list() } };
  };

  return [
    { method: 'POST', path: /^faults$/, handle: addFault },
    {
      method: 'GET',
      path: /^faults$/,
      handle: () => ({ status: 200, body: { faults: plan.list() } }),
    },
    {
      method: 'DELETE',
      path: /^faults$/,
      handle: () => {
        plan.clear();
        return { status: 204 };
      },
    },
  ];
}

/** POST /_sim/reset: back to the state the stand-in started in. */
export function resetRoute(reset: () => void): ControlRoute {
  return {
    method: 'POST',
    path: /^reset$/,
    handle: () => {
      reset();
      return { status: 204 };
    },
  };
}
