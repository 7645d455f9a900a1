import { describe, expect, it } from 'vitest';
import { median, percentile, summariseLatencies } from '../../bench/stats';

const oneToHundred = Array.from({ length: 100 }, (_, n) => n + 1);

describe('percentile', () => {
  it.each([
    [50, 50],
    [95, 95],
    [99, 99],
    [100, 100],
    [0.5, 1],
  ])('gives the nearest-rank p%s of 1 … 100 as %s', (p, expected) => {
    expect(percentile(oneToHundred, p)).toBe(expected);
  });

  it('gives the largest value as p99 of fewer than 100 values', () => {
    expect(percentile([10, 20, 30], 99)).toBe(30);
  });

  it('gives the middle value as p50 of an odd count', () => {
    expect(percentile([10, 20, 30], 50)).toBe(20);
  });

  it('refuses no values and a p outside (0, 100]', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe('summariseLatencies', () => {
  it('sorts the values before it ranks them', () => {
    const shuffled = [...oneToHundred].reverse();

    expect(summariseLatencies(shuffled)).toEqual({
      count: 100,
      p50: 50,
      p95: 95,
      p99: 99,
      max: 100,
    });
  });

  it('gives nulls for no values', () => {
    expect(summariseLatencies([])).toEqual({
      count: 0,
      p50: null,
      p95: null,
      p99: null,
      max: null,
    });
  });
});

describe('median', () => {
  it('gives the lower middle of an even count, by nearest rank', () => {
    expect(median([4, 1, 3, 2])).toBe(2);
  });
});
