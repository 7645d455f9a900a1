import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signBody, verifySignature } from '../../src/target/signature';

const body = '{"text":"hello"}';
const key = 'current-signing-key-0123';
const previous = 'previous-signing-key-0123';

describe('signBody', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 in hex', () => {
    const expected = createHmac('sha256', key)
      .update(`1700000000.${body}`)
      .digest('hex');

    expect(signBody(body, [key], 1_700_000_000)).toBe(
      `t=1700000000,v1=${expected}`,
    );
  });

  it('adds one v1 per key during a rotation', () => {
    const header = signBody(body, [key, previous], 1_700_000_000);

    expect(header.split(',v1=')).toHaveLength(3);
  });
});

describe('verifySignature', () => {
  const now = 1_700_000_000;

  it('accepts a body signed with the key', () => {
    const header = signBody(body, [key], now);

    expect(verifySignature(header, body, [key], now + 10)).toBe(true);
  });

  it('accepts both keys of a rotation at a target holding the old', () => {
    const header = signBody(body, [key, previous], now);

    expect(verifySignature(header, body, [previous], now)).toBe(true);
  });

  it('rejects a changed body', () => {
    const header = signBody(body, [key], now);

    expect(verifySignature(header, `${body} `, [key], now)).toBe(false);
  });

  it('rejects another key', () => {
    const header = signBody(body, [key], now);

    expect(verifySignature(header, body, ['another-key-0123456'], now)).toBe(
      false,
    );
  });

  it('rejects a timestamp outside the tolerance', () => {
    const header = signBody(body, [key], now);

    expect(verifySignature(header, body, [key], now + 301)).toBe(false);
  });

  it.each(['', 't=abc,v1=00', 'v1=00', 't=1700000000', 't=1700000000,v1=zz'])(
    'rejects the malformed header %j',
    (header) => {
      expect(verifySignature(header, body, [key], now)).toBe(false);
    },
  );
});
