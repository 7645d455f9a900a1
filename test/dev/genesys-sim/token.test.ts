import { describe, expect, it } from 'vitest';
import { demoClient, demoUserIds } from '../../../dev/genesys-sim';
import { requestToken, useSim } from './harness';
import { schemaErrors } from './schemas';

const userPath = `/api/v2/users/${demoUserIds.onQueueIdle}`;

describe('POST /oauth/token', () => {
  const harness = useSim();

  it('answers a bearer token for valid client credentials', async () => {
    const response = await requestToken(harness.http);

    expect(response.status).toBe(200);
    expect(response.data).toEqual({
      access_token: expect.stringMatching(/^\S{20,}$/),
      token_type: 'bearer',
      expires_in: 86_400,
    });
  });

  it('takes expires_in from the lifetime set for the client', async () => {
    const client = { clientId: 'short-lived', clientSecret: 's3cret' };
    await harness.sim.control.createClient({
      ...client,
      tokenLifetimeSeconds: 300,
    });

    const response = await requestToken(harness.http, client);

    expect(response.data.expires_in).toBe(300);
  });

  it('issues a different opaque token on each login', async () => {
    const first = await harness.login();

    const second = await harness.login();

    expect(second).not.toBe(first);
  });

  it('answers 401 invalid_client for an unknown client', async () => {
    const stranger = { clientId: 'stranger', clientSecret: 'x' };

    const response = await requestToken(harness.http, stranger);

    expect(response.status).toBe(401);
    expect(response.data).toMatchObject({
      error: 'invalid_client',
      description: expect.any(String),
    });
  });

  it('answers 401 invalid_client for a wrong secret', async () => {
    const wrong = { ...demoClient, clientSecret: 'not-the-secret' };

    const response = await requestToken(harness.http, wrong);

    expect(response.status).toBe(401);
    expect(response.data.error).toBe('invalid_client');
  });

  it('answers 401 invalid_client without Basic credentials', async () => {
    const response = await harness.http.post(
      '/oauth/token',
      'grant_type=client_credentials',
    );

    expect(response.status).toBe(401);
    expect(response.data.error).toBe('invalid_client');
  });

  it('answers 400 unsupported_grant_type for another grant', async () => {
    const body = 'grant_type=password&username=a&password=b';

    const response = await requestToken(harness.http, demoClient, body);

    expect(response.status).toBe(400);
    expect(response.data.error).toBe('unsupported_grant_type');
  });

  it('answers 400 invalid_request when grant_type is missing', async () => {
    const response = await requestToken(harness.http, demoClient, '');

    expect(response.status).toBe(400);
    expect(response.data.error).toBe('invalid_request');
  });

  it('answers 400 invalid_request for a JSON body', async () => {
    const response = await harness.http.post(
      '/oauth/token',
      { grant_type: 'client_credentials' },
      {
        auth: {
          username: demoClient.clientId,
          password: demoClient.clientSecret,
        },
      },
    );

    expect(response.status).toBe(400);
    expect(response.data.error).toBe('invalid_request');
  });
});

describe('bearer authentication on /api/v2', () => {
  const harness = useSim();

  it('answers 401 authentication.required without a token', async () => {
    const response = await harness.http.get(userPath);

    expect(response.status).toBe(401);
    expect(response.data.code).toBe('authentication.required');
    expect(schemaErrors('ErrorBody', response.data)).toEqual([]);
  });

  it('answers 401 bad.credentials for an unknown token', async () => {
    const response = await harness.get(userPath, 'made-up-token');

    expect(response.status).toBe(401);
    expect(response.data).toMatchObject({
      code: 'bad.credentials',
      status: 401,
      details: [],
      errors: [],
    });
  });

  it('answers 401 after the control API expires every token', async () => {
    const token = await harness.login();

    await harness.http.post('/_sim/tokens/expire');
    const response = await harness.get(userPath, token);

    expect(response.status).toBe(401);
    expect(response.data.code).toBe('bad.credentials');
  });

  it('accepts a token until just before expires_in has passed', async () => {
    const token = await harness.login();

    harness.clock.advance(86_400_000 - 1);
    const response = await harness.get(userPath, token);

    expect(response.status).toBe(200);
  });

  it('answers 401 once the clock has passed expires_in', async () => {
    const token = await harness.login();

    harness.clock.advance(86_400_000);
    const response = await harness.get(userPath, token);

    expect(response.status).toBe(401);
  });

  it('accepts a new token after the old one expired', async () => {
    await harness.login();
    await harness.sim.control.expireTokens();

    const token = await harness.login();
    const response = await harness.get(userPath, token);

    expect(response.status).toBe(200);
  });
});
