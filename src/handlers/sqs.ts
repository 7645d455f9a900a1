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
import { InvalidInputError } from '../errors';
import type { Gate } from '../gate';
import type { AgentLookup } from '../genesys/agent-state';
import { TimeBudget } from '../net/budget';
import type { Notification } from '../notifications/envelope';
import { bootLogger, gateFromEnvironment } from '../runtime';
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
    const records = event.Records ?? [];
    const budget = TimeBudget.fromContext(context);
    let gate: Gate;
    let lookup: AgentLookup;
    let notifications: Map<string, Notification | InvalidInputError>;
    try {
      gate = getGate();
      notifications = readRecords(gate, records);
      lookup = await gate.lookUp(agentIdsOf(notifications), { budget });
    } catch (error) {
      bootLogger.error('batch handed back: gate misconfigured', { error });
      return reportAll(records);
    }

    const handleRecord = async (record: SQSRecord) => {
      const notification = notifications.get(record.messageId);
      if (notification instanceof InvalidInputError) {
        return logRefusal(gate, record, notification);
      }
      if (!notification) throw new Error('record read twice');

      const answer = await gate.complete(notification, lookup, { budget });
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
  };
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

function reportAll(records: SQSRecord[]): SQSBatchResponse {
  return {
    batchItemFailures: records.map((r) => ({ itemIdentifier: r.messageId })),
  };
}

export const handler = createSqsHandler(gateFromEnvironment);
