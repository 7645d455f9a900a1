import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { envelopeSchema } from '../../src/notifications/envelope';
import { Reason } from '../../src/policy/reasons';
import {
  agents,
  notificationFor,
  postNotification,
  shareStack,
  useStack,
} from '../e2e/stack';

/**
 * docs/openapi.json against the code: its request schema is the
 * validation schema, and real answers of the local stack fit its response
 * schemas, status by status.
 */

const document = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../docs/openapi.json'), 'utf8'),
);
const operation = document.paths['/notifications'].post;
const documented = ['200', '400', '401', '405', '413', '415', '500', '503'];

/** A schema without the keywords that only explain, for comparing. */
function withoutAnnotations(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutAnnotations);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key]) => !['description', 'examples', 'title'].includes(key))
      .map(([key, value]) => [key, withoutAnnotations(value)]),
  );
}

/** The document's schemas as one JSON Schema, its $refs made local. */
function compileResponse(status: string) {
  const text = JSON.stringify({
    $defs: document.components.schemas,
    ...operation.responses[status].content['application/json'].schema,
  }).replaceAll('#/components/schemas/', '#/$defs/');
  const ajv = new Ajv2020({ allErrors: true, validateFormats: false });
  return ajv.compile(JSON.parse(text));
}

/** Asserts that `body` fits the schema documented for `status`. */
function expectDocumented(status: number, body: unknown) {
  const validate = compileResponse(String(status));
  validate(body);
  expect(validate.errors ?? []).toEqual([]);
}

describe('docs/openapi.json', () => {
  it('takes its request schema from the validation schema', () => {
    // Prepare
    const { $schema: _, ...generated } = z.toJSONSchema(envelopeSchema, {
      io: 'input',
    });

    // Act
    const schema = withoutAnnotations(document.components.schemas.Notification);

    // Assess
    expect(schema).toEqual(generated);
    expect(operation.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Notification',
    });
  });

  it('lists the reason codes an HTTP answer may carry', () => {
    // Act
    const reasons = document.components.schemas.Answer.properties.reason.enum;

    // Assess
    const answered = Object.values(Reason).filter(
      (reason) => reason !== Reason.invalidNotification,
    );
    expect([...reasons].sort()).toEqual([...answered].sort());
  });

  it('documents every status the HTTP function answers', () => {
    expect(Object.keys(operation.responses).sort()).toEqual(documented);
  });

  it('gives the 503 a Retry-After header', () => {
    expect(operation.responses['503'].headers['Retry-After']).toMatchObject({
      required: true,
      schema: { type: 'integer' },
    });
  });

  it('refuses by schema what the gate refuses', () => {
    // Prepare
    const ajv = new Ajv2020({ validateFormats: false });
    const validate = ajv.compile(document.components.schemas.Notification);

    // Act
    const accepted = [
      notificationFor(agents.onQueueIdle),
      notificationFor('agent-7'),
      { agentId: agents.onQueueIdle },
      { ...notificationFor(agents.onQueueIdle), id: 'a b' },
    ].map((notification) => validate(notification));

    // Assess
    expect(accepted).toEqual([true, false, false, false]);
  });
});

describe('real answers against docs/openapi.json', () => {
  const stack = shareStack({ env: { MAX_NOTIFICATION_BYTES: '1024' } });
  const json = { 'content-type': 'application/json' };

  it.each([
    ['a forward', notificationFor(agents.onQueueIdle)],
    ['a drop', notificationFor(agents.away)],
    ['a drop of an unknown agent', notificationFor(agents.missing)],
  ])('fits 200 for %s', async (_, notification) => {
    // Act
    const response = await postNotification(stack(), notification);

    // Assess
    expect(response.status).toBe(200);
    expectDocumented(200, response.data);
  });

  it.each([
    ['no body', '', json],
    ['text that is not JSON', 'Foo!', json],
    ['an agent id that is no UUID', notificationFor('agent-7'), json],
    [
      'a body too big',
      notificationFor(agents.away, { pad: 'x'.repeat(2000) }),
      json,
    ],
    [
      'text/plain',
      notificationFor(agents.away),
      { 'content-type': 'text/plain' },
    ],
  ])('fits its status for %s', async (_, body, headers) => {
    // Act
    const response = await postNotification(stack(), body, headers);

    // Assess
    expect(response.status).toBeGreaterThanOrEqual(400);
    expectDocumented(response.status, response.data);
  });

  it('fits 405 for a GET', async () => {
    // Act
    const response = await fetch(`${stack().api.url}/notifications`);

    // Assess
    expect(response.status).toBe(405);
    expectDocumented(405, await response.json());
  });

  it.each([
    [401, 'an unsigned caller', { callerKeys: ['caller-key-0123456789'] }],
    [500, 'a secret without clientSecret', { clientSecret: null }],
  ])('fits %i for %s', async (status, _, secret) => {
    // Prepare
    const other = await useStack({ secret });

    // Act
    const response = await postNotification(
      other,
      notificationFor(agents.onQueueIdle),
    );

    // Assess
    expect(response.status).toBe(status);
    expectDocumented(status, response.data);
  });

  it('fits 503 for a retry answer, with Retry-After', async () => {
    // Prepare
    const failing = await useStack();
    await failing.genesys.control.addFault({
      fault: { kind: 'status', status: 503 },
      target: 'api',
    });

    // Act
    const response = await postNotification(
      failing,
      notificationFor(agents.onQueueIdle),
    );

    // Assess
    expect(response.status).toBe(503);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expectDocumented(503, response.data);
  });

  it('fits 503 for an unexpected failure, with Retry-After', async () => {
    // Prepare
    const failing = await useStack({
      secret: { callerKeys: ['caller-key-0123456789'] },
    });
    await failing.secretsControl.fail();

    // Act
    const response = await postNotification(
      failing,
      notificationFor(agents.onQueueIdle),
    );

    // Assess
    expect(response.status).toBe(503);
    expect(response.data.error.code).toBe('unavailable');
    expectDocumented(503, response.data);
  });

  it('refuses an answer that the document does not describe', () => {
    // Act
    const validate = compileResponse('200');

    // Assess
    expect(validate({ outcome: 'forward', reason: 'agent_available' })).toBe(
      false,
    );
  });
});
