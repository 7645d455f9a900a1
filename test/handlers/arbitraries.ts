import { createHmac } from 'node:crypto';
import fc from 'fast-check';

/**
 * Generators of malformed trigger events: each one is wrong by
 * construction (a part is broken on purpose), so no test needs to decide
 * whether an event is valid by repeating the gate's own rules.
 */

/** An agent of the demo org, where a valid part needs an agent id. */
export const knownAgentId = 'a0000000-0000-4000-8000-000000000001';

/** Inbound credentials no log line or answer may repeat. */
export const inboundCredentials = {
  bearer: 'caller-bearer-canary-7f3a',
  proxy: 'cHJveHktY2FuYXJ5OjdmM2E=',
  cookie: 'cookie-canary-7f3a',
  payload: 'payload-canary-7f3a',
} as const;

const uuidShape = /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i;
const idShape = /^[A-Za-z0-9._:-]{1,128}$/;

const text = fc.string({ unit: 'binary', maxLength: 40 });
const smallJson = fc.jsonValue({ maxDepth: 2 });

/** Any JSON value but an object. */
const notAnObject = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(smallJson, { maxLength: 4 }),
);

const goodId = fc.stringMatching(idShape);
const payload = fc.oneof(
  smallJson,
  fc.constant({ text: inboundCredentials.payload }),
);

/** Near misses, and ids that try to reach another endpoint or query. */
const craftedAgentIds = [
  `${knownAgentId}/../../../oauth/token`,
  `${knownAgentId}?state=deleted`,
  `${knownAgentId}/routingstatus`,
  `${knownAgentId}#`,
  `../${knownAgentId}`,
  `${knownAgentId}%2F..%2Fusers`,
  `${knownAgentId} `,
  ` ${knownAgentId}`,
  `${knownAgentId}\n`,
  `{${knownAgentId}}`,
  knownAgentId.replaceAll('-', ''),
  knownAgentId.slice(0, -1),
  `${knownAgentId}0`,
  'a0000000-0000-4000-8000-00000000000g',
  '../../api/v2/users',
  'me',
  '',
];

/** An agent id the gate must refuse: never a UUID. */
export const badAgentId = fc.oneof(
  fc.constantFrom(...craftedAgentIds),
  text.filter((value) => !uuidShape.test(value)),
  fc
    .tuple(fc.uuid(), fc.nat(35), fc.constantFrom(...'gz /?#%.\u0000é'))
    .map(([id, at, char]) => id.slice(0, at) + char + id.slice(at + 1)),
  notAnObject.filter((value) => typeof value !== 'string'),
  fc.dictionary(text, smallJson, { maxKeys: 2 }),
);

/** A notification id the gate must refuse. */
const badNotificationId = fc.oneof(
  fc.constant(''),
  fc.string({
    unit: fc.constantFrom(...'aZ9._:-'),
    minLength: 129,
    maxLength: 300,
  }),
  text.filter((value) => !idShape.test(value)),
  notAnObject.filter((value) => typeof value !== 'string'),
  fc.dictionary(text, smallJson, { maxKeys: 2 }),
);

/** Keys that mean something to JavaScript objects, and random ones. */
const extraKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString'),
  fc.string({ maxLength: 8 }),
);

const extras = fc
  .array(fc.tuple(extraKey, smallJson), { maxLength: 3 })
  .map((entries) =>
    entries.filter(([key]) => !['id', 'agentId', 'payload'].includes(key)),
  );

type Entries = [string, unknown][];

/** A valid envelope's parts, as entries, before one of them is broken. */
const envelopeEntries: fc.Arbitrary<Entries> = fc
  .record({ id: fc.option(goodId, { nil: undefined }), payload, extras })
  .map(({ id, payload, extras }) => [
    ...(id === undefined ? [] : [['id', id] as [string, unknown]]),
    ['agentId', knownAgentId],
    ['payload', payload],
    ...extras,
  ]);

function without(entries: Entries, key: string): Entries {
  return entries.filter(([name]) => name !== key);
}

function replaced(entries: Entries, key: string, value: unknown): Entries {
  return [...without(entries, key), [key, value]];
}

/** Nested deeper than any notification needs. */
export function deeplyNested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level += 1) {
    value = level % 2 === 0 ? [value] : { next: value };
  }
  return value;
}

