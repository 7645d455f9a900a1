import type { ServerResponse } from 'node:http';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { close, listen, parseJson, readBody, sendJson } from '../lib/http';
import { buildHttpApiEvent } from './events';

export type LambdaHandler = (event: never) => Promise<unknown>;

export interface LocalApiOptions {
  host?: string;
  port: number;
  /** The gate's API Gateway handler. */
  handler: LambdaHandler;
}

export interface LocalApi {
  url: string;
  /** `POST` a Lambda event here to invoke the handler with it as it is. */
  invokeUrl: string;
  close(): Promise<void>;
}

const invokePath = '/2015-03-31/functions/http/invocations';
const route = '/notifications';

/**
 * Serves the gate as an HTTP API would: every request becomes a payload 2.0
 * event for the handler. The Lambda Invoke path runs the handler on an
 * event given whole, as `aws lambda invoke` and the test events do.
 */
export async function startLocalApi(
  options: LocalApiOptions,
): Promise<LocalApi> {
  const server: Server = createServer((request, response) => {
    serve(options.handler, request, response).catch((error: unknown) => {
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
  return { url, invokeUrl: `${url}${invokePath}`, close: () => close(server) };
}

async function serve(
  handler: LambdaHandler,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const body = await readBody(request);

  if (request.method === 'POST' && request.url === invokePath) {
    const event = parseJson(body);
    const result = await handler(event as never);
    sendJson(response, 200, result);
    return;
  }

  if (new URL(request.url ?? '/', 'http://local-api').pathname !== route) {
    sendJson(response, 404, { message: 'Not Found' });
    return;
  }

  const event = buildHttpApiEvent(request, body);
  const result = (await handler(event as never)) as APIGatewayProxyResult;
  writeResult(response, result);
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
