import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { demoClient } from '../../dev/genesys-sim';
import { demoSigningKey, type LocalStack } from '../../dev/local-stack';
import { createHttpHandler } from '../../src/handlers/http';
import { createInvokeHandler } from '../../src/handlers/invoke';
import { createPipesHandler } from '../../src/handlers/pipes';
import { createSqsHandler } from '../../src/handlers/sqs';
import { createLogger } from '../../src/observability/logger';
import { agents, createClock, shareStack } from '../e2e/stack';
import { recordRequests } from '../net/requests-seen';
import {
  type CapturedOutput,
  captureOutput,
  findCredentialShapes,
  findSecrets,
} from '../observability/capture';
import {
  badCallerSignature,
  badHttpApiEvent,
  badInvokeEvent,
  badPipesEvent,
  badQueuedRecord,
  badRawPayload,
  badRestEvent,
  badSqsEvent,
  casing,
  httpApiEventOf,
  inboundCredentials,
  notAnApiEvent,
  rawPointers,
  restEventOf,
  validRequestParts,
} from './arbitraries';

/**
 * Thousands of malformed events per trigger, straight into the handlers of
 * one gate on the local stand-ins: every one gets its documented final
 * answer, and none costs a secret read or a Genesys call.
 */

const maxBytes = 4096;
/** Events per trigger; a batch holds up to 6 records or items. */
const runsPerTrigger = { numRuns: 1000 };

/** The status of each code a refused request may get. */
const refusals: Record<string, number> = {
  empty_body: 400,
  invalid_json: 400,
  invalid_notification: 400,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
};

const secrets = {
  ...inboundCredentials,
  clientSecret: demoClient.clientSecret,
  signingKey: demoSigningKey,
};

const stackOf = shareStack({
  env: { MAX_NOTIFICATION_BYTES: String(maxBytes) },
  logger: createLogger('DEBUG'),
});

function handlersOf(stack: LocalStack) {
  const gate = () => stack.gate;
  return {
    http: createHttpHandler(gate) as (
      event: unknown,
    ) => ReturnType<ReturnType<typeof createHttpHandler>>,
    sqs: createSqsHandler(gate) as (
      event: unknown,
    ) => ReturnType<ReturnType<typeof createSqsHandler>>,
    pipes: createPipesHandler(gate) as (event: unknown) => Promise<unknown[]>,
    invoke: createInvokeHandler(gate),
  };
}

async function expectNothingAsked(stack: LocalStack) {
  expect(stack.genesys.readCounters().total).toBe(0);
  expect(await stack.secretsControl.counters()).toEqual({});
}

function expectNothingRepeated(output: CapturedOutput, answers: string[]) {
  const texts = [...output.lines(), ...answers];
  expect(findSecrets(texts, secrets)).toEqual([]);
  expect(findCredentialShapes(texts)).toEqual([]);
}

function expectRefusal(result: {
  statusCode: number;
  headers?: Record<string, unknown>;
  body: string;
}) {
  const { error } = JSON.parse(result.body);
  expect(refusals[error?.code]).toBe(result.statusCode);
  expect(error.message).toEqual(expect.any(String));
  expect(result.headers?.['content-type']).toBe('application/json');
}

function expectInvalidAnswer(answer: unknown) {
  expect(answer).toEqual({
    notificationId: expect.toSatisfy((id) => id === null || id !== ''),
    outcome: 'drop',
    reason: 'invalid_notification',
    error: { code: expect.any(String), message: expect.any(String) },
  });
}

type Handlers = ReturnType<typeof handlersOf>;

interface TriggerCase {
  title: string;
  events: fc.Arbitrary<unknown>;
  handle: (handlers: Handlers, event: unknown) => Promise<unknown>;
  /** Asserts the documented final answer to `event`. */
  expectAnswer: (answer: unknown, event: unknown) => void;
  runs: { numRuns: number };
}

type HttpResult = Parameters<typeof expectRefusal>[0];

const triggers: TriggerCase[] = [
  {
    title: 'refuses every malformed REST API event with a 4xx',
    events: badRestEvent(maxBytes),
    handle: (handlers, event) => handlers.http(event),
    expectAnswer: (result) => expectRefusal(result as HttpResult),
    runs: runsPerTrigger,
  },
  {
    title: 'refuses every malformed HTTP API event with a 4xx',
    events: badHttpApiEvent(maxBytes),
    handle: (handlers, event) => handlers.http(event),
    expectAnswer: (result) => expectRefusal(result as HttpResult),
    runs: runsPerTrigger,
  },
  {
    title: 'refuses what is not an API Gateway event with a 4xx',
    events: notAnApiEvent,
    handle: (handlers, event) => handlers.http(event),
    expectAnswer: (result) => expectRefusal(result as HttpResult),
    runs: { numRuns: 300 },
  },
  {
    title: 'drops every malformed SQS record without reporting it',
    events: badSqsEvent,
    handle: (handlers, event) => handlers.sqs(event),
    expectAnswer: (result) => expect(result).toEqual({ batchItemFailures: [] }),
    runs: runsPerTrigger,
  },
  {
    title: 'hands on no malformed Pipes record',
    events: badPipesEvent,
    handle: (handlers, event) => handlers.pipes(event),
    expectAnswer: (result) => expect(result).toEqual([]),
    runs: runsPerTrigger,
  },
  {
    title: 'answers every malformed invoke item invalid_notification',
    events: badInvokeEvent,
    handle: (handlers, event) => handlers.invoke(event),
    expectAnswer: (result, event) => {
      const items = Array.isArray(event) ? event : [event];
      const results = Array.isArray(result) ? result : [result];
      expect(results).toHaveLength(items.length);
      for (const answer of results) expectInvalidAnswer(answer);
    },
    runs: runsPerTrigger,
  },
];

