import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import {
  answerControl,
  type ControlRoute,
  isControlPath,
} from './control-routes';
import { close, type ListenOptions, listen, readBody, sendJson } from './http';

/** A request to a stand-in's own API, its body already read. */
export interface StandInRequest {
  method: string;
  /** The path without the query. */
  path: string;
  body: string;
  raw: IncomingMessage;
}

export interface StandInOptions extends ListenOptions {
  /** Answers /_sim/ requests. */
  controlRoutes: readonly ControlRoute[];
  /** Answers every other request. */
  serve(request: StandInRequest, response: ServerResponse): Promise<void>;
}

export interface RunningStandIn {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:4010. */
  url: string;
  close(): Promise<void>;
}

/** Starts a loopback server that splits control calls from the real API. */
export async function startStandIn(
  options: StandInOptions,
): Promise<RunningStandIn> {
  const server = createServer((raw, response) => {
    handle(options, raw, response).catch((error: unknown) =>
      answerCrash(response, error),
    );
  });

  const url = await listen(server, options);
  return { url, close: () => close(server) };
}

async function handle(
  options: StandInOptions,
  raw: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const body = await readBody(raw);
  const method = raw.method ?? 'GET';
  const path = new URL(raw.url ?? '/', 'http://stand-in').pathname;

  if (isControlPath(path)) {
    answerControl(options.controlRoutes, { method, path, body }, response);
    return;
  }
  await options.serve({ method, path, body, raw }, response);
}

function answerCrash(response: ServerResponse, error: unknown): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  sendJson(response, 500, { error: { code: 'stand_in_failed', message } });
}
