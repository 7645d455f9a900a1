import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
// A namespace import: the one named import would pass 80 columns.
import * as dynamodb from '@aws-lambda-powertools/idempotency/dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { BudgetSpentError, UpstreamUnavailableError } from '../errors';
import { answerReserveMs } from '../net/budget';
import type { Logger } from '../observability/logger';
import {
  type ForwardRequest,
  type ForwardResult,
  forwardPayload,
} from './forward';

/** Sends one notification to the target and says how it went. */
export type Forwarder = (request: ForwardRequest) => Promise<ForwardResult>;

export interface IdempotencyStoreSettings {
  /** The DynamoDB table: partition key `id` (string), TTL on `expiration`. */
  tableName: string;
  /** How long a forwarded notification id is remembered. */
  ttlSeconds: number;
  logger: Logger;
  /** A client of one's own, as in tests; else one with short timeouts. */
  client?: DynamoDBClient | undefined;
  /** The forward to guard; `forwardPayload` unless given. */
  forward?: Forwarder;
}

/** The target's final word on a notification: what the store remembers. */
type SettledResult = Extract<ForwardResult, { kind: 'accepted' | 'rejected' }>;

/** How long Powertools may consider a forward in progress. */
type Lease = Pick<Context, 'getRemainingTimeInMillis'>;

/**
 * Every function of the gate shares one key per notification id, so an id
 * forwarded through the HTTP API is not forwarded again from the queue.
 */
const keyPrefix = 'presence-gate.forward';

/**
 * A forward guarded by the idempotency store (Powertools Idempotency on
 * DynamoDB), keyed by the notification id:
 * - an id the target accepted or rejected is not sent again within the
 *   TTL; its stored result is answered instead;
 * - an unavailable target is not remembered, so a retry sends again;
 * - an id whose forward is in progress elsewhere is handed back;
 * - a store that cannot be read or written hands the notification back
 *   (fails closed): forwarding without the guard could send it twice.
 */
export function createIdempotentForwarder(
  settings: IdempotencyStoreSettings,
): Forwarder {
  const store = new dynamodb.DynamoDBPersistenceLayer({
    tableName: settings.tableName,
    awsSdkV3Client: settings.client ?? createStoreClient(),
  });
  const forward = settings.forward ?? forwardPayload;
  const logger = settings.logger;

  return async (request) => {
    let sent: ForwardResult | undefined;
    const sendOnce = makeIdempotent(
      async (_id: string, _lease: Lease): Promise<SettledResult> => {
        sent = await forward(request);
        if (sent.kind !== 'unavailable') return sent;
        // Thrown so that Powertools deletes the in-progress record.
        throw new UpstreamUnavailableError('the target is unavailable', {
          service: 'target',
          status: sent.status,
          code: sent.code,
        });
      },
      {
        persistenceStore: store,
        keyPrefix,
        config: new IdempotencyConfig({
          expiresAfterSeconds: settings.ttlSeconds,
        }),
      },
    );

    try {
      const lease = leaseFor(request);
      const result = await request.budget.race(
        sendOnce(request.notificationId, lease),
      );
      if (!sent) {
        logger.info('forward answered from the idempotency store', {
          notificationId: request.notificationId,
          result: result.kind,
          status: result.status,
        });
      }
      return result;
    } catch (error) {
      return settleFailure(error, sent, request, logger);
    }
  };
}

/**
 * What a failed guarded forward answers. Once the target has answered,
 * its answer stands, even if the store failed to record it: handing back a
 * notification the target accepted would only send it again.
 */
function settleFailure(
  error: unknown,
  sent: ForwardResult | undefined,
  request: ForwardRequest,
  logger: Logger,
): ForwardResult {
  const notificationId = request.notificationId;
  if (sent) {
    if (sent.kind !== 'unavailable') {
      logger.warn('idempotency store did not record a forward', {
        notificationId,
        error,
      });
    }
    return sent;
  }
  if (error instanceof IdempotencyAlreadyInProgressError) {
    return { kind: 'unavailable', code: 'forward_in_progress' };
  }
  if (error instanceof BudgetSpentError) {
    return { kind: 'unavailable', code: 'budget_spent' };
  }
  logger.warn('idempotency store unavailable', { notificationId, error });
  return { kind: 'unavailable', code: 'idempotency_store_unavailable' };
}

/**
 * The in-progress record holds until the Lambda would time out: the
 * budget plus the time kept back to answer, as the Lambda context would
 * tell. Without a Lambda (tests, `npm start`), long enough for the forward,
 * its one resend and the store's calls.
 */
function leaseFor(request: ForwardRequest): Lease {
  const remaining = request.budget.remainingMs();
  const leaseMs = Number.isFinite(remaining)
    ? remaining + answerReserveMs
    : 3 * request.timeoutMs;
  return { getRemainingTimeInMillis: () => Math.max(1, Math.ceil(leaseMs)) };
}

/**
 * DynamoDB answers in milliseconds; a call that takes seconds is a failure
 * to hand back, not a reason to spend the invocation's budget.
 */
function createStoreClient(): DynamoDBClient {
  return new DynamoDBClient({
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000 },
  });
}
