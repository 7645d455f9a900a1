import type { Context, SQSRecord } from 'aws-lambda';
import { InvalidInputError } from '../errors';
import type { Gate, InvocationOptions } from '../gate';
import type { Notification } from '../notifications/envelope';
import { gateFromEnvironment } from '../runtime';
import { openGate, runInvocation } from './invocation';
import { logRefusal, type QueuedRecord, readRecord } from './records';

/** The batch must be tried again: Pipes retries it whole. */
export class BatchHandedBackError extends Error {
  override name = 'BatchHandedBackError';
}

/**
 * EventBridge Pipes enrichment step: SQS-shaped records in, the records
 * whose agent may be notified out, as they came. The gate only decides
 * here; the pipe's target delivers. A retry fails the whole invocation.
 */
export function createPipesHandler(getGate: () => Gate) {
  return async <T extends QueuedRecord = SQSRecord>(
    records: T[],
    context?: Context,
  ): Promise<T[]> => {
    const gate = openGate(getGate);
    return runInvocation(gate, { trigger: 'pipes', context }, (options) =>
      selectDeliverable(gate, Array.isArray(records) ? records : [], options),
    );
  };
}

async function selectDeliverable<T extends QueuedRecord>(
  gate: Gate,
  records: T[],
  options: InvocationOptions,
): Promise<T[]> {
  const valid: { record: T; notification: Notification }[] = [];
  for (const record of records) {
    const read = readRecord(gate, record);
    if (read instanceof InvalidInputError) logRefusal(gate, record, read);
    else valid.push({ record, notification: read });
  }

  if (valid.length === 0) return [];
  const answers = await gate.processBatch(
    valid.map((item) => item.notification),
    { ...options, forward: false },
  );

  const retries = answers.filter((a) => a.outcome === 'retry');
  if (retries.length > 0) {
    throw new BatchHandedBackError(
      `${retries.length} of ${records.length} notifications must be ` +
        `tried again (${retries[0]?.reason})`,
    );
  }
  return valid
    .filter((_, index) => answers[index]?.outcome === 'forward')
    .map((item) => item.record);
}

export const handler = createPipesHandler(gateFromEnvironment);
