import axios from 'axios';
import { describe, expect, it } from 'vitest';
import { useTarget } from './fixture';

const local = useTarget();

const body = '{"notification":"n-1","text":"caf\u00e9"}';

function post(path: string, headers: Record<string, string> = {}) {
  return axios.post(`${local.target.url}${path}`, body, {
    headers: { 'Content-Type': 'application/json', ...headers },
    transformRequest: (data) => data,
    validateStatus: () => true,
  });
}

describe('local downstream target', () => {
  it('answers a POST on any path with 200 { received: true }', async () => {
    const answer = await post('/hooks/dfo');

    expect(answer.status).toBe(200);
    expect(answer.data).toEqual({ received: true });
  });

  it('records the raw body, method and path with its query', async () => {
    await post('/hooks/dfo?source=gate');

    const [recorded] = await local.control.requests();

    expect(recorded).toMatchObject({
      method: 'POST',
      path: '/hooks/dfo?source=gate',
      body,
      status: 200,
      fault: null,
    });
    expect(Date.parse(recorded?.receivedAt ?? '')).not.toBeNaN();
  });

  it('records headers with lower-cased names', async () => {
    await post('/', {
      'Idempotency-Key': 'n-1',
      'X-Presence-Gate-Signature': 't=1,v1=ab',
    });

    const [recorded] = await local.control.requests();

    expect(recorded?.headers).toMatchObject({
      'idempotency-key': 'n-1',
      'x-presence-gate-signature': 't=1,v1=ab',
      'content-type': 'application/json',
    });
  });

  it('records requests in the order they arrived', async () => {
    await post('/first');
    await post('/second');

    const paths = (await local.control.requests()).map(
      (request) => request.path,
    );

    expect(paths).toEqual(['/first', '/second']);
  });

  it('answers 405 to a method other than POST; records it', async () => {
    const answer = await axios.put(`${local.target.url}/hooks`, body, {
      validateStatus: () => true,
    });

    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('POST');
    expect((await local.control.requests())[0]).toMatchObject({
      method: 'PUT',
      status: 405,
    });
  });

  it('does not record calls to its control API', async () => {
    await local.control.requests();

    expect(await local.control.requests()).toEqual([]);
  });

  it('forgets recorded requests on DELETE /_sim/requests', async () => {
    await post('/');

    await local.control.clearRequests();

    expect(await local.control.requests()).toEqual([]);
  });

  it('answers 404 to an unknown control route', async () => {
    const answer = await axios.get(`${local.target.url}/_sim/nothing`, {
      validateStatus: () => true,
    });

    expect(answer.status).toBe(404);
    expect(answer.data.error.code).toBe('unknown_route');
  });
});
