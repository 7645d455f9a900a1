import { describe, expect, it } from 'vitest';
import {
  readEvent,
  readEventCases,
  replayEvent,
} from '../../dev/replay-events';
import { shareStack } from './stack';

const cases = readEventCases();
const httpCases = cases.filter(({ file }) => file.startsWith('http/'));

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
      httpCases.map(({ file }) => {
        const event = readEvent(file);
        if ('httpMethod' in event) return 'v1';
        return event.version === '2.0' ? 'v2' : 'neither';
      }),
    );

    // Assess
    expect(versions).toEqual(new Set(['v1', 'v2']));
  });

  it('cover every trigger: http, sqs, pipes and invoke', () => {
    // Act
    const folders = new Set(cases.map(({ file }) => file.split('/')[0]));

    // Assess
    expect(folders).toEqual(new Set(['http', 'sqs', 'pipes', 'invoke']));
  });

  it('cover every outcome: forward, drop and retry', () => {
    // Act
    const outcomes = new Set(httpCases.map((c) => c.expect.outcome));

    // Assess
    expect([...outcomes]).toEqual(
      expect.arrayContaining(['forward', 'drop', 'retry']),
    );
  });
});
