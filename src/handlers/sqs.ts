import {
  BatchProcessor,
  EventType,
  processPartialResponse,
  SqsFifoPartialProcessorAsync,
} from '@aws-lambda-powertools/batch';
import type {
  Context,
  SQSBatchResponse,
  SQSEvent,
  SQSRecord,
} from 'aws-lambda';
import { ConfigurationError, InvalidInputError } from '../errors';
import type { Gate, InvocationOptions } from '../gate';
import type { AgentLookup } from '../genesys/agent-state';
import type { Notification } from '../notifications/envelope';
import type { Logger } from '../observability/logger';
import type { GateMetrics } from '../observability/metrics';
import { bootLogger, bootMetrics, gateFromEnvironment } from '../runtime';
import { runInvocation } from './invocation';
import { logRefusal, readRecord } from './records';

/** A notification the gate hands back to the queue. */
class HandedBackError extends Error {
  override name = 'HandedBackError';
}

/**
 * SQS trigger with ReportBatchItemFailures: drops and forwards succeed,
 * only records to try again are reported, every one of them when all fail.
 * A record that is not a notification is dropped, never retried. In a FIFO
 * queue a retry also reports the rest of its message group.
 */
export function createSqsHandler(getGate: () => Gate) {
  return async (
    event: SQSEvent,
    context?: Context,
  ): Promise<SQSBatchResponse> => {
    let gate: Gate;
    try {
      gate = getGate();
    } catch (error) {
      const answer = handBackAll(bootLogger, bootMetrics, event, error);
      bootMetrics.publish();
      return answer;
    }

    return runInvocation(gate, { trigger: 'sqs', context }, (options) =>
      handleBatch(gate, event, options, context),
    );
  };
}

async function handleBatch(
  gate: Gate,
  event: SQSEvent,
  options: InvocationOptions,
  context?: Context,
): Promise<SQSBatchResponse> {
  const records = event.Records ?? [];
  const notifications = readRecords(gate, records);
  let lookup: AgentLookup;
  try {
    lookup = await gate.lookUp(agentIdsOf(notifications), options);
  } catch (error) {
    return handBackAll(gate.logger, gate.metrics, event, error);
  }

  const handleRecord = async (record: SQSRecord) => {
    const notification = notifications.get(record.messageId);
    if (notification instanceof InvalidInputError) {
      return logRefusal(gate, record, notification);
    }
    if (!notification) throw new Error('record read twice');

    const answer = await gate
      .complete(notification, lookup, options)
      .catch((error: unknown) => {
        if (error instanceof ConfigurationError) {
          gate.metrics.countMisconfigured();
        }
        throw error;
      });
    if (answer.outcome === 'retry') throw new HandedBackError(answer.reason);
  };

  const fifo = records.some((r) => r.attributes?.MessageGroupId);
  if (fifo) {
    return processPartialResponse(
      event,
      handleRecord,
      new SqsFifoPartialProcessorAsync(),
      { context, skipGroupOnError: true, throwOnFullBatchFailure: false },
    );
  }
  return processPartialResponse(
    event,
    handleRecord,
    new BatchProcessor(EventType.SQS),
    { context, throwOnFullBatchFailure: false },
  );
}

function readRecords(gate: Gate, records: SQSRecord[]) {
  return new Map(records.map((r) => [r.messageId, readRecord(gate, r)]));
}

function agentIdsOf(
  notifications: Map<string, Notification | InvalidInputError>,
): string[] {
  return [...notifications.values()]
    .filter((n): n is Notification => !(n instanceof InvalidInputError))
    .map((n) => n.agentId);
}

/** Reports every record, as when the gate is misconfigured: they come
 * back until the queue's dead-letter queue takes them. */
function handBackAll(
  logger: Logger,
  metrics: GateMetrics,
  event: SQSEvent,
  error: unknown,
): SQSBatchResponse {
  logger.error('batch handed back: gate misconfigured', { error });
  metrics.countMisconfigured();
  const records = event.Records ?? [];
  return {
    batchItemFailures: records.map((r) => ({ itemIdentifier: r.messageId })),
  };
}

export const handler = createSqsHandler(gateFromEnvironment);
