import { describe, expect, it } from 'vitest';
import { normalisePresence } from '../../src/genesys/presence';

describe('normalisePresence', () => {
  it.each([
    ['On Queue', 'ON_QUEUE'],
    ['OnQueue', 'ON_QUEUE'],
    ['ON_QUEUE', 'ON_QUEUE'],
    ['on queue', 'ON_QUEUE'],
    ['Available', 'AVAILABLE'],
    ['AVAILABLE', 'AVAILABLE'],
    ['Away', 'AWAY'],
    ['Break', 'BREAK'],
  ])('reads %s as %s', (label, canonical) => {
    expect(normalisePresence(label)).toBe(canonical);
  });

  it.each([['Unknown'], ['Out of Office'], [''], [null], [undefined]])(
    'reads %s as no system presence',
    (label) => {
      expect(normalisePresence(label)).toBeNull();
    },
  );
});
