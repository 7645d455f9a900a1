import type {
  APIGatewayProxyEventV2,
  Context,
  SQSEvent,
  SQSRecord,
} from 'aws-lambda';

/** A notification envelope as a DFO sender would post it. */
export interface Envelope {
  id: string;
  agentId: string;
  payload: { channel: string; text: string };
}

export function envelopeFor(id: string, agentId: string): Envelope {
  return { id, agentId, payload: { channel: 'dfo', text: 'bench' } };
}

const region = 'eu-west-1';
const account = '123456789012';

/** `POST /notifications` through an HTTP API (payload format 2.0). */
export function httpApiEvent(envelope: Envelope): APIGatewayProxyEventV2 {
  const now = Date.now();
  const domainName = 'bench.execute-api.eu-west-1.amazonaws.com';
  return {
    version: '2.0',
    routeKey: 'POST /notifications',
    rawPath: '/notifications',
    rawQueryString: '',
    headers: {
      'content-type': 'application/json',
      host: domainName,
      'user-agent': 'presence-gate-bench',
    },
    requestContext: {
      accountId: account,
      apiId: 'bench',
      domainName,
      domainPrefix: 'bench',
      http: {
        method: 'POST',
        path: '/notifications',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'presence-gate-bench',
      },
      requestId: `req-${envelope.id}`,
      routeKey: 'POST /notifications',
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    body: JSON.stringify(envelope),
    isBase64Encoded: false,
  };
}

/** One batch from a standard queue, a record per envelope. */
export function sqsEvent(envelopes: readonly Envelope[]): SQSEvent {
  const sent = String(Date.now());
  return {
    Records: envelopes.map(
      (envelope): SQSRecord => ({
        messageId: `msg-${envelope.id}`,
        receiptHandle: `handle-${envelope.id}`,
        body: JSON.stringify(envelope),
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: sent,
          SenderId: 'AIDABENCHSENDER',
          ApproximateFirstReceiveTimestamp: sent,
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: `arn:aws:sqs:${region}:${account}:bench`,
        awsRegion: region,
      }),
    ),
  };
}

/** A Lambda context whose clock runs from the call, as in one invoke. */
export function lambdaContext(
  requestId: string,
  timeoutMs: number,
  functionName = 'presence-gate-bench',
): Context {
  const deadline = Date.now() + timeoutMs;
  const arn = `arn:aws:lambda:${region}:${account}:function:`;
  const unsupported = () => {
    throw new Error('the bench context has no callbacks');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: arn + functionName,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'bench',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}

/** The serverless.yml timeouts of the http and queue functions. */
export const functionTimeoutMs = { http: 20_000, sqs: 30_000 } as const;
