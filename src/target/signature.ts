import { createHmac, timingSafeEqual } from 'node:crypto';

export const signatureHeader = 'X-Presence-Gate-Signature';

function hmac(key: string, timestamp: number, body: string): string {
  return createHmac('sha256', key).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * `t=<unix seconds>,v1=<hex>`, with one `v1` per key: during a rotation the
 * gate signs with the new and the previous key, so a target holding either
 * one accepts the request.
 */
export function signBody(
  body: string,
  keys: readonly string[],
  nowSeconds: number,
): string {
  const signatures = keys.map((key) => `v1=${hmac(key, nowSeconds, body)}`);
  return [`t=${nowSeconds}`, ...signatures].join(',');
}

/**
 * What a target runs on the gate's forwards, and the gate on its callers:
 * true when one `v1` matches one of `keys` and `t` lies within
 * `toleranceSeconds` of now.
 */
export function verifySignature(
  header: string,
  body: string,
  keys: readonly string[],
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const parts = header.split(',').map((part) => part.trim().split('='));
  const timestamp = Number(parts.find(([name]) => name === 't')?.[1]);
  if (!Number.isInteger(timestamp)) return false;
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;

  const given = parts
    .filter(([name, value]) => name === 'v1' && value)
    .map(([, value]) => Buffer.from(value ?? '', 'hex'));
  return keys.some((key) => {
    const expected = Buffer.from(hmac(key, timestamp, body), 'hex');
    return given.some(
      (candidate) =>
        candidate.length === expected.length &&
        timingSafeEqual(candidate, expected),
    );
  });
}
