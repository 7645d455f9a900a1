import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createHttpHandler } from '../../src/handlers/http';
import { createSqsHandler } from '../../src/handlers/sqs';
import { createLogger } from '../../src/observability/logger';
import { captureOutput } from '../observability/capture';
import { agents, notificationFor, useStack } from './stack';

const context = {
  functionName: 'presence-gate-dev-http',
  functionVersion: '$LATEST',
  invokedFunctionArn:
    'arn:aws:lambda:eu-west-1:123456789012:function:presence-gate-dev-http',
  memoryLimitInMB: '512',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  getRemainingTimeInMillis: () => 5_000,
} as unknown as Context;

const decisionFields = [
  'level',
  'message',
  'timestamp',
  'service',
  'cold_start',
  'function_request_id',
  'trigger',
  'notificationId',
  'agentId',
  'outcome',
  'reason',
  'presence',
  'routingStatus',
  'cacheHit',
  'durationMs',
];

function httpEvent(body: unknown) {
  return {
    version: '2.0',
    requestContext: { http: { method: 'POST' }, requestId: 'api-req-1' },
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  } as never;
}

function parseLines(lines: string[]): Record<string, unknown>[] {
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('the decision log', () => {
  it('writes one JSON decision line with the documented fields', async () => {
    // Prepare
    const stack = await useStack({ logger: createLogger('INFO') });
    const handler = createHttpHandler(() => stack.gate);
    const output = captureOutput();

    // Act
    await handler(httpEvent(notificationFor(agents.onQueueIdle)), context);

    // Assess
    const entries = parseLines(output.lines());
    const decisions = entries.filter((e) => e.message === 'decision');
    expect(decisions).toHaveLength(1);
    expect(Object.keys(decisions[0] ?? {})).toEqual(
      expect.arrayContaining(decisionFields),
    );
    expect(decisions[0]).toMatchObject({
      trigger: 'http',
      correlation_id: 'api-req-1',
      outcome: 'forward',
      reason: 'agent_available',
      rule: 'on-queue',
      presence: 'ON_QUEUE',
      routingStatus: 'IDLE',
      cacheHit: false,
    });
  });

  it('writes one decision line per SQS record', async () => {
    // Prepare
    const stack = await useStack({ logger: createLogger('INFO') });
    const handler = createSqsHandler(() => stack.gate);
    const records = [agents.onQueueIdle, agents.away].map((agentId, n) => ({
      messageId: `m-${n}`,
      body: JSON.stringify(notificationFor(agentId, { id: `n-${n}` })),
      attributes: {},
    }));
    const output = captureOutput();

    // Act
    await handler({ Records: records } as never, context);

    // Assess
    const entries = parseLines(output.lines());
    const decisions = entries.filter((e) => e.message === 'decision');
    expect(
      decisions.map((d) => [d.trigger, d.notificationId, d.outcome]),
    ).toEqual(
      expect.arrayContaining([
        ['sqs', 'n-0', 'forward'],
        ['sqs', 'n-1', 'drop'],
      ]),
    );
  });

  it('names the trigger of each invocation of a shared gate', async () => {
    // Prepare
    const stack = await useStack({ logger: createLogger('INFO') });
    const http = createHttpHandler(() => stack.gate);
    const sqs = createSqsHandler(() => stack.gate);
    const record = (id: string) => ({
      messageId: id,
      body: JSON.stringify(notificationFor(agents.onQueueIdle, { id })),
      attributes: {},
    });
    const output = captureOutput();

    // Act
    const post = (id: string) =>
      http(httpEvent(notificationFor(agents.onQueueIdle, { id })), context);
    await post('h-1');
    await post('h-2');
    await sqs({ Records: [record('s-1')] } as never, context);
    await post('h-3');

    // Assess
    const decisions = parseLines(output.lines()).filter(
      (e) => e.message === 'decision',
    );
    expect(decisions.map((d) => [d.notificationId, d.trigger])).toEqual([
      ['h-1', 'http'],
      ['h-2', 'http'],
      ['s-1', 'sqs'],
      ['h-3', 'http'],
    ]);
  });

  it('writes nothing but JSON lines', async () => {
    // Prepare
    const stack = await useStack({ logger: createLogger('DEBUG') });
    const handler = createHttpHandler(() => stack.gate);
    const output = captureOutput();

    // Act
    await handler(httpEvent(notificationFor(agents.missing)), context);
    await handler(httpEvent({ agentId: 'nope' }), context);

    // Assess
    const lines = output.lines();
    expect(lines.length).toBeGreaterThan(1);
    expect(() => parseLines(lines)).not.toThrow();
  });
});
