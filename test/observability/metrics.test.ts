import { Metrics } from '@aws-lambda-powertools/metrics';
import { describe, expect, it, vi } from 'vitest';
import {
  GateMetrics,
  MetricName,
  metricsNamespace,
} from '../../src/observability/metrics';

/** A GateMetrics whose EMF documents are kept as they are published. */
function observed() {
  const metrics = new Metrics({
    namespace: metricsNamespace,
    serviceName: 'presence-gate',
  });
  const documents: Record<string, unknown>[] = [];
  const publish = metrics.publishStoredMetrics.bind(metrics);
  vi.spyOn(metrics, 'publishStoredMetrics').mockImplementation(() => {
    documents.push(metrics.serializeMetrics());
    return publish();
  });
  return { gateMetrics: new GateMetrics(metrics), metrics, documents };
}

/** The metric names and dimension names each document declares. */
function directives(documents: Record<string, unknown>[]) {
  return documents.map((document) => {
    const emf = document as {
      _aws: {
        CloudWatchMetrics: {
          Dimensions: string[][];
          Metrics: { Name: string }[];
        }[];
      };
    };
    const [directive] = emf._aws.CloudWatchMetrics;
    return {
      dimensions: directive?.Dimensions,
      metrics: directive?.Metrics.map((metric) => metric.Name),
    };
  });
}

describe('GateMetrics', () => {
  it('counts each outcome by reason, under the totals and the split', () => {
    const { gateMetrics, documents } = observed();
    gateMetrics.countDecision({ outcome: 'drop', reason: 'agent_inactive' });
    gateMetrics.countDecision({ outcome: 'drop', reason: 'agent_inactive' });
    gateMetrics.countDecision({ outcome: 'drop', reason: 'agent_not_found' });
    gateMetrics.countDecision({
      outcome: 'forward',
      reason: 'agent_available',
    });
    gateMetrics.countDecision({
      outcome: 'retry',
      reason: 'state_unavailable',
    });

    gateMetrics.publish();

    const bothSets = [['service', 'reason'], ['service']];
    expect(directives(documents)).toEqual([
      { dimensions: bothSets, metrics: [MetricName.dropped] },
      { dimensions: bothSets, metrics: [MetricName.dropped] },
      { dimensions: bothSets, metrics: [MetricName.forwarded] },
      { dimensions: bothSets, metrics: [MetricName.handedBack] },
    ]);
    expect(documents).toMatchObject([
      { reason: 'agent_inactive', [MetricName.dropped]: 2 },
      { reason: 'agent_not_found', [MetricName.dropped]: 1 },
      { reason: 'agent_available', [MetricName.forwarded]: 1 },
      { reason: 'state_unavailable', [MetricName.handedBack]: 1 },
    ]);
    expect(documents[0]).toMatchObject({
      service: 'presence-gate',
      _aws: { CloudWatchMetrics: [{ Namespace: 'PresenceGate' }] },
    });
  });

  it('writes calls apart from decisions, with no reason', () => {
    const { gateMetrics, documents } = observed();
    gateMetrics.recordGenesysCall(42);
    gateMetrics.countDecision({ outcome: 'drop', reason: 'agent_inactive' });

    gateMetrics.publish();

    expect(directives(documents)).toEqual([
      { dimensions: [['service']], metrics: [MetricName.genesysLatency] },
      {
        dimensions: [['service', 'reason'], ['service']],
        metrics: [MetricName.dropped],
      },
    ]);
    expect(documents[0]).not.toHaveProperty('reason');
  });

  it('makes one line for a notification answered from the caches', () => {
    const { gateMetrics, documents } = observed();
    gateMetrics.countDecision({
      outcome: 'forward',
      reason: 'agent_available',
    });

    gateMetrics.publish();

    expect(documents).toHaveLength(1);
  });

  it('counts shadow drops by reason', () => {
    const { gateMetrics, documents } = observed();
    gateMetrics.countShadowDrop('agent_inactive');

    gateMetrics.publish();

    expect(documents).toMatchObject([
      { reason: 'agent_inactive', [MetricName.wouldDrop]: 1 },
    ]);
  });

  it('starts afresh after publishing', () => {
    const { gateMetrics, documents } = observed();
    gateMetrics.countDecision({ outcome: 'drop', reason: 'agent_inactive' });
    gateMetrics.publish();

    gateMetrics.publish();
    gateMetrics.recordGenesysCall(7);
    gateMetrics.publish();

    expect(documents).toHaveLength(2);
    expect(documents[1]).not.toHaveProperty('reason');
    expect(directives(documents)[1]?.dimensions).toEqual([['service']]);
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
