import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * The HTTP API (payload format 2.0) event API Gateway would hand the
 * function for this request: lower-case headers, cookies split out, a text
 * body as text.
 */
export function buildHttpApiEvent(
  request: IncomingMessage,
  body: string,
): APIGatewayProxyEventV2 {
  const url = new URL(request.url ?? '/', 'http://local-api');
  const method = request.method ?? 'GET';
  const now = new Date();
  const headers = joinHeaders(request);
  const routeKey = `${method} ${url.pathname}`;

  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(headers.cookie ? { cookies: headers.cookie.split('; ') } : {}),
    headers,
    ...(url.search ? { queryStringParameters: query(url) } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'localapi',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localapi',
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body === '' ? {} : { body }),
    isBase64Encoded: false,
  };
}

function joinHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

function query(url: URL): Record<string, string> {
  const values: Record<string, string> = {};
  for (const key of new Set(url.searchParams.keys())) {
    values[key] = url.searchParams.getAll(key).join(',');
  }
  return values;
}
