import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimState } from './sim-state';

/** One request as a route sees it. */
export interface Exchange {
  request: IncomingMessage;
  response: ServerResponse;
  query: URLSearchParams;
  /** The decoded path parameters, in order. */
  params: string[];
  sim: SimState;
}

export interface Route {
  method: string;
  pattern: RegExp;
  handle(exchange: Exchange): void | Promise<void>;
}

export interface RouteMatch<R extends Route> {
  route: R;
  params: string[];
  /** False when the path matches but the method does not. */
  methodAllowed: boolean;
}

/** The route for a path, preferring one that also takes the method. */
export function findRoute<R extends Route>(
  routes: readonly R[],
  method: string | undefined,
  path: string,
): RouteMatch<R> | undefined {
  let pathOnly: RouteMatch<R> | undefined;
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;

    const params = match.slice(1).map(decodePart);
    if (route.method === method) {
      return { route, params, methodAllowed: true };
    }
    pathOnly ??= { route, params, methodAllowed: false };
  }
  return pathOnly;
}

function decodePart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
