import type {
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayProxyResult,
} from 'aws-lambda';
import { InvalidInputError } from '../errors';

export type ApiGatewayEvent = APIGatewayProxyEvent | APIGatewayProxyEventV2;

/** Works for REST (v1) and HTTP API (payload 2.0) answers alike. */
export type ApiGatewayResult = APIGatewayProxyResult;

/** The event's fields, or none when the event is not even an object. */
function fieldsOf(event: ApiGatewayEvent): Record<string, unknown> {
  return typeof event === 'object' && event !== null
    ? (event as unknown as Record<string, unknown>)
    : {};
}

/** A header's value whatever the case of its name; may be any type. */
export function headerOf(event: ApiGatewayEvent, name: string): unknown {
  const headers = fieldsOf(event).headers;
  if (typeof headers !== 'object' || headers === null) return undefined;
  const wanted = name.toLowerCase();
  const key = Object.keys(headers).find((k) => k.toLowerCase() === wanted);
  return key === undefined
    ? undefined
    : (headers as Record<string, unknown>)[key];
}

/**
 * Whether the request is a POST, in either event version; an event that
 * names no method, as from a direct invoke, counts as one.
 */
export function isPost(event: ApiGatewayEvent): boolean {
  const fields = fieldsOf(event);
  const context = fields.requestContext as { http?: { method?: unknown } };
  const method =
    'httpMethod' in fields ? fields.httpMethod : context?.http?.method;
  if (method === undefined) return true;
  return typeof method === 'string' && method.toUpperCase() === 'POST';
}

export function requestIdOf(event: ApiGatewayEvent): string | undefined {
  const context = fieldsOf(event).requestContext as { requestId?: unknown };
  const id = context?.requestId;
  return typeof id === 'string' ? id : undefined;
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
  return parseJsonBody(readRawBody(event, maxBytes));
}

/**
 * The request's body as text, before it is parsed: decoded from base64
 * when flagged, at most `maxBytes` long, of a JSON media type (or of none
 * given).
 */
export function readRawBody(event: ApiGatewayEvent, maxBytes: number): string {
  const { body, isBase64Encoded } = fieldsOf(event);
  if (body === null || body === undefined || body === '') {
    throw new InvalidInputError('empty_body', 'the request has no body');
  }
  if (typeof body !== 'string') {
    throw new InvalidInputError('invalid_json', 'the body is not JSON text');
  }

  const bytes =
    isBase64Encoded === true ? decodeBase64(body) : Buffer.from(body);
  if (bytes.length > maxBytes) {
    throw new InvalidInputError(
      'payload_too_large',
      `the body is ${bytes.length} bytes; at most ${maxBytes} are accepted`,
      413,
    );
  }

  checkMediaType(event);
  return decodeUtf8(bytes);
}

const base64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeBase64(text: string): Buffer {
  if (text.length % 4 !== 0 || !base64.test(text)) {
    throw new InvalidInputError(
      'invalid_base64',
      'the body is flagged as base64 but is not base64',
    );
  }
  return Buffer.from(text, 'base64');
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes: Buffer): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new InvalidInputError('invalid_json', 'the body is not UTF-8 text');
  }
}

const charset = /;\s*charset\s*=\s*"?([\w-]+)"?/i;

/** JSON, in UTF-8, not compressed; no Content-Type at all is JSON too. */
function checkMediaType(event: ApiGatewayEvent): void {
  const encoding = headerOf(event, 'content-encoding');
  if (typeof encoding === 'string' && encoding.trim() !== 'identity') {
    throw new InvalidInputError(
      'unsupported_media_type',
      'the body must not be compressed (Content-Encoding)',
      415,
    );
  }

  const contentType = headerOf(event, 'content-type');
  if (contentType === undefined || contentType === null) return;
  const type = typeof contentType === 'string' ? contentType.trim() : '';
  const set = charset.exec(type)?.[1]?.toLowerCase();
  if (!jsonType.test(type) || (set !== undefined && set !== 'utf-8')) {
    throw new InvalidInputError(
      'unsupported_media_type',
      'the body must be application/json in UTF-8',
      415,
    );
  }
}

export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
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
