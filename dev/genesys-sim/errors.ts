import type { OutgoingHttpHeaders } from 'node:http';

/** Genesys Cloud's error shape (ErrorBody). */
export interface ErrorBody {
  message: string;
  code: string;
  status: number;
  contextId: string;
  details: never[];
  errors: ErrorBody[];
  messageWithParams?: string;
  messageParams?: Record<string, string>;
  limit?: { key: string; namespace: string; value: number };
}

export type ErrorBodyExtras = Pick<
  ErrorBody,
  'messageWithParams' | 'messageParams' | 'limit'
>;

export function errorBody(
  status: number,
  code: string,
  message: string,
  contextId: string,
  extras: ErrorBodyExtras = {},
): ErrorBody {
  return {
    message,
    code,
    status,
    contextId,
    details: [],
    errors: [],
    ...extras,
  };
}

/** Codes and messages Genesys Cloud documents for plain statuses. */
const standardErrors: Record<number, [code: string, message: string]> = {
  400: [
    'bad.request',
    'The request could not be understood by the server due to ' +
      'malformed syntax.',
  ],
  401: ['bad.credentials', 'Invalid login credentials.'],
  403: [
    'not.authorized',
    'You are not authorized to perform the requested action.',
  ],
  404: ['not.found', 'The requested resource was not found.'],
  429: [
    'too.many.requests',
    'Rate limit exceeded the maximum requests within the time allowed',
  ],
  500: [
    'internal.server.error',
    'The server encountered an unexpected condition which prevented it ' +
      'from fulfilling the request.',
  ],
  503: [
    'service.unavailable',
    'Service Unavailable - The server is currently unavailable ' +
      '(because it is overloaded or down for maintenance).',
  ],
  504: ['request.timeout', 'The request timed out.'],
};

/** The documented code and message for a status, or a generic one. */
export function standardError(status: number): [string, string] {
  return standardErrors[status] ?? ['error', `HTTP status ${status}`];
}

/** An answer other than 2xx, thrown by a route and sent by the server. */
export abstract class AnswerError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: OutgoingHttpHeaders = {},
  ) {
    super(message);
  }

  abstract body(contextId: string): unknown;
}

/** A Platform API error, answered as an ErrorBody. */
export class ApiError extends AnswerError {
  override name = 'ApiError';

  constructor(
    status: number,
    readonly code: string,
    message: string,
    readonly extras: ErrorBodyExtras = {},
    headers: OutgoingHttpHeaders = {},
  ) {
    super(status, message, headers);
  }

  body(contextId: string): ErrorBody {
    const { status, code, message, extras } = this;
    return errorBody(status, code, message, contextId, extras);
  }
}

/** An OAuth token endpoint error (RFC 6749 section 5.2). */
export class OAuthError extends AnswerError {
  override name = 'OAuthError';

  constructor(
    status: number,
    readonly error: string,
    description: string,
  ) {
    super(status, description);
  }

  body(): Record<string, string> {
    return {
      error: this.error,
      description: this.message,
      error_description: this.message,
    };
  }
}

/** A control API error, answered as `{ "error": message }`. */
export class ControlError extends AnswerError {
  override name = 'ControlError';

  body(): { error: string } {
    return { error: this.message };
  }
}

/** Genesys Cloud names every answer with this header; contextId repeats it. */
export const correlationHeader = 'ININ-Correlation-Id';
