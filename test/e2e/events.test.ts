import { describe, expect, it } from 'vitest';
import {
  readEvent,
  readEventCases,
  replayEvent,
} from '../../dev/replay-events';
import { shareStack } from './stack';

const cases = readEventCases();

describe('the events in events/manifest.json', () => {
  const stack = shareStack();

  it.each(cases)('$file: $description', async (eventCase) => {
    // Act
    const result = await replayEvent(stack(), eventCase);

    // Assess
    expect(result.problems).toEqual([]);
  });

  it('cover both API Gateway payload versions', () => {
    // Act
    const versions = new Set(
      cases.map(({ file }) => {
        const event = readEvent(file);
        if ('httpMethod' in event) return 'v1';
        return event.version === '2.0' ? 'v2' : 'neither';
      }),
    );

    // Assess
    expect(versions).toEqual(new Set(['v1', 'v2']));
  });

  it('cover every outcome: forward, drop and retry', () => {
    // Act
    const outcomes = new Set(cases.map((c) => c.expect.outcome));

    // Assess
    expect([...outcomes]).toEqual(
      expect.arrayContaining(['forward', 'drop', 'retry']),
    );
  });
});
