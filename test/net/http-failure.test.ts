import { AxiosError, AxiosHeaders } from 'axios';
import { describe, expect, it } from 'vitest';
import {
  describeHttpFailure,
  parseRetryAfter,
} from '../../src/net/http-failure';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-12-03T10:00:00Z');

  it('reads a number of seconds', () => {
    expect(parseRetryAfter('7', now)).toBe(7);
  });

  it('reads an HTTP date as the seconds until then', () => {
    expect(parseRetryAfter('Thu, 03 Dec 2026 10:00:05 GMT', now)).toBe(5);
  });

  it('reads a date in the past as zero', () => {
    expect(parseRetryAfter('Thu, 03 Dec 2026 09:00:00 GMT', now)).toBe(0);
  });

  it.each([[undefined], ['soon'], [''], [12]])('ignores %j', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});

describe('describeHttpFailure', () => {
  it('keeps status, error code and correlation id, never headers', () => {
    const request = { headers: { authorization: 'Bearer secret-token' } };
    const error = new AxiosError(
      'Request failed',
      'ERR_BAD_REQUEST',
      {
        headers: new AxiosHeaders({ authorization: 'Bearer secret-token' }),
      },
      request,
      {
        status: 429,
        statusText: 'Too Many Requests',
        data: { code: 'too.many.requests', message: 'slow down' },
        headers: { 'inin-correlation-id': 'corr-1', 'retry-after': '3' },
        config: { headers: new AxiosHeaders() },
      },
    );

    const failure = describeHttpFailure(error, 'genesys');

    expect(failure).toEqual({
      service: 'genesys',
      status: 429,
      code: 'too.many.requests',
      correlationId: 'corr-1',
      retryAfterSeconds: 3,
    });
    expect(JSON.stringify(failure)).not.toContain('secret-token');
  });

  it('keeps the error code of a failed connection', () => {
    const error = new AxiosError('connect ECONNREFUSED', 'ECONNREFUSED');

    expect(describeHttpFailure(error, 'target')).toEqual({
      service: 'target',
      code: 'ECONNREFUSED',
    });
  });
});
