import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { ConfigurationError } from '../../src/errors';
import { defaultPolicy } from '../../src/policy/policy';

const base = { GENESYS_SECRET_ID: 'presence-gate/genesys' };

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(base);

    expect(config).toEqual({
      secretId: 'presence-gate/genesys',
      forwardUrl: null,
      policy: defaultPolicy,
      onLookupFailure: 'retry',
      secretCacheTtlSeconds: 300,
      stateCacheTtlMs: 5_000,
      maxNotificationBytes: 262_144,
      genesysTimeoutMs: 3_000,
      forwardTimeoutMs: 5_000,
      retryAfterSeconds: 5,
      callerSignatureToleranceSeconds: 300,
      idempotencyTable: null,
      idempotencyTtlSeconds: 86_400,
      logLevel: 'INFO',
      mode: 'enforce',
      rawPayload: null,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads every variable it is given', () => {
    const config = loadConfig({
      ...base,
      FORWARD_URL: 'https://target.example.com/hook',
      GATE_POLICY: '[{"name":"any"}]',
      ON_LOOKUP_FAILURE: 'drop',
      SECRET_CACHE_TTL_S: '60',
      MAX_NOTIFICATION_BYTES: '1024',
      GENESYS_TIMEOUT_MS: '1500',
      FORWARD_TIMEOUT_MS: '2500',
      RETRY_AFTER_S: '30',
      CALLER_SIGNATURE_TOLERANCE_S: '60',
      LOG_LEVEL: 'debug',
    });

    expect(config).toMatchObject({
      forwardUrl: 'https://target.example.com/hook',
      policy: [{ name: 'any' }],
      onLookupFailure: 'drop',
      secretCacheTtlSeconds: 60,
      maxNotificationBytes: 1024,
      genesysTimeoutMs: 1500,
      forwardTimeoutMs: 2500,
      retryAfterSeconds: 30,
      callerSignatureToleranceSeconds: 60,
      logLevel: 'DEBUG',
    });
  });

  it.each([
    [{}, 'GENESYS_SECRET_ID is required'],
    [{ GENESYS_SECRET_ID: ' ' }, 'GENESYS_SECRET_ID is required'],
    [
      { ...base, FORWARD_URL: 'http://target.example.com' },
      'FORWARD_URL must use https',
    ],
    [{ ...base, FORWARD_URL: 'not a url' }, 'FORWARD_URL is not a URL'],
    [
      { ...base, FORWARD_URL: 'https://u:p@x.example.com' },
      'FORWARD_URL must not hold credentials',
    ],
    [
      { ...base, ON_LOOKUP_FAILURE: 'ignore' },
      'ON_LOOKUP_FAILURE must be one of retry, forward, drop',
    ],
    [
      { ...base, MAX_NOTIFICATION_BYTES: 'lots' },
      'MAX_NOTIFICATION_BYTES must be a whole number',
    ],
    [
      { ...base, MAX_NOTIFICATION_BYTES: '0' },
      'MAX_NOTIFICATION_BYTES must be at least 1',
    ],
    [
      { ...base, GENESYS_TIMEOUT_MS: '1.5' },
      'GENESYS_TIMEOUT_MS must be a whole number',
    ],
    [{ ...base, LOG_LEVEL: 'LOUD' }, 'LOG_LEVEL must be one of'],
    [
      { ...base, GATE_MODE: 'dry-run' },
      'GATE_MODE must be one of enforce, shadow',
    ],
    [{ ...base, GATE_POLICY: '[' }, 'GATE_POLICY is not valid JSON'],
    [
      { ...base, GATE_POLICY: '[]', GATE_POLICY_FILE: '/p.json' },
      'GATE_POLICY and GATE_POLICY_FILE are both set',
    ],
    [
      { ...base, GATE_POLICY_FILE: '/nonexistent/policy.json' },
      'GATE_POLICY_FILE /nonexistent/policy.json (ENOENT)',
    ],
    [
      { ...base, IDEMPOTENCY_TABLE: 'a b' },
      'IDEMPOTENCY_TABLE must be a DynamoDB table name or ARN',
    ],
    [
      { ...base, IDEMPOTENCY_TTL_S: '59' },
      'IDEMPOTENCY_TTL_S must be at least 60',
    ],
  ])('rejects %j naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigurationError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads the idempotency table by name or ARN and its TTL', () => {
    const arn =
      'arn:aws:dynamodb:eu-west-1:123456789012:table/presence-gate-dev';
    const byName = loadConfig({
      ...base,
      IDEMPOTENCY_TABLE: 'presence-gate-dev-idempotency',
      IDEMPOTENCY_TTL_S: '3600',
    });
    const byArn = loadConfig({ ...base, IDEMPOTENCY_TABLE: arn });

    expect(byName).toMatchObject({
      idempotencyTable: 'presence-gate-dev-idempotency',
      idempotencyTtlSeconds: 3_600,
    });
    expect(byArn.idempotencyTable).toBe(arn);
  });

  it('accepts plain http for a loopback target', () => {
    const config = loadConfig({
      ...base,
      FORWARD_URL: 'http://127.0.0.1:4010/x',
    });

    expect(config.forwardUrl).toBe('http://127.0.0.1:4010/x');
  });

  it('reads the policy from GATE_POLICY_FILE', () => {
    const folder = mkdtempSync(join(tmpdir(), 'policy-'));
    const path = join(folder, 'policy.json');
    writeFileSync(path, '[{"name":"from-file","presences":["BUSY"]}]');

    const config = loadConfig({ ...base, GATE_POLICY_FILE: path });

    expect(config.policy).toEqual([{ name: 'from-file', presences: ['BUSY'] }]);
  });

  it('reads the raw payload pointers', () => {
    const config = loadConfig({
      ...base,
      AGENT_ID_POINTER: '/agent/id',
      NOTIFICATION_ID_POINTER: '/messageId',
    });

    expect(config.rawPayload).toEqual({
      agentId: '/agent/id',
      notificationId: '/messageId',
    });
  });

  it.each([
    [
      { AGENT_ID_POINTER: 'agent.id' },
      'AGENT_ID_POINTER must be a JSON Pointer',
    ],
    [
      { NOTIFICATION_ID_POINTER: '/id' },
      'NOTIFICATION_ID_POINTER is set without AGENT_ID_POINTER',
    ],
  ])('rejects the pointers %j', (env, message) => {
    expect(() => loadConfig({ ...base, ...env })).toThrow(message);
  });

  it('treats an empty optional variable as unset', () => {
    const config = loadConfig({ ...base, FORWARD_URL: '', LOG_LEVEL: '' });

    expect(config.forwardUrl).toBeNull();
    expect(config.logLevel).toBe('INFO');
  });
});
