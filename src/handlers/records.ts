import { InvalidInputError } from '../errors';
import type { Gate } from '../gate';
import type { Notification } from '../notifications/envelope';

/** What SQS and EventBridge Pipes both hand over for one message. */
export interface QueuedRecord {
  messageId: string;
  body: string;
  attributes?: { MessageGroupId?: string };
}

/**
 * The notification in a queued record: its body, unwrapped when SNS
 * delivered it without raw message delivery; the message id serves when
 * the notification has no id of its own.
 */
export function readRecord(
  gate: Gate,
  record: QueuedRecord,
): Notification | InvalidInputError {
  try {
    const body = unwrapSns(parseJson(record.body));
    return gate.readNotification(body, record.messageId);
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
}

function parseJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    throw new InvalidInputError('invalid_json', 'the body is not valid JSON');
  }
}

/** The `Message` of an SNS envelope, or the body itself. */
function unwrapSns(body: unknown): unknown {
  const envelope = body as Record<string, unknown> | null;
  const isSns =
    envelope?.Type === 'Notification' &&
    typeof envelope.TopicArn === 'string' &&
    typeof envelope.Message === 'string';
  return isSns ? parseJson(envelope.Message as string) : body;
}

/** Logs a record that is not a notification, without its body. */
export function logRefusal(
  gate: Gate,
  record: QueuedRecord,
  error: InvalidInputError,
): void {
  gate.logger.warn('invalid notification dropped', {
    messageId: record.messageId,
    code: error.code,
    problem: error.message,
  });
}
