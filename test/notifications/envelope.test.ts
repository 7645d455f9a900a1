import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors';
import {
  maxPayloadDepth,
  nestsWithin,
  parseEnvelope,
  parseRawPayload,
} from '../../src/notifications/envelope';
import { deeplyNested } from '../handlers/arbitraries';

const agentId = 'a0000000-0000-4000-8000-000000000001';

function rejection(value: unknown): InvalidInputError {
  try {
    parseEnvelope(value);
  } catch (error) {
    return error as InvalidInputError;
  }
  throw new Error('parseEnvelope accepted the envelope');
}

describe('parseEnvelope', () => {
  it('keeps id, agent id and payload', () => {
    const payload = { text: 'hello', nested: [1, null] };

    expect(parseEnvelope({ id: 'n-1', agentId, payload })).toEqual({
      id: 'n-1',
      agentId,
      payload,
    });
  });

  it('takes the fallback id when the envelope has none', () => {
    expect(parseEnvelope({ agentId, payload: 1 }, 'sqs-message-id').id).toBe(
      'sqs-message-id',
    );
  });

  it('generates a UUID id when there is neither', () => {
    expect(parseEnvelope({ agentId, payload: 1 }).id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('accepts a null payload', () => {
    expect(parseEnvelope({ agentId, payload: null }).payload).toBeNull();
  });

  it.each([
    [{ payload: 1 }, 'agentId is required'],
    [{ agentId, payload: 1, id: '' }, 'id must be 1-128 characters'],
    [
      { agentId, payload: 1, id: 'a'.repeat(129) },
      'id must be 1-128 characters',
    ],
    [{ agentId, payload: 1, id: 'a/b' }, 'id must be 1-128 characters'],
    [{ agentId, payload: 1, id: 7 }, 'id must be a string'],
    [
      { agentId: 'not-a-uuid', payload: 1 },
      'agentId must be a Genesys Cloud user id',
    ],
    [
      { agentId: `${agentId}/../x`, payload: 1 },
      'agentId must be a Genesys Cloud user id',
    ],
    [{ agentId: `${agentId}?state=deleted`, payload: 1 }, 'agentId must be'],
    [{ agentId }, 'payload is required'],
    [[], 'must be a JSON object'],
    ['text', 'must be a JSON object'],
    [null, 'must be a JSON object'],
  ])('rejects %j as invalid_notification', (value, message) => {
    const error = rejection(value);

    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.code).toBe('invalid_notification');
    expect(error.message).toContain(message);
  });
});

describe('parseRawPayload', () => {
  const pointers = { agentId: '/agent/id', notificationId: '/meta/id' };

  it('reads the ids by pointer and keeps the whole payload', () => {
    const raw = { agent: { id: agentId }, meta: { id: 'm-1' }, text: 'hi' };

    expect(parseRawPayload(raw, pointers)).toEqual({
      id: 'm-1',
      agentId,
      payload: raw,
    });
  });

  it('takes the fallback id when the payload has none', () => {
    const raw = { agent: { id: agentId } };

    expect(parseRawPayload(raw, pointers, 'message-7').id).toBe('message-7');
  });

  it.each([
    [{ agent: {} }, 'the value at /agent/id is missing'],
    [{ agent: { id: 'x' } }, 'the value at /agent/id must be a Genesys'],
    [{ agent: { id: agentId }, meta: { id: 'a b' } }, 'the value at /meta/id'],
    ['text', 'the payload must be a JSON object or array'],
  ])('rejects %j naming the pointer', (raw, message) => {
    expect(() => parseRawPayload(raw, pointers)).toThrow(message);
  });
});

describe('the payload depth limit', () => {
  it('accepts a payload nested as deep as allowed', () => {
    const payload = deeplyNested(maxPayloadDepth);

    expect(parseEnvelope({ agentId, payload }).payload).toBe(payload);
  });

  it('refuses a payload nested one level deeper', () => {
    const payload = deeplyNested(maxPayloadDepth + 1);

    expect(rejection({ agentId, payload }).message).toBe(
      'payload must not nest more than 64 levels',
    );
  });

  it('measures a payload too deep for recursion without failing', () => {
    expect(nestsWithin(deeplyNested(100_000), maxPayloadDepth)).toBe(false);
  });

  it.each([
    ['a scalar', 0, 'text'],
    ['an empty object', 1, {}],
    ['an array in an object', 2, { list: [1, 2] }],
  ])('takes %s as nesting %i levels', (_, depth, value) => {
    expect(nestsWithin(value, depth)).toBe(true);
    if (depth > 0) expect(nestsWithin(value, depth - 1)).toBe(false);
  });

  it('refuses a raw payload nested too deep', () => {
    const raw = { agent: { id: agentId }, body: deeplyNested(100) };
    const pointers = { agentId: '/agent/id', notificationId: null };

    expect(() => parseRawPayload(raw, pointers)).toThrow(
      'the payload must not nest more than 64 levels',
    );
  });
});
