import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { ConfigurationError, UpstreamUnavailableError } from '../../src/errors';
import type { Gate } from '../../src/gate';
import { createHttpHandler } from '../../src/handlers/http';
import type { Answer } from '../../src/notifications/answer';
import { parseEnvelope } from '../../src/notifications/envelope';
import { createLogger } from '../../src/observability/logger';
import { GateMetrics } from '../../src/observability/metrics';

const agentId = 'a0000000-0000-4000-8000-000000000001';
const config = loadConfig({
  GENESYS_SECRET_ID: 'presence-gate/genesys',
  RETRY_AFTER_S: '7',
});

function gateAnswering(process: Gate['process']): Gate {
  const logger = createLogger('SILENT');
  const readNotification = (value: unknown) => parseEnvelope(value);
  const metrics = new GateMetrics();
  const now = Date.now;
  const loadCredentials = async () => ({ callerKeys: [] });
  return {
    config,
    logger,
    metrics,
    now,
    process,
    readNotification,
    loadCredentials,
  } as unknown as Gate;
}

function answer(outcome: Answer['outcome']): Answer {
  return {
    notificationId: 'n-1',
    outcome,
    reason: 'state_unavailable',
    agent: { id: agentId, presence: null, routingStatus: null, state: null },
  };
}

const event = {
  version: '2.0',
  requestContext: { http: { method: 'POST' } },
  headers: {},
  body: JSON.stringify({ id: 'n-1', agentId, payload: {} }),
  isBase64Encoded: false,
} as never;

describe('createHttpHandler', () => {
  it('answers a retry with 503 and Retry-After', async () => {
    const handler = createHttpHandler(() =>
      gateAnswering(async () => answer('retry')),
    );

    const result = await handler(event);

    expect(result.statusCode).toBe(503);
    expect(result.headers).toMatchObject({ 'retry-after': '7' });
    expect(JSON.parse(result.body)).toMatchObject({ outcome: 'retry' });
  });

  it('answers 500 gate_misconfigured for a bad configuration', async () => {
    const handler = createHttpHandler(() => {
      throw new ConfigurationError('GENESYS_SECRET_ID is required');
    });

    const result = await handler(event);

    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body).error.code).toBe('gate_misconfigured');
  });

  it('keeps the configuration fault out of the answer', async () => {
    const handler = createHttpHandler(() =>
      gateAnswering(async () => {
        throw new ConfigurationError('secret key clientSecret is missing');
      }),
    );

    const result = await handler(event);

    expect(result.statusCode).toBe(500);
    expect(result.body).not.toContain('clientSecret');
  });

  it('hands back an unexpected failure with 503', async () => {
    const handler = createHttpHandler(() =>
      gateAnswering(async () => {
        throw new UpstreamUnavailableError('down', { service: 'genesys' });
      }),
    );

    const result = await handler(event);

    expect(result.statusCode).toBe(503);
    expect(result.headers).toMatchObject({ 'retry-after': '7' });
  });

  it('refuses a method other than POST with 405', async () => {
    const process = vi.fn();
    const handler = createHttpHandler(() => gateAnswering(process));
    const get = { ...(event as object), httpMethod: 'GET' } as never;

    const result = await handler(get);

    expect(result.statusCode).toBe(405);
    expect(process).not.toHaveBeenCalled();
  });

  it('refuses invalid input before the gate is asked', async () => {
    const process = vi.fn();
    const handler = createHttpHandler(() => gateAnswering(process));
    const bad = { ...(event as object), body: '{"agentId":"x"}' } as never;

    const result = await handler(bad);

    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body).error.code).toBe('invalid_notification');
    expect(process).not.toHaveBeenCalled();
  });
});
