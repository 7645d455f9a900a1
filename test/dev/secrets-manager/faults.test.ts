import {
  GetSecretValueCommand,
  InternalServiceError,
} from '@aws-sdk/client-secrets-manager';
import axios from 'axios';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PortInUseError } from '../../../dev/lib/http';
import { startSecretsManager } from '../../../dev/secrets-manager/index';
import { createSdkClient, useSecretsManager } from './fixture';

const secretId = 'presence-gate/genesys';

const local = useSecretsManager({
  secrets: { [secretId]: 'value' },
});

afterEach(() => {
  vi.restoreAllMocks();
});

function getSecret(sdkClient = local.client) {
  return sdkClient.send(new GetSecretValueCommand({ SecretId: secretId }));
}

describe('local Secrets Manager throttling', () => {
  it('makes the SDK throw ThrottlingException with status 400', async () => {
    await local.control.throttle({ count: 1 });

    const call = getSecret();

    await expect(call).rejects.toMatchObject({
      name: 'ThrottlingException',
      message: 'Rate exceeded',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('is retried by the SDK until success when maxAttempts is 2', async () => {
    // The SDK's backoff is full jitter drawn from Math.random; at 0 the
    // retry waits 0 ms instead of up to a second.
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const retrying = createSdkClient(local.secretsManager.url, 2);
    await local.control.throttle({ count: 1 });

    const answer = await getSecret(retrying);

    expect(answer.SecretString).toBe('value');
    expect(answer.$metadata.attempts).toBe(2);
    expect(await local.control.counters()).toEqual({ GetSecretValue: 2 });
    retrying.destroy();
  });

  it('applies to the next N calls only when given a count', async () => {
    await local.control.throttle({ count: 2 });

    await expect(getSecret()).rejects.toThrow('Rate exceeded');
    await expect(getSecret()).rejects.toThrow('Rate exceeded');
    const third = await getSecret();

    expect(third.SecretString).toBe('value');
  });

  it('lasts until cleared when given no count', async () => {
    await local.control.throttle();
    await expect(getSecret()).rejects.toThrow('Rate exceeded');
    await expect(getSecret()).rejects.toThrow('Rate exceeded');

    await local.control.clearFaults();

    expect((await getSecret()).SecretString).toBe('value');
  });

  it('spares other operations when targeted at one', async () => {
    await local.control.throttle({ target: 'PutSecretValue' });

    const answer = await getSecret();

    expect(answer.SecretString).toBe('value');
  });
});

describe('local Secrets Manager failures', () => {
  it('makes the SDK throw InternalServiceError with status 500', async () => {
    await local.control.fail({ count: 1 });

    const call = getSecret();

    await expect(call).rejects.toBeInstanceOf(InternalServiceError);
    await expect(call).rejects.toMatchObject({
      $metadata: { httpStatusCode: 500 },
    });
  });

  it('delays the answer by the latency a fault rule asks for', async () => {
    await local.control.addFault({
      fault: { kind: 'latency', ms: 150 },
      count: 1,
    });
    const started = Date.now();

    await getSecret();

    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('makes the SDK fail with ECONNRESET on a reset fault', async () => {
    await local.control.addFault({ fault: { kind: 'reset' }, count: 1 });

    await expect(getSecret()).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('rejects a fault rule of an unknown kind with 400', async () => {
    const rule = { fault: { kind: 'melt' } };

    const answer = await axios.post(
      `${local.secretsManager.url}/_sim/faults`,
      rule,
      {
        validateStatus: () => true,
      },
    );

    expect(answer.status).toBe(400);
    expect(answer.data.error.code).toBe('invalid_fault');
  });
});

describe('local Secrets Manager counters and reset', () => {
  it('counts calls per operation, faulted calls included', async () => {
    await local.control.fail({ count: 1 });
    await getSecret().catch(() => undefined);
    await getSecret();

    expect(await local.control.counters()).toEqual({ GetSecretValue: 2 });
  });

  it('clears faults and counters on reset', async () => {
    await local.control.throttle();
    await getSecret().catch(() => undefined);

    await local.control.reset();

    expect(await local.control.faults()).toEqual([]);
    expect(await local.control.counters()).toEqual({});
  });
});

describe('local Secrets Manager start', () => {
  it('throws PortInUseError naming SECRETS_MANAGER_PORT if taken', async () => {
    const port = Number(new URL(local.secretsManager.url).port);

    const start = startSecretsManager({ port });

    await expect(start).rejects.toBeInstanceOf(PortInUseError);
    await expect(start).rejects.toThrow(/SECRETS_MANAGER_PORT/);
  });
});
