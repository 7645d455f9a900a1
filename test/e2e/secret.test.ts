import { describe, expect, it } from 'vitest';
import { demoSecret, demoSecretId } from '../../dev/local-stack';
import {
  agents,
  genesysCounters,
  notificationFor,
  postAtOnce,
  postInSequence,
  postNotification,
  useStack,
} from './stack';

const notification = notificationFor(agents.onQueueIdle);

const misconfigured = {
  error: { code: 'gate_misconfigured', message: expect.any(String) },
};

describe('the Genesys Cloud secret in Secrets Manager', () => {
  it('answers 500 gate_misconfigured without a clientSecret', async () => {
    // Prepare
    const stack = await useStack({ secret: { clientSecret: null } });

    // Act
    const response = await postNotification(stack, notification);

    // Assess
    expect(response.status).toBe(500);
    expect(response.data).toEqual(misconfigured);
  });

  it('shows no secret value in the answer when the secret is bad', async () => {
    // Prepare
    const stack = await useStack({ secret: { clientSecret: null } });

    // Act
    const response = await postNotification(stack, notification);

    // Assess
    const answer = JSON.stringify(response.data);
    const values = Object.values(demoSecret(stack.genesys.url));
    const shown = values.filter((value) => answer.includes(String(value)));
    expect(shown).toEqual([]);
  });

  it('asks Genesys Cloud nothing without a clientSecret', async () => {
    // Prepare
    const stack = await useStack({ secret: { clientSecret: null } });

    // Act
    await postNotification(stack, notification);

    // Assess
    const counters = await genesysCounters(stack);
    expect(counters.total).toBe(0);
  });

  it('answers 500 gate_misconfigured for an unknown region', async () => {
    // Prepare
    const stack = await useStack({
      secret: { region: 'mars_north_1', apiBaseUrl: null, loginBaseUrl: null },
    });

    // Act
    const response = await postNotification(stack, notification);

    // Assess
    expect(response.status).toBe(500);
    expect(response.data).toEqual(misconfigured);
  });

  it('answers 500 gate_misconfigured for a secret id not found', async () => {
    // Prepare
    const stack = await useStack({ env: { GENESYS_SECRET_ID: 'nope' } });

    // Act
    const response = await postNotification(stack, notification);

    // Assess
    expect(response.status).toBe(500);
    expect(response.data).toEqual(misconfigured);
  });

  it('is read once for many notifications', async () => {
    // Prepare
    const stack = await useStack();

    // Act
    await postInSequence(stack, agents.onQueueIdle, 10);

    // Assess
    expect(await stack.secretsControl.counters()).toEqual({
      GetSecretValue: 1,
    });
  });

  it('is read once when the first notifications arrive together', async () => {
    // Prepare
    const stack = await useStack();

    // Act
    await postAtOnce(stack, agents.onQueueIdle, 20);

    // Assess
    expect(await stack.secretsControl.counters()).toEqual({
      GetSecretValue: 1,
    });
  });

  it('is read again when Genesys Cloud refuses a rotated client', async () => {
    // Prepare
    const stack = await useStack({ env: { STATE_CACHE_TTL_MS: '0' } });
    await postNotification(stack, notification);
    const clientSecret = 'rotated-client-secret-0123456789';
    const { clientId } = demoSecret(stack.genesys.url);
    await stack.genesys.control.createClient({
      clientId: String(clientId),
      clientSecret,
    });
    const rotated = { ...demoSecret(stack.genesys.url), clientSecret };
    await stack.secretsControl.putSecret(demoSecretId, JSON.stringify(rotated));
    await stack.genesys.control.expireTokens();

    // Act
    const response = await postNotification(stack, notification);

    // Assess
    expect(response.status).toBe(200);
    expect(response.data).toMatchObject({ outcome: 'forward' });
    expect(await stack.secretsControl.counters()).toEqual({
      GetSecretValue: 2,
    });
  });

  it('keeps its login and agent states when only its keys change', async () => {
    // Prepare
    const stack = await useStack({ env: { SECRET_CACHE_TTL_S: '0' } });
    await postNotification(stack, notification);
    const loggedIn = await genesysCounters(stack);
    const secret = demoSecret(stack.genesys.url);
    const rekeyed = {
      ...secret,
      signingKey: 'the-next-signing-key-0123456789',
      previousSigningKey: secret.signingKey,
    };
    await stack.secretsControl.putSecret(demoSecretId, JSON.stringify(rekeyed));

    // Act
    const other = await postNotification(
      stack,
      notificationFor(agents.onQueueInteracting),
    );
    const afterOther = await genesysCounters(stack);
    const again = await postNotification(stack, notification);

    // Assess
    expect(other.data).toMatchObject({ outcome: 'forward' });
    expect(again.data).toMatchObject({ outcome: 'forward' });
    expect(afterOther.requests.token).toBe(loggedIn.requests.token);
    expect(afterOther.total).toBeGreaterThan(loggedIn.total);
    expect(await genesysCounters(stack)).toEqual(afterOther);
  });

  it('holds a refused client off when only its keys change', async () => {
    // Prepare
    const clientSecret = 'not-the-client-secret';
    const stack = await useStack({
      env: { SECRET_CACHE_TTL_S: '0' },
      secret: { clientSecret },
    });
    await postNotification(stack, notification);
    const before = await genesysCounters(stack);
    const rekeyed = {
      ...demoSecret(stack.genesys.url),
      clientSecret,
      signingKey: 'the-next-signing-key-0123456789',
    };
    await stack.secretsControl.putSecret(demoSecretId, JSON.stringify(rekeyed));

    // Act
    const response = await postNotification(stack, notification);

    // Assess
    expect(response.status).toBe(500);
    expect(response.data).toEqual(misconfigured);
    expect(await genesysCounters(stack)).toEqual(before);
  });

  it('answers 500 when the client stays refused after a re-read', async () => {
    // Prepare
    const stack = await useStack({
      secret: { clientSecret: 'not-the-client-secret' },
    });

    // Act
    const response = await postNotification(stack, notification);

    // Assess
    expect(response.status).toBe(500);
    expect(response.data).toEqual(misconfigured);
    const counters = await genesysCounters(stack);
    expect(counters.requests.token).toBeLessThanOrEqual(2);
  });
});
