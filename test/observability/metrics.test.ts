import { Metrics } from '@aws-lambda-powertools/metrics';
import { describe, expect, it, vi } from 'vitest';
import {
  GateMetrics,
  MetricName,
  metricsNamespace,
} from '../../src/observability/metrics';

function observed() {
  const metrics = new Metrics({
    namespace: metricsNamespace,
    serviceName: 'presence-gate',
  });
  const singles: { dimensions: Record<string, string>; values: unknown[] }[] =
    [];
  vi.spyOn(metrics, 'singleMetric').mockImplementation(() => {
    const single = { dimensions: {}, values: [] as unknown[] };
    singles.push(single);
    return {
      addDimension: (name: string, value: string) => {
        (single.dimensions as Record<string, string>)[name] = value;
      },
      addMetric: (...args: unknown[]) => single.values.push(args),
    } as unknown as Metrics;
  });
  const published = vi.spyOn(metrics, 'publishStoredMetrics');
  return { gateMetrics: new GateMetrics(metrics), metrics, singles, published };
}

describe('GateMetrics', () => {
  it('counts decisions per outcome', () => {
    const { gateMetrics, metrics } = observed();

    gateMetrics.countDecision({
      outcome: 'forward',
      reason: 'agent_available',
    });
    gateMetrics.countDecision({ outcome: 'drop', reason: 'agent_inactive' });
    gateMetrics.countDecision({ outcome: 'drop', reason: 'agent_inactive' });
    gateMetrics.countDecision({
      outcome: 'retry',
      reason: 'state_unavailable',
    });

    const emf = metrics.serializeMetrics();
    expect(emf[MetricName.forwarded]).toBe(1);
    expect(emf[MetricName.dropped]).toEqual([1, 1]);
    expect(emf[MetricName.handedBack]).toBe(1);
    expect(emf._aws.CloudWatchMetrics[0]?.Namespace).toBe('PresenceGate');
  });

  it('publishes one count per outcome and reason', () => {
    const { gateMetrics, singles, published } = observed();
    gateMetrics.countDecision({ outcome: 'drop', reason: 'agent_inactive' });
    gateMetrics.countDecision({ outcome: 'drop', reason: 'agent_inactive' });
    gateMetrics.countDecision({ outcome: 'drop', reason: 'agent_not_found' });

    gateMetrics.publish();

    expect(singles).toEqual([
      {
        dimensions: { reason: 'agent_inactive' },
        values: [[MetricName.dropped, 'Count', 2]],
      },
      {
        dimensions: { reason: 'agent_not_found' },
        values: [[MetricName.dropped, 'Count', 1]],
      },
    ]);
    expect(published).toHaveBeenCalledOnce();
  });

  it('starts counting reasons afresh after publishing', () => {
    const { gateMetrics, singles } = observed();
    gateMetrics.countDecision({ outcome: 'drop', reason: 'agent_inactive' });
    gateMetrics.publish();

    gateMetrics.publish();

    expect(singles).toHaveLength(1);
  });

  it('records Genesys latency, 429s, tokens and misconfiguration', () => {
    const { gateMetrics, metrics } = observed();

    gateMetrics.recordGenesysCall(42);
    gateMetrics.countGenesysThrottled();
    gateMetrics.countTokenRequest();
    gateMetrics.countMisconfigured();

    const emf = metrics.serializeMetrics();
    expect(emf[MetricName.genesysLatency]).toBe(42);
    expect(emf[MetricName.genesysThrottled]).toBe(1);
    expect(emf[MetricName.tokenRequests]).toBe(1);
    expect(emf[MetricName.misconfigured]).toBe(1);
  });
});
