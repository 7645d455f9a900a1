import { createHash, randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { FaultTarget } from '../../dev/genesys-sim/types';
import type { LocalStack } from '../../dev/local-stack';
import { createPipesHandler } from '../../src/handlers/pipes';
import { createSqsHandler } from '../../src/handlers/sqs';
import pipesSample from '../fixtures/events/pipes-sqs-record.json';
import snsSample from '../fixtures/events/sns-notification.json';
import fifoSample from '../fixtures/events/sqs-fifo-record.json';
import sqsSample from '../fixtures/events/sqs-record.json';

/** A body as the queue holds it: text stays as given, the rest is JSON. */
function bodyText(body: unknown): string {
  return typeof body === 'string' ? body : JSON.stringify(body);
}

function fromSample(
  sample: SQSRecord,
  body: unknown,
  messageId: string,
): SQSRecord {
  const record = structuredClone(sample);
  record.messageId = messageId;
  record.body = bodyText(body);
  record.md5OfBody = createHash('md5').update(record.body).digest('hex');
  return record;
}

type RecordBuilder = (body: unknown, messageId?: string) => SQSRecord;

function builderFrom(sample: SQSRecord): RecordBuilder {
  return (body, messageId = randomUUID()) =>
    fromSample(sample, body, messageId);
}

/** A standard-queue SQS record, as Lambda hands it over, with `body`. */
export const sqsRecord = builderFrom(sqsSample as SQSRecord);

/** One item of the array EventBridge Pipes hands over from an SQS source. */
export const pipesRecord = builderFrom(pipesSample as SQSRecord);

const fifoSampleRecord = builderFrom(fifoSample as SQSRecord);
let sequenceNumber = 18_849_496_460_467_696_128n;

/** A FIFO-queue SQS record in message group `group`. */
export function fifoRecord(body: unknown, group: string): SQSRecord {
  const record = fifoSampleRecord(body);
  sequenceNumber += 1n;
  record.attributes.MessageGroupId = group;
  record.attributes.MessageDeduplicationId = record.messageId;
  record.attributes.SequenceNumber = String(sequenceNumber);
  return record;
}

export function sqsEvent(...records: SQSRecord[]): SQSEvent {
  return { Records: records };
}

/** Runs the SQS handler, built on the stack's gate, on `records`. */
export function handleSqs(stack: LocalStack, ...records: SQSRecord[]) {
  return createSqsHandler(() => stack.gate)(sqsEvent(...records));
}

/** Runs the Pipes handler, built on the stack's gate, on copies. */
export function handlePipes(stack: LocalStack, records: SQSRecord[]) {
  return createPipesHandler(() => stack.gate)(structuredClone(records));
}

/** Genesys answers 503 on `target` (every API route by default). */
export function failGenesys(stack: LocalStack, target: FaultTarget = 'api') {
  return stack.genesys.control.addFault({
    fault: { kind: 'status', status: 503 },
    target,
  });
}

/** A body as SNS delivers `message` to SQS without raw delivery. */
export function snsWrapped(message: unknown): string {
  return JSON.stringify({
    ...snsSample,
    MessageId: randomUUID(),
    Message: bodyText(message),
  });
}

/** A notification envelope without an id of its own. */
export function envelopeWithoutId(agentId: string) {
  return { agentId, payload: { channel: 'dfo', text: 'hello' } };
}

const byIdentifier = (
  a: { itemIdentifier: string },
  b: { itemIdentifier: string },
) => a.itemIdentifier.localeCompare(b.itemIdentifier);

/** The answer that reports exactly `records`, in a stable order. */
export function reporting(...records: SQSRecord[]): SQSBatchResponse {
  const failures = records.map((r) => ({ itemIdentifier: r.messageId }));
  return { batchItemFailures: failures.sort(byIdentifier) };
}

/** The handler's answer with its failures in the order of `reporting`. */
export function sortedFailures(response: SQSBatchResponse): SQSBatchResponse {
  return {
    ...response,
    batchItemFailures: [...response.batchItemFailures].sort(byIdentifier),
  };
}

/**
 * The Idempotency-Key of every request the target received, sorted; with
 * `status`, only of those it answered with that status.
 */
export async function targetKeys(
  stack: LocalStack,
  status?: number,
): Promise<string[]> {
  const requests = await stack.targetControl.requests();
  return requests
    .filter((request) => status === undefined || request.status === status)
    .map((request) => request.headers['idempotency-key'] ?? '')
    .sort();
}

/** The keys of the forwards the target accepted. */
export function forwardedKeys(stack: LocalStack): Promise<string[]> {
  return targetKeys(stack, 200);
}