/** A JSON value that is not a notification envelope. */
export const badEnvelope: fc.Arbitrary<unknown> = fc.oneof(
  notAnObject,
  fc
    .oneof(
      envelopeEntries.map((entries) => without(entries, 'agentId')),
      fc
        .tuple(envelopeEntries, badAgentId)
        .map(([entries, id]) => replaced(entries, 'agentId', id)),
      fc
        .tuple(envelopeEntries, badNotificationId)
        .map(([entries, id]) => replaced(entries, 'id', id)),
      envelopeEntries.map((entries) => without(entries, 'payload')),
      fc
        .tuple(envelopeEntries, fc.integer({ min: 100, max: 400 }))
        .map(([entries, depth]) =>
          replaced(entries, 'payload', deeplyNested(depth)),
        ),
    )
    .map((entries) => Object.fromEntries(entries)),
);

const validEnvelopeText = envelopeEntries.map((entries) =>
  JSON.stringify(Object.fromEntries(entries)),
);

/** An SNS envelope (non-raw delivery) around a message. */
function snsWrapped(message: unknown): string {
  return JSON.stringify({
    Type: 'Notification',
    MessageId: '6f1c1e0e-0000-4000-8000-000000000000',
    TopicArn: 'arn:aws:sns:eu-west-1:123456789012:notifications',
    Message: message,
    Timestamp: '2026-03-02T09:00:00.000Z',
  });
}

/** A message body that does not hold a notification. */
export const badBodyText: fc.Arbitrary<string> = fc.oneof(
  badEnvelope.map((value) => JSON.stringify(value)),
  // Too short to hold an agent id and a payload.
  text,
  fc
    .tuple(validEnvelopeText, fc.nat())
    .map(([body, cut]) => body.slice(0, cut % body.length)),
  validEnvelopeText.map((body) => `\uFEFF${body}`),
  badEnvelope.map((value) => snsWrapped(JSON.stringify(value))),
  text.map(snsWrapped),
  envelopeEntries.map((entries) => snsWrapped(Object.fromEntries(entries))),
  fc.constantFrom(
    'Test message.',
    '{"Message": "success"}',
    'SGVsbG8sIHRoaXMgaXMgYSB0ZXN0Lg==',
    '{"agentId":',
    'null',
    '{}',
    '[]',
  ),
);

/** A body field that is not JSON text of a notification. */
const badBody = fc.oneof(
  badBodyText,
  fc.constantFrom(null, undefined, ''),
  fc.integer(),
  fc.boolean(),
  fc.array(smallJson, { maxLength: 3 }),
  envelopeEntries.map((entries) => Object.fromEntries(entries)),
);

