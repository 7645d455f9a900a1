import type { Context } from 'aws-lambda';
import { InvalidInputError } from '../errors';
import type { Gate } from '../gate';
import type { Answer, RefusedAnswer } from '../notifications/answer';
import {
  findNotificationId,
  type Notification,
} from '../notifications/envelope';
import { Reason } from '../policy/reasons';
import { gateFromEnvironment } from '../runtime';
import { openGate, runInvocation } from './invocation';

type ItemAnswer = Answer | RefusedAnswer;

/**
 * Direct invoke, as from Step Functions or `aws lambda invoke`: one
 * notification in, one answer out; an array in, one answer per item out,
 * in order, retries included. A misconfigured gate throws, so the caller's
 * retry and catch rules apply.
 */
export function createInvokeHandler(getGate: () => Gate) {
  async function invoke(
    event: unknown[],
    context?: Context,
  ): Promise<ItemAnswer[]>;
  async function invoke(event: unknown, context?: Context): Promise<ItemAnswer>;
  async function invoke(
    event: unknown,
    context?: Context,
  ): Promise<ItemAnswer | ItemAnswer[]> {
    const gate = openGate(getGate);
    const items = Array.isArray(event) ? event : [event];
    const reads = items.map((item) => readItem(gate, item));

    const notifications = reads.filter(
      (read): read is Notification => !('error' in read),
    );
    const answers = await runInvocation(
      gate,
      { trigger: 'invoke', context },
      async (options) =>
        notifications.length > 0
          ? gate.processBatch(notifications, options)
          : [],
    );

    let next = 0;
    const ordered = reads.map((read) =>
      'error' in read ? read : (answers[next++] as Answer),
    );
    return Array.isArray(event) ? ordered : (ordered[0] as ItemAnswer);
  }
  return invoke;
}

function readItem(gate: Gate, item: unknown): Notification | RefusedAnswer {
  try {
    return gate.readNotification(item);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    gate.logger.warn('invalid notification dropped', { code: error.code });
    return {
      notificationId: findNotificationId(item, gate.config.rawPayload),
      outcome: 'drop',
      reason: Reason.invalidNotification,
      error: { code: error.code, message: error.message },
    };
  }
}

export const handler = createInvokeHandler(gateFromEnvironment);
