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
 * Counts for one invocation, written as EMF lines by `publish`. Each
 * outcome is counted by `reason` under two dimension sets, so CloudWatch
 * keeps both the totals (`service`) and the split (`service`, `reason`).
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
    this.countByReason(byOutcome[answer.outcome], answer.reason);
  }

  /** In shadow mode: a drop the policy would have made. */
  countShadowDrop(reason: string): void {
    this.countByReason(MetricName.wouldDrop, reason);
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

  /**
   * Writes what was counted since the last call: a line for the calls
   * and errors, if any, then one per outcome and reason. A notification
   * answered from the caches makes a single line.
   */
  publish(): void {
    if (this.metrics.hasStoredMetrics()) this.metrics.publishStoredMetrics();
    for (const [key, count] of this.byReason) {
      const [name, reason] = key.split('\n') as [string, string];
      this.metrics.addDimension('reason', reason);
      this.metrics.addDimensions({});
      this.metrics.addMetric(name, MetricUnit.Count, count);
      this.metrics.publishStoredMetrics();
    }
    this.byReason.clear();
  }

  private countByReason(name: string, reason: string): void {
    const key = `${name}\n${reason}`;
    this.byReason.set(key, (this.byReason.get(key) ?? 0) + 1);
  }
}
