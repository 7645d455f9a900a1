import type { Context } from 'aws-lambda';
import { classifyFailure, InvalidInputError } from '../errors';
import type { Gate, InvocationOptions } from '../gate';
import { gateFromEnvironment } from '../runtime';
import {
  type ApiGatewayEvent,
  type ApiGatewayResult,
  errorResult,
  isPost,
  jsonResult,
  parseJsonBody,
  readRawBody,
  requestIdOf,
} from './api-gateway';
import { authenticateCaller } from './caller-signature';
import { openGate, runInvocation } from './invocation';

/**
 * `POST /notifications` behind API Gateway (REST or HTTP API): parse,
 * authenticate the caller when the secret has caller keys, decide, answer.
 * Forward and drop are 200, a retry 503 with Retry-After.
 */
export function createHttpHandler(getGate: () => Gate) {
  return async (
    event: ApiGatewayEvent,
    context?: Context,
  ): Promise<ApiGatewayResult> => {
    let gate: Gate;
    try {
      gate = openGate(getGate);
    } catch {
      return misconfiguredResult();
    }

    const info = {
      trigger: 'http' as const,
      context,
      correlationId: requestIdOf(event),
    };
    return runInvocation(gate, info, (options) =>
      answerRequest(gate, event, options),
    );
  };
}

async function answerRequest(
  gate: Gate,
  event: ApiGatewayEvent,
  options: InvocationOptions,
): Promise<ApiGatewayResult> {
  try {
    if (!isPost(event)) {
      return errorResult(405, 'method_not_allowed', 'use POST');
    }

    const body = readRawBody(event, gate.config.maxNotificationBytes);
    const notification = gate.readNotification(parseJsonBody(body));
    await authenticateCaller(gate, event, body, options);

    const answer = await gate.process(notification, options);

    if (answer.outcome !== 'retry') return jsonResult(200, answer);
    const retryAfter = String(gate.config.retryAfterSeconds);
    return jsonResult(503, answer, { 'retry-after': retryAfter });
  } catch (error) {
    if (error instanceof InvalidInputError) {
      gate.logger.warn('invalid request', { code: error.code });
      return errorResult(error.status, error.code, error.message);
    }
    return failed(gate, error);
  }
}

function misconfiguredResult(): ApiGatewayResult {
  return errorResult(
    500,
    'gate_misconfigured',
    'the gate is misconfigured; its logs name the setting',
  );
}

function failed(gate: Gate, error: unknown): ApiGatewayResult {
  if (classifyFailure(error) === 'configuration') {
    gate.logger.error('gate misconfigured', { error });
    gate.metrics.countMisconfigured();
    return misconfiguredResult();
  }

  gate.logger.error('notification handed back', { error });
  const result = errorResult(503, 'unavailable', 'try again later');
  result.headers = {
    ...result.headers,
    'retry-after': String(gate.config.retryAfterSeconds),
  };
  return result;
}

export const handler = createHttpHandler(gateFromEnvironment);
