import { InvalidInputError } from '../errors';
import type { Gate } from '../gate';
import {
  type Notification,
  notificationIdPattern,
} from '../notifications/envelope';

/** What SQS and EventBridge Pipes both hand over for one message. */
export interface QueuedRecord {
  messageId: string;
  body: string;
  attributes?: { MessageGroupId?: string };
}

/**
 * The notification in a queued record: its body, unwrapped when SNS
 * delivered it without raw message delivery. When the notification has no
 * id of its own, the SNS message id serves (SNS may deliver one message
 * twice, as two SQS messages), else the SQS message id. Anything else, not
 * even a record with a body included, is an InvalidInputError.
 */
export function readRecord(
  gate: Gate,
  record: unknown,
): Notification | InvalidInputError {
  try {
    const { body, snsMessageId } = unwrapSns(parseJson(bodyOf(record)));
    const messageId = snsMessageId ?? messageIdOf(record);
    const fallbackId =
      messageId && notificationIdPattern.test(messageId)
        ? messageId
        : undefined;
    return gate.readNotification(body, fallbackId);
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
}

/** The record's message id, when it has a usable one. */
export function messageIdOf(record: unknown): string | undefined {
  const id = (record as { messageId?: unknown } | null)?.messageId;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

function bodyOf(record: unknown): string {
  if (typeof record !== 'object' || record === null) {
    throw new InvalidInputError(
      'invalid_record',
      'the record is not an object',
    );
  }
  const { body } = record as { body?: unknown };
  if (typeof body !== 'string') {
    throw new InvalidInputError('empty_body', 'the record has no body');
  }
  return body;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidInputError('invalid_json', 'the body is not valid JSON');
  }
}

/** The `Message` of an SNS envelope and its id, or the body itself. */
function unwrapSns(body: unknown): { body: unknown; snsMessageId?: string } {
  const envelope = body as Record<string, unknown> | null;
  const isSns =
    envelope?.Type === 'Notification' &&
    typeof envelope.TopicArn === 'string' &&
    typeof envelope.Message === 'string';
  if (!isSns) return { body };

  const id = envelope.MessageId;
  return {
    body: parseJson(envelope.Message as string),
    ...(typeof id === 'string' && id !== '' ? { snsMessageId: id } : {}),
  };
}

/** Logs a record that is not a notification, without its body. */
export function logRefusal(
  gate: Gate,
  record: unknown,
  error: InvalidInputError,
): void {
  gate.logger.warn('invalid notification dropped', {
    messageId: messageIdOf(record),
    code: error.code,
    problem: error.message,
  });
}
