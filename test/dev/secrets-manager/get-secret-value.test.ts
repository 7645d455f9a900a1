import {
  CreateSecretCommand,
  GetSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
} from '@aws-sdk/client-secrets-manager';
import axios from 'axios';
import { describe, expect, it } from 'vitest';
import { useSecretsManager } from './fixture';

const credentials = JSON.stringify({ clientId: 'id-1', clientSecret: 's-1' });

const local = useSecretsManager({
  secrets: { 'presence-gate/genesys': credentials },
  accountId: '123456789012',
});

function getSecret(SecretId: string) {
  return local.client.send(new GetSecretValueCommand({ SecretId }));
}

/** Posts a raw AWS JSON 1.1 call, the way the SDK would. */
function postRaw(target: string, body: string) {
  return axios.post(local.secretsManager.url, body, {
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': target,
    },
    validateStatus: () => true,
    transformResponse: (text) => text,
  });
}

describe('local Secrets Manager GetSecretValue', () => {
  it('returns the seeded SecretString when asked by name', async () => {
    const answer = await getSecret('presence-gate/genesys');

    expect(answer.SecretString).toBe(credentials);
    expect(answer.Name).toBe('presence-gate/genesys');
    expect(answer.VersionStages).toEqual(['AWSCURRENT']);
    expect(answer.VersionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('returns an ARN in the region and account it started with', async () => {
    const answer = await getSecret('presence-gate/genesys');

    expect(answer.ARN).toMatch(
      new RegExp(
        '^arn:aws:secretsmanager:us-east-1:123456789012:secret:' +
          'presence-gate/genesys-[A-Za-z0-9]{6}$',
      ),
    );
  });

  it('returns CreatedDate as a Date parsed from epoch seconds', async () => {
    const before = Date.now();

    await local.control.putSecret('fresh', 'value');
    const answer = await getSecret('fresh');

    expect(answer.CreatedDate).toBeInstanceOf(Date);
    const created = answer.CreatedDate?.getTime() ?? 0;
    expect(created).toBeGreaterThanOrEqual(before - 1);
    expect(created).toBeLessThanOrEqual(Date.now());
  });

  it('returns the same secret when asked by its ARN', async () => {
    const { ARN } = await getSecret('presence-gate/genesys');

    const answer = await getSecret(ARN ?? '');

    expect(answer.Name).toBe('presence-gate/genesys');
    expect(answer.SecretString).toBe(credentials);
  });

  it('throws ResourceNotFoundException for an unknown secret', async () => {
    const call = getSecret('no-such-secret');

    await expect(call).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(call).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: "Secrets Manager can't find the specified secret.",
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('throws ValidationException when SecretId is empty', async () => {
    const call = getSecret('');

    await expect(call).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining("at 'secretId'"),
    });
  });
});

describe('local Secrets Manager CreateSecret', () => {
  it('creates a secret that GetSecretValue then returns', async () => {
    await local.client.send(
      new CreateSecretCommand({ Name: 'created', SecretString: 'v1' }),
    );

    const answer = await getSecret('created');

    expect(answer.SecretString).toBe('v1');
  });

  it('throws ResourceExistsException when the name is taken', async () => {
    const call = local.client.send(
      new CreateSecretCommand({ Name: 'presence-gate/genesys' }),
    );

    await expect(call).rejects.toBeInstanceOf(ResourceExistsException);
  });
});

describe('local Secrets Manager wire errors', () => {
  it('answers the AWS JSON 1.1 error shape for an unknown secret', async () => {
    const body = JSON.stringify({ SecretId: 'missing' });

    const answer = await postRaw('secretsmanager.GetSecretValue', body);

    expect(answer.status).toBe(400);
    expect(answer.headers['x-amzn-errortype']).toBe(
      'ResourceNotFoundException',
    );
    expect(answer.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(JSON.parse(answer.data)).toEqual({
      __type: 'ResourceNotFoundException',
      message: "Secrets Manager can't find the specified secret.",
    });
  });

  it('answers UnknownOperationException for a missing operation', async () => {
    const answer = await postRaw('secretsmanager.DeleteSecret', '{}');

    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.data).__type).toBe('UnknownOperationException');
  });

  it('answers ValidationException when SecretId is absent', async () => {
    const answer = await postRaw('secretsmanager.GetSecretValue', '{}');

    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.data).message).toContain('must not be null');
  });

  it('answers SerializationException for a body that is not JSON', async () => {
    const answer = await postRaw('secretsmanager.GetSecretValue', '{oops');

    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.data).__type).toBe('SerializationException');
  });
});
