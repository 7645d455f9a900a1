import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Fault } from '../lib/faults';
import { sendJson } from '../lib/http';

export const jsonContentType = 'application/x-amz-json-1.1';

/** HTTP status per AWS error code; 400 for codes not listed. */
const statusByCode: Record<string, number> = {
  InternalServiceError: 500,
  ServiceUnavailable: 503,
};

/** An error the stand-in answers in the AWS JSON 1.1 error shape. */
export class AwsError extends Error {
  override name = 'AwsError';

  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  get status(): number {
    return statusByCode[this.code] ?? 400;
  }
}

export function secretNotFound(): AwsError {
  return new AwsError(
    'ResourceNotFoundException',
    "Secrets Manager can't find the specified secret.",
  );
}

/** Response headers that every answer carries. */
export function awsHeaders(): Record<string, string> {
  return {
    'content-type': jsonContentType,
    'x-amzn-requestid': randomUUID(),
  };
}

/** The fault that answers `code` the way the service would. */
export function awsErrorFault(code: string, message: string): Fault {
  return { kind: 'status', ...errorAnswer(new AwsError(code, message)) };
}

export function sendAwsError(response: ServerResponse, error: AwsError): void {
  const { status, body, headers } = errorAnswer(error);
  sendJson(response, status, body, { ...headers, ...awsHeaders() });
}

function errorAnswer(error: AwsError) {
  return {
    status: error.status,
    body: { __type: error.code, message: error.message },
    headers: {
      'content-type': jsonContentType,
      'x-amzn-errortype': error.code,
    },
  };
}