const badMethod = fc.oneof(
  fc.constantFrom('GET', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'),
  fc.constantFrom('POST ', ' POST', 'POSTS', 'P0ST', ''),
  text.filter((value) => value.toUpperCase() !== 'POST'),
  fc.integer(),
  fc.constant(null),
  fc.boolean(),
  fc.dictionary(text, smallJson, { maxKeys: 2 }),
);

const badContentType = fc.oneof(
  fc.constantFrom(
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
    'application/jsonp',
    'text/json',
    '*/*',
    '',
  ),
  text.filter((value) => !/json/i.test(value)),
  fc.integer(),
  fc.boolean(),
  fc.constant(['application/json']),
);

/** What an HTTP request is made of, before it becomes an event. */
export interface RequestParts {
  method: unknown;
  contentType: unknown;
  body: unknown;
  base64: boolean;
}

/** Parts of a request the gate accepts, from any caller it trusts. */
export const validRequestParts: fc.Arbitrary<RequestParts> = fc.record({
  method: fc.constantFrom(undefined, 'POST', 'post', 'Post'),
  contentType: fc.constantFrom(
    undefined,
    'application/json',
    'application/json; charset=utf-8',
    'application/cloudevents+json',
  ),
  body: validEnvelopeText as fc.Arbitrary<unknown>,
  base64: fc.boolean(),
});

/** Parts with at least one of them broken. */
export function badRequestParts(maxBytes: number): fc.Arbitrary<RequestParts> {
  const oversized = envelopeEntries.map((entries) =>
    JSON.stringify(
      Object.fromEntries(replaced(entries, 'payload', 'x'.repeat(maxBytes))),
    ),
  );
  const breaker = fc.oneof(
    fc.record({ method: badMethod }),
    fc.record({ contentType: badContentType }),
    fc.record({ body: badBody }),
    fc.record({ body: oversized }),
  );
  return fc
    .tuple(validRequestParts, fc.array(breaker, { minLength: 1, maxLength: 3 }))
    .map(([parts, broken]) => Object.assign(parts, ...broken));
}

type Casing = (name: string) => string;

export const casing: fc.Arbitrary<Casing> = fc.constantFrom(
  (name: string) => name,
  (name: string) => name.toUpperCase(),
  (name: string) => name.replace(/(^|-)[a-z]/g, (start) => start.toUpperCase()),
);

/** The request's headers, inbound credentials included. */
function headersOf(parts: RequestParts, name: Casing) {
  const headers: Record<string, unknown> = {
    [name('authorization')]: `Bearer ${inboundCredentials.bearer}`,
    [name('proxy-authorization')]: `Basic ${inboundCredentials.proxy}`,
    [name('cookie')]: `session=${inboundCredentials.cookie}`,
    [name('user-agent')]: 'property-test/1.0',
  };
  if (parts.contentType !== undefined) {
    headers[name('content-type')] = parts.contentType;
  }
  return headers;
}

function bodyOf(parts: RequestParts) {
  if (!parts.base64 || typeof parts.body !== 'string') {
    return { body: parts.body, isBase64Encoded: false };
  }
  const body = Buffer.from(parts.body, 'utf8').toString('base64');
  return { body, isBase64Encoded: true };
}

/** A REST API (v1 proxy) event made of `parts`. */
export function restEventOf(parts: RequestParts, name: Casing) {
  const headers = headersOf(parts, name);
  return {
    resource: '/notifications',
    path: '/notifications',
    httpMethod: parts.method,
    headers,
    multiValueHeaders: Object.fromEntries(
      Object.entries(headers).map(([key, value]) => [key, [value]]),
    ),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abcdef1234',
      httpMethod: parts.method,
      identity: { sourceIp: '203.0.113.10' },
      path: '/prod/notifications',
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      resourcePath: '/notifications',
      stage: 'prod',
    },
    ...bodyOf(parts),
  };
}

/** An HTTP API (payload 2.0) event made of `parts`. */
export function httpApiEventOf(parts: RequestParts, name: Casing) {
  return {
    version: '2.0',
    routeKey: 'POST /notifications',
    rawPath: '/notifications',
    rawQueryString: '',
    cookies: [`session=${inboundCredentials.cookie}`],
    headers: headersOf(parts, name),
    requestContext: {
      accountId: '123456789012',
      apiId: 'abcdef1234',
      http: {
        method: parts.method,
        path: '/notifications',
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.10',
        userAgent: 'property-test/1.0',
      },
      requestId: 'JKJaXmPLvHcESHA=',
      routeKey: 'POST /notifications',
      stage: '$default',
    },
    ...bodyOf(parts),
  };
}

export function badRestEvent(maxBytes: number) {
  return fc
    .tuple(badRequestParts(maxBytes), casing)
    .map(([parts, name]) => restEventOf(parts, name));
}

export function badHttpApiEvent(maxBytes: number) {
  return fc
    .tuple(badRequestParts(maxBytes), casing)
    .map(([parts, name]) => httpApiEventOf(parts, name));
}

/** Not an API Gateway event at all, as from a wrong direct invoke. */
export const notAnApiEvent: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, 0, '', 'POST /notifications', [], {}),
  smallJson,
  fc.constant({ version: '2.0', requestContext: null, headers: null }),
  fc.constant({ httpMethod: 'POST', headers: 'content-type', body: '{}' }),
);

const messageId = fc.oneof(fc.uuid(), fc.constantFrom('dup-1', 'dup-2'));

function sqsRecord(id: unknown, body: unknown, groupId?: string) {
  return {
    messageId: id,
    receiptHandle: 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a',
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '1767344400000',
      SenderId: 'AIDAEXAMPLESENDER0001',
      ApproximateFirstReceiveTimestamp: '1767344400001',
      ...(groupId === undefined ? {} : { MessageGroupId: groupId }),
    },
    messageAttributes: {},
    md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:notifications',
    awsRegion: 'eu-west-1',
  };
}

