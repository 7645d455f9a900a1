import type {
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayProxyResult,
} from 'aws-lambda';
import { InvalidInputError } from '../errors';

export type ApiGatewayEvent = APIGatewayProxyEvent | APIGatewayProxyEventV2;

/** Works for REST (v1) and HTTP API (payload 2.0) answers alike. */
export type ApiGatewayResult = APIGatewayProxyResult;

function header(
  headers: Record<string, string | undefined> | null | undefined,
  name: string,
): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

export function methodOf(event: ApiGatewayEvent): string | undefined {
  if ('httpMethod' in event) return event.httpMethod;
  return event.requestContext?.http?.method;
}

export function requestIdOf(event: ApiGatewayEvent): string | undefined {
  return event.requestContext?.requestId;
}

const jsonType = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

/**
 * The request's JSON body: decoded from base64 when flagged, at most
 * `maxBytes` long, of a JSON media type (or of none given).
 */
export function readJsonBody(
  event: ApiGatewayEvent,
  maxBytes: number,
): unknown {
  if (event.body === null || event.body === undefined || event.body === '') {
    throw new InvalidInputError('empty_body', 'the request has no body');
  }

  const body = event.isBase64Encoded
    ? Buffer.from(event.body, 'base64')
    : Buffer.from(event.body, 'utf8');
  if (body.length > maxBytes) {
    throw new InvalidInputError(
      'payload_too_large',
      `the body is ${body.length} bytes; at most ${maxBytes} are accepted`,
      413,
    );
  }

  const contentType = header(event.headers, 'content-type');
  if (contentType !== undefined && !jsonType.test(contentType.trim())) {
    throw new InvalidInputError(
      'unsupported_media_type',
      'the body must be application/json',
      415,
    );
  }

  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new InvalidInputError('invalid_json', 'the body is not valid JSON');
  }
}

export function jsonResult(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): ApiGatewayResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

export function errorResult(
  statusCode: number,
  code: string,
  message: string,
): ApiGatewayResult {
  return jsonResult(statusCode, { error: { code, message } });
}
