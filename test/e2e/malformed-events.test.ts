import { readdirSync, readFileSync } from 'node:fs';
import { METHODS } from 'node:http';
import { join } from 'node:path';
import axios from 'axios';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LocalStack } from '../../dev/local-stack';
import {
  badHttpApiEvent,
  badInvokeEvent,
  badPipesEvent,
  badRequestParts,
  badRestEvent,
  badSqsEvent,
  type RequestParts,
} from '../handlers/arbitraries';
import { agents, postNotification, shareStack, useStack } from './stack';

/**
 * Malformed events through the local stack as AWS would deliver them: the
 * real samples in test/fixtures/malformed and a few hundred generated
 * events per function, over the Lambda Invoke API and over HTTP.
 */

const maxBytes = 4096;
const runs = { numRuns: 100 };
const fixtures = join(import.meta.dirname, '../fixtures/malformed');

const samples = readdirSync(fixtures)
  .filter((file) => file.endsWith('.json'))
  .map((file) => ({
    file,
    event: JSON.parse(readFileSync(join(fixtures, file), 'utf8')) as unknown,
  }));

const stackOf = shareStack({
  env: { MAX_NOTIFICATION_BYTES: String(maxBytes) },
});

type FunctionName = 'http' | 'queue' | 'pipeline' | 'invoke';

/** What a function answered through the Lambda Invoke API. */
async function invoke(stack: LocalStack, name: FunctionName, event: unknown) {
  const response = await axios.post(
    stack.api.invokeUrlOf(name),
    JSON.stringify(event ?? null),
    { headers: { 'content-type': 'application/json' } },
  );
  expect(response.headers['x-amz-function-error']).toBeUndefined();
  return response.data as unknown;
}

function expectRefusal(result: unknown) {
  const { statusCode, body } = result as { statusCode: number; body: string };
  expect(statusCode).toBeGreaterThanOrEqual(400);
  expect(statusCode).toBeLessThan(500);
  expect(JSON.parse(body)).toEqual({
    error: { code: expect.any(String), message: expect.any(String) },
  });
}

function expectInvalidAnswers(answers: unknown) {
  for (const answer of Array.isArray(answers) ? answers : [answers]) {
    expect(answer).toMatchObject({
      outcome: 'drop',
      reason: 'invalid_notification',
    });
  }
}

const expectations: Record<FunctionName, (answer: unknown) => void> = {
  http: expectRefusal,
  queue: (answer) => expect(answer).toEqual({ batchItemFailures: [] }),
  pipeline: (answer) => expect(answer).toEqual([]),
  invoke: expectInvalidAnswers,
};

async function expectNothingAsked(stack: LocalStack) {
  expect((await stack.genesys.control.readCounters()).total).toBe(0);
  expect(await stack.secretsControl.counters()).toEqual({});
}

describe('the real malformed samples, to every function', () => {
  const names = Object.keys(expectations) as FunctionName[];
  const cases = samples.flatMap((sample) =>
    names.map((name) => ({ ...sample, name })),
  );

  it.each(cases)('$file to $name: its final answer', async (sample) => {
    // Act
    const answer = await invoke(stackOf(), sample.name, sample.event);

    // Assess
    expectations[sample.name](answer);
  });

  it.each([
    ['apigw-rest-get-text-body.json', 405, 'method_not_allowed'],
    ['apigw-http-get-no-body.json', 405, 'method_not_allowed'],
    ['apigw-http-post-no-body.json', 400, 'empty_body'],
    ['apigw-rest-post-null-body.json', 400, 'empty_body'],
  ])('%s to http: %i %s', async (file, status, code) => {
    // Prepare
    const sample = samples.find((s) => s.file === file);

    // Act
    const answer = await invoke(stackOf(), 'http', sample?.event);

    // Assess
    const { statusCode, body } = answer as { statusCode: number; body: string };
    expect(statusCode).toBe(status);
    expect(JSON.parse(body).error.code).toBe(code);
  });

  it('ask Genesys nothing and read no secret', async () => {
    // Act
    for (const { event } of samples) {
      for (const name of names) await invoke(stackOf(), name, event);
    }

    // Assess
    await expectNothingAsked(stackOf());
  });
});

describe('generated malformed events through the local stack', () => {
  it.each([
    ['http', 'REST API events', badRestEvent(maxBytes)],
    ['http', 'HTTP API events', badHttpApiEvent(maxBytes)],
    ['queue', 'SQS events', badSqsEvent],
    ['pipeline', 'Pipes batches', badPipesEvent],
    ['invoke', 'invoke items', badInvokeEvent],
  ] as const)('%s: %s get their final answer', async (name, _, events) => {
    // Act
    await fc.assert(
      fc.asyncProperty(events, async (event) => {
        const answer = await invoke(stackOf(), name, event);

        // Assess
        expectations[name](answer);
      }),
      runs,
    );

    // Assess
    await expectNothingAsked(stackOf());
  });

  it('answers malformed HTTP requests with a 4xx', async () => {
    // Prepare
    const requests = badRequestParts(maxBytes).filter(sendable);

    // Act
    await fc.assert(
      fc.asyncProperty(requests, async (parts) => {
        const response = await send(stackOf(), parts);

        // Assess
        expectRefusal({
          statusCode: response.status,
          body: JSON.stringify(response.data),
        });
      }),
      runs,
    );

    // Assess
    await expectNothingAsked(stackOf());
  });

  it('refuses a payload nested 10000 deep with 400, not 503', async () => {
    // Prepare
    const stack = await useStack();
    const depth = 10_000;
    const payload = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const body = `{"agentId":"${agents.onQueueIdle}","payload":${payload}}`;

    // Act
    const response = await postNotification(stack, body);

    // Assess
    expect(response.status).toBe(400);
    expect(response.data.error.message).toBe(
      'payload must not nest more than 64 levels',
    );
  });
});

/** What an HTTP client can send: a text body, a method token, a header
 * value of visible characters. */
function sendable(parts: RequestParts): boolean {
  const { body, contentType } = parts;
  const method = parts.method === undefined ? 'POST' : parts.method;
  return (
    typeof body === 'string' &&
    typeof method === 'string' &&
    METHODS.includes(method) &&
    !['HEAD', 'CONNECT', 'TRACE'].includes(method) &&
    (contentType === undefined ||
      (typeof contentType === 'string' && /^[!-~][ -~]*$/.test(contentType)))
  );
}

function send(stack: LocalStack, parts: RequestParts) {
  return axios.request({
    url: `${stack.api.url}/notifications`,
    method: parts.method === undefined ? 'POST' : (parts.method as string),
    data: parts.body,
    headers: { 'content-type': (parts.contentType as string) ?? null },
    transformRequest: (data) => data,
    validateStatus: () => true,
  });
}
