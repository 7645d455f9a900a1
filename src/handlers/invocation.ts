import type { Context } from 'aws-lambda';
import type { Gate, InvocationOptions } from '../gate';
import { TimeBudget } from '../net/budget';
import { bootLogger, bootMetrics } from '../runtime';

export type Trigger = 'http' | 'sqs' | 'pipes' | 'invoke';

export interface InvocationInfo {
  trigger: Trigger;
  context: Context | undefined;
  /** The API request id or SQS message id, in every log line. */
  correlationId?: string | undefined;
}

/**
 * The container's gate. One that cannot be built, for a bad setting, is
 * logged and counted as a misconfiguration, then thrown again for the
 * trigger to answer in its own way.
 */
export function openGate(getGate: () => Gate): Gate {
  try {
    return getGate();
  } catch (error) {
    bootLogger.error('gate misconfigured', { error });
    bootMetrics.countMisconfigured();
    bootMetrics.publish();
    throw error;
  }
}

/**
 * Runs one invocation of a handler: the Lambda context, trigger and
 * correlation id go into every log line, the metrics are written at the
 * end, and the work gets the invocation's time budget.
 */
export async function runInvocation<T>(
  gate: Gate,
  info: InvocationInfo,
  work: (options: InvocationOptions) => Promise<T>,
): Promise<T> {
  if (info.context) gate.logger.addContext(info.context);
  gate.logger.appendKeys({ trigger: info.trigger });
  gate.logger.setCorrelationId(info.correlationId);

  const options = {
    budget: TimeBudget.fromContext(info.context),
    startedAt: gate.now(),
  };
  try {
    return await work(options);
  } finally {
    gate.metrics.publish();
  }
}
