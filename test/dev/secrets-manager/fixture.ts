import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { SecretsManagerControl } from '../../../dev/secrets-manager/control';
import {
  type LocalSecretsManager,
  type SecretsManagerOptions,
  startSecretsManager,
} from '../../../dev/secrets-manager/index';

export interface SecretsManagerFixture {
  secretsManager: LocalSecretsManager;
  control: SecretsManagerControl;
  /** The real SDK client, one attempt a call. */
  client: SecretsManagerClient;
}

/** The real SDK client, pointed at the local Secrets Manager. */
export function createSdkClient(
  url: string,
  maxAttempts = 1,
): SecretsManagerClient {
  return new SecretsManagerClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts,
  });
}

/**
 * Starts a local Secrets Manager for the test file, resets it before each
 * test and closes it after the last one.
 */
export function useSecretsManager(
  options: SecretsManagerOptions,
): SecretsManagerFixture {
  const fixture: Partial<SecretsManagerFixture> = {};

  beforeAll(async () => {
    const secretsManager = await startSecretsManager(options);
    fixture.secretsManager = secretsManager;
    fixture.control = new SecretsManagerControl(secretsManager.url);
    fixture.client = createSdkClient(secretsManager.url);
  });
  beforeEach(() => fixture.control?.reset());
  afterAll(async () => {
    fixture.client?.destroy();
    await fixture.secretsManager?.close();
  });

  // Complete once beforeAll has run, which is before any test reads it.
  return fixture as SecretsManagerFixture;
}
