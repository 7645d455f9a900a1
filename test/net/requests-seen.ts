import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, Server } from 'node:http';
import { afterEach } from 'vitest';

/** What a local server received, as its own HTTP layer saw it. */
export interface RequestsSeen {
  /** Request targets, path and query, in order. */
  urls(): string[];
  /** Every Authorization header value received. */
  authorizations(): string[];
  stop(): void;
}

const channel = 'http.server.request.start';
const active: RequestsSeen[] = [];

afterEach(() => {
  for (const seen of active.splice(0)) seen.stop();
});

/**
 * Records the requests the server at `baseUrl` (in this process) receives,
 * through Node's diagnostics channel: nothing in the server changes.
 */
export function recordRequests(baseUrl: string): RequestsSeen {
  const port = Number(new URL(baseUrl).port);
  const requests: IncomingMessage[] = [];
  const listener = (message: unknown) => {
    const { request, server } = message as {
      request: IncomingMessage;
      server: Server;
    };
    const address = server.address();
    if (typeof address === 'object' && address?.port === port) {
      requests.push(request);
    }
  };
  subscribe(channel, listener);

  const seen: RequestsSeen = {
    urls: () => requests.map((request) => request.url ?? ''),
    authorizations: () =>
      requests.flatMap((request) => request.headers.authorization ?? []),
    stop: () => unsubscribe(channel, listener),
  };
  active.push(seen);
  return seen;
}
