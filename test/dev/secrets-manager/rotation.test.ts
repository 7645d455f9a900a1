import {
  GetSecretValueCommand,
  type GetSecretValueCommandInput,
  PutSecretValueCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { useSecretsManager } from './fixture';

const secretId = 'presence-gate/genesys';

const local = useSecretsManager({
  secrets: { [secretId]: 'first' },
});

function getSecret(input: Partial<GetSecretValueCommandInput> = {}) {
  return local.client.send(
    new GetSecretValueCommand({ SecretId: secretId, ...input }),
  );
}

function putSecret(SecretString: string, ClientRequestToken?: string) {
  return local.client.send(
    new PutSecretValueCommand({
      SecretId: secretId,
      SecretString,
      ClientRequestToken,
    }),
  );
}

describe('local Secrets Manager rotation', () => {
  it('answers PutSecretValue with a new AWSCURRENT version', async () => {
    const before = await getSecret();

    const put = await putSecret('second');

    expect(put.VersionStages).toEqual(['AWSCURRENT']);
    expect(put.VersionId).not.toBe(before.VersionId);
    expect(put.ARN).toBe(before.ARN);
  });

  it('returns the new value as current after PutSecretValue', async () => {
    await putSecret('second');

    const current = await getSecret();

    expect(current.SecretString).toBe('second');
  });

  it('keeps the old value as AWSPREVIOUS after PutSecretValue', async () => {
    const first = await getSecret();
    await putSecret('second');

    const previous = await getSecret({ VersionStage: 'AWSPREVIOUS' });

    expect(previous.SecretString).toBe('first');
    expect(previous.VersionId).toBe(first.VersionId);
    expect(previous.VersionStages).toEqual(['AWSPREVIOUS']);
  });

  it('moves AWSPREVIOUS along on a second rotation', async () => {
    await putSecret('second');
    await putSecret('third');

    const previous = await getSecret({ VersionStage: 'AWSPREVIOUS' });

    expect(previous.SecretString).toBe('second');
  });

  it('returns an unstaged version when asked by VersionId', async () => {
    const first = await getSecret();
    await putSecret('second');
    await putSecret('third');

    const old = await getSecret({ VersionId: first.VersionId });

    expect(old.SecretString).toBe('first');
    expect(old.VersionStages).toEqual([]);
  });

  it('uses ClientRequestToken as VersionId, once per token', async () => {
    const token = '6f0e1d36-4f3c-4c1e-9a53-0d3b8c7c2f11';
    await putSecret('second', token);

    const again = await putSecret('second', token);
    const previous = await getSecret({ VersionStage: 'AWSPREVIOUS' });

    expect(again.VersionId).toBe(token);
    expect(previous.SecretString).toBe('first');
  });

  it('throws ResourceNotFoundException for AWSPREVIOUS at first', async () => {
    const call = getSecret({ VersionStage: 'AWSPREVIOUS' });

    await expect(call).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('throws ResourceNotFoundException putting an unknown id', async () => {
    const call = local.client.send(
      new PutSecretValueCommand({ SecretId: 'missing', SecretString: 'x' }),
    );

    await expect(call).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('local Secrets Manager seeding through /_sim/secrets', () => {
  it('creates a secret that the SDK can read', async () => {
    const seeded = await local.control.putSecret('seeded/one', 'value');

    const answer = await local.client.send(
      new GetSecretValueCommand({ SecretId: seeded.ARN }),
    );

    expect(answer.SecretString).toBe('value');
  });

  it('rotates an existing secret, old value to AWSPREVIOUS', async () => {
    await local.control.putSecret(secretId, 'seeded');

    const current = await getSecret();
    const previous = await getSecret({ VersionStage: 'AWSPREVIOUS' });

    expect(current.SecretString).toBe('seeded');
    expect(previous.SecretString).toBe('first');
  });

  it('restores the starting secrets on reset', async () => {
    await putSecret('second');
    await local.control.putSecret('extra', 'value');

    await local.control.reset();

    expect((await getSecret()).SecretString).toBe('first');
    await expect(
      local.client.send(new GetSecretValueCommand({ SecretId: 'extra' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});
