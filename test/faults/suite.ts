import { beforeAll, describe, expect, it } from 'vitest';
import {
  type FaultRun,
  type FaultRuns,
  type FaultScenario,
  startFaultRuns,
} from './scenarios';
import {
  acceptedOtherThan,
  answeredOtherThanOnce,
  answerLost,
  idsWith,
  lastAnswers,
  overBudget,
  type Trigger,
  tally,
  targetTries,
} from './stream';

const triggers: Trigger[] = ['http', 'sqs'];

/** Scenarios run at once; each runs a stream through both triggers. */
const parallelScenarios = 3;

/** A scenario's two streams and their replays; a 429 without end most. */
const runTimeoutMs = 60_000;

/**
 * For each fault: a stream and its replays through each trigger, each on a
 * stack of its own, run before the tests (a few faults at once); each
 * test then assesses one promise of the gate from the answers and the
 * target's own record.
 */
export function describeFaultRuns(scenarios: readonly FaultScenario[]) {
  let started = new Map<FaultScenario, Promise<FaultRuns>>();
  beforeAll(() => {
    started = startFaultRuns(scenarios, parallelScenarios);
    // Each is awaited by its own describe block; none is left unhandled.
    for (const runs of started.values()) runs.catch(() => {});
  });

  for (const scenario of scenarios) {
    describe(`under ${scenario.name}`, () => {
      let runs: FaultRuns | undefined;
      beforeAll(async () => {
        // Prepare, Act
        runs = await started.get(scenario);
      }, runTimeoutMs);

      for (const trigger of triggers) {
        describe(`through the ${trigger} handler`, () => {
          defineAssessments(() => {
            const run = runs?.[trigger];
            if (!run) throw new Error(`no ${trigger} stream ran`);
            return run;
          });
        });
      }
    });
  }
}

function defineAssessments(runOf: () => FaultRun) {
  it('answers each notification once: forwarded, dropped or retried', () => {
    // Assess
    const { items, first } = runOf();
    const counts = tally(first.answers);
    expect(answeredOtherThanOnce(items, first.answers)).toEqual([]);
    expect(counts.failed).toBe(0);
    expect(counts.forwarded + counts.dropped + counts.retried).toBe(
      items.length,
    );
  });

  it('has the target accept each notification answered forwarded once', () => {
    // Assess
    const { first, targetAfterFirst } = runOf();
    const forwarded = idsWith(first.answers, 'forwarded');
    expect(acceptedOtherThan(targetAfterFirst, forwarded, 1)).toEqual([]);
  });

  it('hands back an accepted notification only for a lost answer', () => {
    // Assess
    const { first, targetAfterFirst } = runOf();
    const lost = new Set(answerLost(first.answers, targetAfterFirst));
    const unexplained = first.answers
      .filter((answer) => lost.has(answer.id))
      .filter((answer) => answer.reason !== 'target_unavailable');
    expect(unexplained).toEqual([]);
  });

  it('sends nothing it dropped to the target', () => {
    // Assess
    const { first, replays, targetAfterReplays } = runOf();
    const last = lastAnswers([first, ...replays]);
    const dropped = [...last.values()].filter((a) => a.outcome === 'dropped');
    const sent = dropped.filter((a) => targetAfterReplays.received.has(a.id));
    expect(sent).toEqual([]);
  });

  it('sends every attempt under its own notification id as the key', () => {
    // Assess
    const { targetAfterReplays } = runOf();
    expect(targetAfterReplays.misKeyed).toEqual([]);
  });

  it('ends every invocation before the time it was told was left', () => {
    // Assess
    const { first, replays } = runOf();
    const rounds = [first, ...replays];
    const invocations = rounds.flatMap((round) => round.invocations);
    expect(overBudget(invocations)).toEqual([]);
  });

  it('ends each notification as its agent says, within the replays', () => {
    // Assess
    const { items, first, replays } = runOf();
    const last = lastAnswers([first, ...replays]);
    const astray = items
      .map((item) => ({ ...item, ended: last.get(item.id)?.outcome }))
      .filter((item) => item.ended !== item.expected);
    expect(astray).toEqual([]);
  });

  it('has the target accept a notification once, again per lost answer', () => {
    // Assess
    const { items, first, replays, targetAfterReplays } = runOf();
    const tries = targetTries([first, ...replays]);
    const forwardable = items.filter((item) => item.expected === 'forwarded');
    const wrong = forwardable
      .map(({ id }) => ({
        id,
        accepted: targetAfterReplays.accepted.get(id) ?? 0,
        lostAtMost: tries.get(id) ?? 0,
      }))
      .filter((n) => n.accepted < 1 || n.accepted > 1 + n.lostAtMost);
    expect(wrong).toEqual([]);
    expect(targetAfterReplays.accepted.size).toBe(forwardable.length);
  });
}
