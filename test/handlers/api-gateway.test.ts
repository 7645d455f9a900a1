import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { InvalidInputError } from '../../src/errors';
import {
  type ApiGatewayEvent,
  isPost,
  readJsonBody,
  requestIdOf,
} from '../../src/handlers/api-gateway';

const envelope = { agentId: 'a0000000-0000-4000-8000-000000000001' };

function httpApiEvent(
  overrides: Partial<APIGatewayProxyEventV2> = {},
): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'POST /notifications',
    rawPath: '/notifications',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    requestContext: {} as APIGatewayProxyEventV2['requestContext'],
    body: JSON.stringify(envelope),
    isBase64Encoded: false,
    ...overrides,
  };
}

function restEvent(
  overrides: Partial<APIGatewayProxyEvent>,
): APIGatewayProxyEvent {
  return { ...httpApiEvent(), ...overrides } as unknown as APIGatewayProxyEvent;
}

function refusal(event: APIGatewayProxyEventV2 | APIGatewayProxyEvent) {
  try {
    readJsonBody(event, 1024);
  } catch (error) {
    return error as InvalidInputError;
  }
  throw new Error('readJsonBody accepted the event');
}

describe('readJsonBody', () => {
  it('parses a plain JSON body', () => {
    expect(readJsonBody(httpApiEvent(), 1024)).toEqual(envelope);
  });

  it('decodes a base64 body', () => {
    const body = Buffer.from(JSON.stringify(envelope)).toString('base64');
    const event = httpApiEvent({ body, isBase64Encoded: true });

    expect(readJsonBody(event, 1024)).toEqual(envelope);
  });

  it('finds Content-Type in any case', () => {
    const event = restEvent({ headers: { 'CONTENT-TYPE': 'text/plain' } });

    expect(refusal(event).code).toBe('unsupported_media_type');
  });

  it.each([
    ['application/json; charset=utf-8'],
    ['application/problem+json'],
    [' Application/JSON '],
  ])('accepts the media type %s', (type) => {
    const event = httpApiEvent({ headers: { 'content-type': type } });

    expect(readJsonBody(event, 1024)).toEqual(envelope);
  });

  it('reads a body without Content-Type as JSON', () => {
    const event = restEvent({ headers: null as never });

    expect(readJsonBody(event, 1024)).toEqual(envelope);
  });

  it.each([
    ['null', null],
    ['absent', undefined],
    ['empty', ''],
  ])('refuses a %s body as empty_body', (_, body) => {
    const event = restEvent({ body: body as string | null });

    expect(refusal(event)).toMatchObject({ code: 'empty_body', status: 400 });
  });

  it('measures the size limit on the decoded body', () => {
    const payload = JSON.stringify({ ...envelope, pad: 'x'.repeat(1000) });
    const event = httpApiEvent({
      body: Buffer.from(payload).toString('base64'),
      isBase64Encoded: true,
    });

    expect(refusal(event)).toMatchObject({
      code: 'payload_too_large',
      status: 413,
    });
  });

  it('refuses a form body as unsupported_media_type with 415', () => {
    const event = httpApiEvent({
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

    expect(refusal(event)).toMatchObject({ status: 415 });
  });

  it('refuses text that is not JSON as invalid_json', () => {
    const event = httpApiEvent({ body: 'Foo!' });

    expect(refusal(event)).toMatchObject({ code: 'invalid_json', status: 400 });
  });
});

describe('reading a malformed event', () => {
  it.each([
    ['a number', 42],
    ['an object', envelope],
  ])('refuses a body that is %s as invalid_json', (_, body) => {
    const event = restEvent({ body: body as never });

    expect(refusal(event)).toMatchObject({ code: 'invalid_json', status: 400 });
  });

  it.each([
    ['a number', 415],
    ['an array', ['application/json']],
  ])('refuses a Content-Type that is %s with 415', (_, type) => {
    const event = restEvent({ headers: { 'content-type': type as never } });

    expect(refusal(event)).toMatchObject({ status: 415 });
  });

  it('reads a null Content-Type as none', () => {
    const event = restEvent({ headers: { 'content-type': null as never } });

    expect(readJsonBody(event, 1024)).toEqual(envelope);
  });

  it('decodes base64 only when isBase64Encoded is true', () => {
    const event = restEvent({
      body: JSON.stringify(envelope),
      isBase64Encoded: 'false' as never,
    });

    expect(readJsonBody(event, 1024)).toEqual(envelope);
  });

  it.each([
    ['null', null],
    ['a number', 7],
    ['a string', 'POST /notifications'],
  ])('reads an event that is %s as one with no body', (_, event) => {
    expect(refusal(event as never)).toMatchObject({ code: 'empty_body' });
  });

  it.each([
    ['null', { httpMethod: null }],
    ['a number', { httpMethod: 1 }],
    ['an object', { requestContext: { http: { method: {} } } }],
  ])('takes a method that is %s for something else than POST', (_, event) => {
    expect(isPost(event as unknown as ApiGatewayEvent)).toBe(false);
  });

  it('takes an event without a method for a POST', () => {
    expect(isPost({} as ApiGatewayEvent)).toBe(true);
  });

  it.each([
    ['not an object', null],
    ['a request context of null', { requestContext: null }],
    ['a request id that is a number', { requestContext: { requestId: 9 } }],
  ])('finds no request id in an event with %s', (_, event) => {
    expect(requestIdOf(event as unknown as ApiGatewayEvent)).toBeUndefined();
  });

  it('refuses a body flagged base64 that is not base64', () => {
    const encoded = Buffer.from(JSON.stringify(envelope)).toString('base64');
    const body = `${encoded}$$$`;
    const event = httpApiEvent({ body, isBase64Encoded: true });

    expect(refusal(event)).toMatchObject({
      code: 'invalid_base64',
      status: 400,
    });
  });

  it('refuses bytes that are not UTF-8', () => {
    const bytes = Buffer.concat([
      Buffer.from(
        '{"agentId":"a0000000-0000-4000-8000-000000000001","payload":"',
      ),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}'),
    ]);
    const event = httpApiEvent({
      body: bytes.toString('base64'),
      isBase64Encoded: true,
    });

    expect(refusal(event)).toMatchObject({ code: 'invalid_json', status: 400 });
  });

  it('refuses a compressed body with 415', () => {
    const event = httpApiEvent({
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      },
    });

    expect(refusal(event)).toMatchObject({ status: 415 });
  });

  it('refuses a JSON body in another charset with 415', () => {
    const event = httpApiEvent({
      headers: { 'content-type': 'application/json; charset=latin1' },
    });

    expect(refusal(event)).toMatchObject({ status: 415 });
  });
});
