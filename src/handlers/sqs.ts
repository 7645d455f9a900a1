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
import { gateFromEnvironment } from '../runtime';
import { openGate, runInvocation } from './invocation';
import { logRefusal, messageIdOf, readRecord } from './records';

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
      gate = openGate(getGate);
    } catch {
      return reportAll(recordsOf(event));
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
  const records = readRecords(gate, recordsOf(event));
  const agentIds = [...records.values()]
    .filter((read): read is Notification => !(read instanceof Error))
    .map((notification) => notification.agentId);
  let lookup: AgentLookup = new Map();
  try {
    if (agentIds.length > 0) lookup = await gate.lookUp(agentIds, options);
  } catch (error) {
    gate.logger.error('batch handed back: gate misconfigured', { error });
    gate.metrics.countMisconfigured();
    return reportAll(notificationsOf(records));
  }

  const handleRecord = async (record: SQSRecord) => {
    const read = records.get(record);
    if (!read || read instanceof InvalidInputError) {
      return logRefusal(gate, record, read ?? unreadable);
    }

    const answer = await gate
      .complete(read, lookup, options)
      .catch((error: unknown) => {
        if (error instanceof ConfigurationError) {
          gate.metrics.countMisconfigured();
        }
        throw error;
      });
    if (answer.outcome === 'retry') throw new HandedBackError(answer.reason);
  };

  const batch = { Records: reportable(gate, records) };
  const fifo = batch.Records.some((r) => r.attributes?.MessageGroupId);
  if (fifo) {
    return processPartialResponse(
      batch,
      handleRecord,
      new SqsFifoPartialProcessorAsync(),
      { context, skipGroupOnError: true, throwOnFullBatchFailure: false },
    );
  }
  return processPartialResponse(
    batch,
    handleRecord,
    new BatchProcessor(EventType.SQS),
    { context, throwOnFullBatchFailure: false },
  );
}

type RecordReads = Map<SQSRecord, Notification | InvalidInputError>;

const unreadable = new InvalidInputError(
  'invalid_record',
  'the record has no messageId',
);

/** The event's records; an event without any has nothing to report. */
function recordsOf(event: SQSEvent): unknown[] {
  const records = (event as Partial<SQSEvent> | null)?.Records;
  return Array.isArray(records) ? records : [];
}

/** Each record with what it holds: a record without a message id cannot
 * be reported, so it is refused like a record that is not a notification. */
function readRecords(gate: Gate, records: unknown[]): RecordReads {
  return new Map(
    records.map((record) => [
      record as SQSRecord,
      messageIdOf(record) === undefined ? unreadable : readRecord(gate, record),
    ]),
  );
}

/** The records the batch processor may report; the others are dropped. */
function reportable(gate: Gate, records: RecordReads): SQSRecord[] {
  const kept: SQSRecord[] = [];
  for (const [record, read] of records) {
    if (read === unreadable) logRefusal(gate, record, read);
    else kept.push(record);
  }
  return kept;
}

function notificationsOf(records: RecordReads): SQSRecord[] {
  return [...records]
    .filter(([, read]) => !(read instanceof InvalidInputError))
    .map(([record]) => record);
}

/** Reports every record, as when the gate is misconfigured: they come
 * back until the queue's dead-letter queue takes them. */
function reportAll(records: unknown[]): SQSBatchResponse {
  return {
    batchItemFailures: records.flatMap((record) => {
      const id = messageIdOf(record);
      return id === undefined ? [] : [{ itemIdentifier: id }];
    }),
  };
}

export const handler = createSqsHandler(gateFromEnvironment);
