import type { ServerResponse } from 'node:http';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { close, listen, parseJson, readBody, sendJson } from '../lib/http';
import { buildHttpApiEvent } from './events';

export type LambdaHandler = (event: never) => Promise<unknown>;

export interface LocalApiOptions {
  host?: string;
  port: number;
  /** The gate's functions by name; `http` answers the HTTP API. */
  functions: { http: LambdaHandler } & Record<string, LambdaHandler>;
}

export interface LocalApi {
  url: string;
  /** `POST` a Lambda event here to invoke the `http` function with it. */
  invokeUrl: string;
  /** The Lambda Invoke URL of the function `name`. */
  invokeUrlOf(name: string): string;
  close(): Promise<void>;
}

const invokePath = /^\/2015-03-31\/functions\/([\w-]+)\/invocations$/;
const route = '/notifications';

function invokeUrlOf(url: string, name: string): string {
  return `${url}/2015-03-31/functions/${name}/invocations`;
}

/**
 * Serves the gate as an HTTP API would: every request becomes a payload 2.0
 * event for the handler. The Lambda Invoke path runs the handler on an
 * event given whole, as `aws lambda invoke` and the test events do.
 */
export async function startLocalApi(
  options: LocalApiOptions,
): Promise<LocalApi> {
  const server: Server = createServer((request, response) => {
    serve(options.functions, request, response).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      sendJson(response, 502, { message: `handler failed: ${message}` });
    });
  });

  const url = await listen(server, {
    host: options.host,
    port: options.port,
    name: 'local HTTP API of the gate',
    portSetting: 'GATE_PORT',
  });
  return {
    url,
    invokeUrl: invokeUrlOf(url, 'http'),
    invokeUrlOf: (name) => invokeUrlOf(url, name),
    close: () => close(server),
  };
}

async function serve(
  functions: LocalApiOptions['functions'],
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const body = await readBody(request);

  const invoked = invokePath.exec(request.url ?? '')?.[1];
  if (request.method === 'POST' && invoked) {
    await invoke(functions[invoked], parseJson(body), response);
    return;
  }

  if (new URL(request.url ?? '/', 'http://local-api').pathname !== route) {
    sendJson(response, 404, { message: 'Not Found' });
    return;
  }

  const event = buildHttpApiEvent(request, body);
  const result = (await functions.http(
    event as never,
  )) as APIGatewayProxyResult;
  writeResult(response, result);
}

/** Answers as the Lambda Invoke API does, a function error included. */
async function invoke(
  handler: LambdaHandler | undefined,
  event: unknown,
  response: ServerResponse,
): Promise<void> {
  if (!handler) {
    sendJson(response, 404, { Type: 'User', Message: 'Function not found' });
    return;
  }
  try {
    sendJson(response, 200, await handler(event as never));
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    sendJson(
      response,
      200,
      { errorType: failure.name, errorMessage: failure.message },
      { 'x-amz-function-error': 'Unhandled' },
    );
  }
}

function writeResult(response: ServerResponse, result: APIGatewayProxyResult) {
  const body = result.isBase64Encoded
    ? Buffer.from(result.body, 'base64')
    : Buffer.from(result.body ?? '', 'utf8');
  response.writeHead(result.statusCode, {
    ...result.headers,
    'content-length': body.length,
  });
  response.end(body);
}
