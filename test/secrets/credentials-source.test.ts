import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CredentialsSource } from '../../src/secrets/credentials';

const secretText = (clientSecret: string) =>
  JSON.stringify({ clientId: 'client', clientSecret, region: 'us_east_1' });

/** A source on a client whose reads are counted; no network. */
function sourceWith(ttlSeconds: number, answers: string[]) {
  const client = new SecretsManagerClient({ region: 'us-east-1' });
  const send = vi.spyOn(client, 'send').mockImplementation(async () => ({
    SecretString: answers[Math.min(send.mock.calls.length, answers.length) - 1],
  }));
  const source = new CredentialsSource('gate', ttlSeconds, false, client);
  return { source, send };
}

describe('CredentialsSource', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('holds nothing before the first read', () => {
    const { source } = sourceWith(300, [secretText('first-secret')]);

    expect(source.cached()).toBeUndefined();
  });

  it('hands out the credentials it read while the TTL runs', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { source, send } = sourceWith(300, [secretText('first-secret')]);
    const read = await source.load();

    vi.advanceTimersByTime(299_000);

    expect(source.cached()).toBe(read);
    expect(send).toHaveBeenCalledOnce();
  });

  it('holds nothing once the TTL has run out, and reads again', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { source, send } = sourceWith(300, [
      secretText('first-secret'),
      secretText('rotated-secret'),
    ]);
    await source.load();

    vi.advanceTimersByTime(300_000);

    expect(source.cached()).toBeUndefined();
    expect((await source.load()).clientSecret).toBe('rotated-secret');
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('holds nothing with a TTL of 0', async () => {
    const { source } = sourceWith(0, [secretText('first-secret')]);
    await source.load();

    expect(source.cached()).toBeUndefined();
  });

  it('holds nothing after a failed read', async () => {
    const { source, send } = sourceWith(300, ['not json']);

    await expect(source.load()).rejects.toThrow('not a JSON object');
    expect(source.cached()).toBeUndefined();
    expect(send).toHaveBeenCalledOnce();
  });

  it('keeps a newer read when an older one lands after it', async () => {
    const client = new SecretsManagerClient({ region: 'us-east-1' });
    const answers: ((text: string) => void)[] = [];
    vi.spyOn(client, 'send').mockImplementation(
      () =>
        new Promise((resolve) => {
          answers.push((text) => resolve({ SecretString: text }));
        }),
    );
    const source = new CredentialsSource('gate', 300, false, client);

    const older = source.load();
    const newer = source.load(true);
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    answers[1]?.(secretText('rotated-secret'));
    await newer;
    answers[0]?.(secretText('first-secret'));
    await older;

    expect(source.cached()?.clientSecret).toBe('rotated-secret');
    expect((await source.load()).clientSecret).toBe('rotated-secret');
  });

  it('answers an older read failing late with the newer secret', async () => {
    const client = new SecretsManagerClient({ region: 'us-east-1' });
    const answers: {
      resolve: (text: string) => void;
      reject: (error: Error) => void;
    }[] = [];
    vi.spyOn(client, 'send').mockImplementation(
      () =>
        new Promise((resolve, reject) => {
          answers.push({
            resolve: (text) => resolve({ SecretString: text }),
            reject,
          });
        }),
    );
    const source = new CredentialsSource('gate', 300, false, client);

    const older = source.load();
    const newer = source.load(true);
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    answers[1]?.resolve(secretText('rotated-secret'));
    await newer;
    const failure = Object.assign(new Error('throttled'), {
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 400 },
    });
    answers[0]?.reject(failure);

    expect((await older).clientSecret).toBe('rotated-secret');
  });
});
