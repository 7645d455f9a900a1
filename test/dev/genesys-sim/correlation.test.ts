import type { AxiosInstance, AxiosResponse } from 'axios';
import { describe, expect, it } from 'vitest';
import { demoUserIds as ids } from '../../../dev/genesys-sim';
import { requestToken, useSim } from './harness';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Call = (http: AxiosInstance) => Promise<AxiosResponse>;

const calls: [string, Call][] = [
  ['a token answer', (http) => requestToken(http)],
  [
    'a token error',
    (http) => requestToken(http, { clientId: 'x', clientSecret: 'y' }),
  ],
  ['a 401', (http) => http.get(`/api/v2/users/${ids.onQueueIdle}`)],
  ['an unknown path', (http) => http.get('/api/v2/agents/states')],
  ['a control answer', (http) => http.get('/_sim/counters')],
];

describe('ININ-Correlation-Id', () => {
  const harness = useSim();

  it.each(calls)('is a UUID on %s', async (_, call) => {
    const response = await call(harness.http);

    expect(response.headers['inin-correlation-id']).toMatch(uuid);
  });

  it('is a UUID on a successful API answer', async () => {
    const token = await harness.login();

    const response = await harness.get(`/api/v2/users/${ids.away}`, token);

    expect(response.headers['inin-correlation-id']).toMatch(uuid);
  });

  it('repeats as contextId in an ErrorBody', async () => {
    const response = await harness.http.get('/api/v2/users/x');

    expect(response.data.contextId).toBe(
      response.headers['inin-correlation-id'],
    );
  });

  it('differs from one answer to the next', async () => {
    const first = await harness.http.get('/_sim/counters');

    const second = await harness.http.get('/_sim/counters');

    expect(second.headers['inin-correlation-id']).not.toBe(
      first.headers['inin-correlation-id'],
    );
  });
});