describe('malformed events, straight into the handlers', () => {
  it.each(triggers)('$title', async (trigger) => {
    // Prepare
    const handlers = handlersOf(stackOf());
    const output = captureOutput();
    const answers: string[] = [];

    // Act
    await fc.assert(
      fc.asyncProperty(trigger.events, async (event) => {
        const answer = await trigger.handle(handlers, event);
        answers.push(JSON.stringify(answer));

        // Assess
        trigger.expectAnswer(answer, event);
      }),
      trigger.runs,
    );

    // Assess
    await expectNothingAsked(stackOf());
    expectNothingRepeated(output, answers);
  });
});

describe('malformed raw payloads, ids read by pointer', () => {
  const rawStackOf = shareStack({ env: rawPointers });

  it('answers malformed invoked payloads invalid_notification', async () => {
    // Prepare
    const { invoke } = handlersOf(rawStackOf());

    // Act
    await fc.assert(
      fc.asyncProperty(badRawPayload, async (event) => {
        const answer = await invoke(event);

        // Assess
        expectInvalidAnswer(answer);
      }),
      { numRuns: 500 },
    );

    // Assess
    await expectNothingAsked(rawStackOf());
  });
});

describe('requests not signed by a caller key the secret holds', () => {
  const callerKey = 'caller-key-for-properties-01';
  const clock = createClock();
  const now = Math.floor(clock.now() / 1000);
  const signedStackOf = shareStack({
    secret: { callerKeys: [callerKey] },
    now: clock.now,
  });

  /** Valid requests of either event version, with a bad signature. */
  const badlySigned = fc
    .tuple(validRequestParts, casing, fc.boolean())
    .chain(([parts, name, rest]) => {
      const event = rest
        ? restEventOf(parts, name)
        : httpApiEventOf(parts, name);
      return badCallerSignature(String(parts.body), callerKey, now).map(
        (signature) => {
          if (signature === undefined) return event;
          const header = name('x-presence-gate-caller-signature');
          return {
            ...event,
            headers: { ...event.headers, [header]: signature },
          };
        },
      );
    });

  it('refuses each with 401 unauthorized, asking Genesys nothing', async () => {
    // Prepare
    const { http } = handlersOf(signedStackOf());

    // Act
    await fc.assert(
      fc.asyncProperty(badlySigned, async (event) => {
        const result = await http(event);

        // Assess
        expect(result.statusCode).toBe(401);
        expect(JSON.parse(result.body).error.code).toBe('unauthorized');
      }),
      runsPerTrigger,
    );

    // Assess
    expect(signedStackOf().genesys.readCounters().total).toBe(0);
  });
});

/** Valid records for demo agents, with ids that say they are valid. */
const validRecords = fc
  .array(fc.constantFrom(...Object.values(agents)), {
    minLength: 1,
    maxLength: 4,
  })
  .map((agentIds) =>
    agentIds.map((agentId, n) => ({
      messageId: `valid-${n}`,
      body: JSON.stringify({ id: `n-${n}`, agentId, payload: { n } }),
    })),
  );

const mixedBatch = fc
  .tuple(validRecords, fc.array(badQueuedRecord, { maxLength: 6 }))
  .chain(([valid, bad]) =>
    fc.shuffledSubarray([...valid, ...bad.map(labelBad)], {
      minLength: valid.length + bad.length,
    }),
  );

function labelBad(record: unknown, n: number): unknown {
  if (typeof record !== 'object' || record === null) return record;
  if (Array.isArray(record)) return record;
  return { ...record, messageId: `bad-${n}` };
}

/** Only reads of the valid records' agents, by path or by id list. */
function agentIdsAsked(urls: string[]): string[] {
  return urls.flatMap((target) => {
    const url = new URL(target, 'http://genesys.test');
    if (url.pathname === '/oauth/token') return [];
    if (url.pathname === '/api/v2/users') return url.searchParams.getAll('id');
    const user = /^\/api\/v2\/users\/([^/]+)(\/[a-z/]+)?$/.exec(url.pathname);
    return [user?.[1] ?? `unexpected ${target}`];
  });
}

describe('malformed records among valid ones', () => {
  beforeEach(async () => {
    await stackOf().genesys.control.setRateLimit(1_000_000);
    captureOutput();
  });

  it('reports no malformed SQS record, reads only valid agents', async () => {
    // Prepare
    const stack = stackOf();
    const { sqs } = handlersOf(stack);
    const seen = recordRequests(stack.genesys.url);

    // Act
    await fc.assert(
      fc.asyncProperty(mixedBatch, async (Records) => {
        const result = await sqs({ Records });

        // Assess
        expect(result).toEqual({ batchItemFailures: [] });
      }),
      { numRuns: 100 },
    );

    // Assess
    const valid: string[] = Object.values(agents);
    for (const id of agentIdsAsked(seen.urls())) expect(valid).toContain(id);
  });

  it('hands on only valid Pipes records', async () => {
    // Prepare
    const { pipes } = handlersOf(stackOf());

    // Act
    await fc.assert(
      fc.asyncProperty(mixedBatch, async (records) => {
        const result = await pipes(records);

        // Assess
        for (const record of result) {
          expect(record).toMatchObject({
            messageId: expect.stringMatching(/^valid-/),
          });
        }
      }),
      { numRuns: 100 },
    );
  });
});
