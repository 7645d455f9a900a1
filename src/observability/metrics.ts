import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Answer } from '../notifications/answer';

export const metricsNamespace = 'PresenceGate';

/** The metrics the gate emits, in CloudWatch embedded metric format. */
export const MetricName = {
  forwarded: 'NotificationsForwarded',
  dropped: 'NotificationsDropped',
  handedBack: 'NotificationsHandedBack',
  misconfigured: 'GateMisconfigured',
  wouldDrop: 'NotificationsWouldDrop',
  genesysLatency: 'GenesysLatency',
  genesysThrottled: 'GenesysThrottled',
  tokenRequests: 'TokenRequests',
} as const;

const byOutcome = {
  forward: MetricName.forwarded,
  drop: MetricName.dropped,
  retry: MetricName.handedBack,
} as const;

/**
 * Counts for one invocation, written as EMF lines by `publish`: totals per
 * outcome, and the same again by `reason`, so drops can be told apart.
 */
export class GateMetrics {
  private readonly byReason = new Map<string, number>();

  constructor(
    readonly metrics: Metrics = new Metrics({
      namespace: metricsNamespace,
      serviceName: 'presence-gate',
    }),
  ) {}

  countDecision(answer: Pick<Answer, 'outcome' | 'reason'>): void {
    const name = byOutcome[answer.outcome];
    this.metrics.addMetric(name, MetricUnit.Count, 1);
    const key = `${name}\n${answer.reason}`;
    this.byReason.set(key, (this.byReason.get(key) ?? 0) + 1);
  }

  /** In shadow mode: a drop the policy would have made. */
  countShadowDrop(reason: string): void {
    this.metrics.addMetric(MetricName.wouldDrop, MetricUnit.Count, 1);
    const key = `${MetricName.wouldDrop}\n${reason}`;
    this.byReason.set(key, (this.byReason.get(key) ?? 0) + 1);
  }

  countMisconfigured(): void {
    this.metrics.addMetric(MetricName.misconfigured, MetricUnit.Count, 1);
  }

  recordGenesysCall(milliseconds: number): void {
    this.metrics.addMetric(
      MetricName.genesysLatency,
      MetricUnit.Milliseconds,
      milliseconds,
    );
  }

  countGenesysThrottled(): void {
    this.metrics.addMetric(MetricName.genesysThrottled, MetricUnit.Count, 1);
  }

  countTokenRequest(): void {
    this.metrics.addMetric(MetricName.tokenRequests, MetricUnit.Count, 1);
  }

  /** Writes what was counted since the last call. */
  publish(): void {
    for (const [key, count] of this.byReason) {
      const [name, reason] = key.split('\n') as [string, string];
      const single = this.metrics.singleMetric();
      single.addDimension('reason', reason);
      single.addMetric(name, MetricUnit.Count, count);
    }
    this.byReason.clear();
    if (this.metrics.hasStoredMetrics()) this.metrics.publishStoredMetrics();
  }
}