/** An SQS record whose body is not a notification, or not a record. */
export const badQueuedRecord: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        messageId,
        badBodyText,
        fc.option(fc.constantFrom('g1', 'g2'), { nil: undefined }),
      )
      .map(([id, body, group]) => sqsRecord(id, body, group)),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.oneof(messageId, fc.constant(undefined), fc.integer()),
        fc.oneof(
          fc.constant(undefined),
          fc.constant(null),
          fc.integer(),
          envelopeEntries.map((entries) => Object.fromEntries(entries)),
        ),
      )
      .map(([id, body]) => sqsRecord(id, body)),
  },
  { weight: 1, arbitrary: notAnObject },
);

/** Not a batch of records at all. */
const notABatch = fc.oneof(
  fc.constantFrom(null, undefined, {}, 'Records', 0),
  fc.constant({ Records: null }),
  fc.constant({ Records: 'x' }),
  fc.constant({ Records: {} }),
  smallJson,
);

export const badSqsEvent: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .array(badQueuedRecord, { maxLength: 6 })
      .map((Records) => ({ Records })),
  },
  { weight: 1, arbitrary: notABatch },
);

export const badPipesEvent: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: fc.array(badQueuedRecord, { maxLength: 6 }) },
  { weight: 1, arbitrary: notABatch },
);

/** One invoke item, or a batch of them, none a notification. */
export const badInvokeEvent: fc.Arbitrary<unknown> = fc.oneof(
  badEnvelope,
  fc.array(badEnvelope, { maxLength: 6 }),
);

/** Where the raw payloads below keep their ids. */
export const rawPointers = {
  AGENT_ID_POINTER: '/recipient/genesysUserId',
  NOTIFICATION_ID_POINTER: '/messageId',
};

/** A raw payload (ids read by pointer) that is not a notification. */
export const badRawPayload: fc.Arbitrary<unknown> = fc.oneof(
  notAnObject.filter((value) => !Array.isArray(value)),
  fc
    .tuple(payload, fc.oneof(notAnObject, fc.constant({})))
    .map(([body, recipient]) => ({ recipient, body })),
  fc.tuple(payload, badAgentId).map(([body, genesysUserId]) => ({
    recipient: { genesysUserId },
    body,
  })),
  fc.tuple(payload, badNotificationId).map(([body, messageId]) => ({
    messageId,
    recipient: { genesysUserId: knownAgentId },
    body,
  })),
  fc.integer({ min: 100, max: 400 }).map((depth) => ({
    recipient: { genesysUserId: knownAgentId },
    body: deeplyNested(depth),
  })),
);

/**
 * A caller's signature header, made as the README tells callers to, apart
 * from the gate's own code: `t=<unix seconds>,v1=<hex HMAC-SHA256>`.
 */
export function signAsCaller(body: string, key: string, at: number): string {
  const mac = createHmac('sha256', key).update(`${at}.${body}`).digest('hex');
  return `t=${at},v1=${mac}`;
}

/** A signature header the gate must refuse for `body` at `now`. */
export function badCallerSignature(
  body: string,
  key: string,
  now: number,
): fc.Arbitrary<unknown> {
  const outside = fc.oneof(
    fc.integer({ min: 301, max: 10_000_000 }),
    fc.integer({ min: -10_000_000, max: -301 }),
  );
  return fc.oneof(
    fc.constant(undefined),
    text,
    fc.integer(),
    outside.map((offset) => signAsCaller(body, key, now + offset)),
    fc
      .string({ minLength: 16, maxLength: 40 })
      .filter((other) => other !== key)
      .map((other) => signAsCaller(body, other, now)),
    text.map((other) => signAsCaller(`${body}${other} `, key, now)),
    fc
      .string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64 })
      .map((mac) => `t=${now},v1=${mac.slice(0, 64)}`),
    fc.constant(signAsCaller(body, key, now).replace(/^t=\d+,/, '')),
    fc.constant(signAsCaller(body, key, now).replace(/,v1=.*$/, '')),
  );
}
