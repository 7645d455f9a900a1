import { describe, expect, it } from 'vitest';
import { describeRateLimit, readRateLimit } from '../../src/cli/rate-limit';

describe('readRateLimit', () => {
  it('reads the headroom from the inin-ratelimit headers', () => {
    // Act
    const limit = readRateLimit({
      'inin-ratelimit-allowed': '180',
      'inin-ratelimit-count': '12',
      'inin-ratelimit-reset': '61',
    });

    // Assess
    expect(limit).toEqual({
      allowed: 180,
      used: 12,
      remaining: 168,
      resetSeconds: 61,
    });
  });

  it.each([
    [undefined],
    [{}],
    [{ 'inin-ratelimit-allowed': '300' }],
    [{ 'inin-ratelimit-allowed': 'many', 'inin-ratelimit-count': '1' }],
    [{ 'inin-ratelimit-allowed': '', 'inin-ratelimit-count': '1' }],
  ])('answers null for %j', (headers) => {
    expect(readRateLimit(headers)).toBeNull();
  });

  it('says when Genesys Cloud reported no limit', () => {
    expect(describeRateLimit(null)).toBe('rate limit not reported');
  });
});
