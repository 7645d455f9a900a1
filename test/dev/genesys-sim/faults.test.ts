import { isAxiosError } from 'axios';
import { describe, expect, it } from 'vitest';
import { demoUserIds as ids } from '../../../dev/genesys-sim';
import { requestToken, startTime, useSignedInSim, useSim } from './harness';
import { schemaErrors } from './schemas';

const userPath = `/api/v2/users/${ids.onQueueIdle}`;
const statusPath = `${userPath}/routingstatus`;

/** The error code of a request that got no HTTP answer. */
async function transportError(request: Promise<unknown>): Promise<string> {
  try {
    await request;
  } catch (error) {
    if (isAxiosError(error)) return error.code ?? 'no code';
    throw error;
  }
  throw new Error('the request was answered');
}

describe('fault injection', () => {
  const harness = useSignedInSim();

  it('delays the answer by a latency fault', async () => {
    await harness.sim.control.addFault({ fault: { kind: 'latency', ms: 150 } });

    const started = performance.now();
    const response = await harness.read(userPath);

    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('answers a 503 fault with a service.unavailable ErrorBody', async () => {
    await harness.sim.control.addFault({
      fault: { kind: 'status', status: 503 },
      target: 'api',
    });

    const response = await harness.read(userPath);

    expect(response.status).toBe(503);
    expect(schemaErrors('ErrorBody', response.data)).toEqual([]);
    expect(response.data.code).toBe('service.unavailable');
  });

  it('answers normally once a counted fault is spent', async () => {
    await harness.sim.control.addFault({
      fault: { kind: 'status', status: 500 },
      count: 1,
    });
    await harness.read(userPath);

    const response = await harness.read(userPath);

    expect(response.status).toBe(200);
  });

  it('hits only the route a fault targets', async () => {
    await harness.sim.control.addFault({
      fault: { kind: 'status', status: 502 },
      target: 'users.routingstatus',
    });

    const user = await harness.read(userPath);
    const status = await harness.read(statusPath);

    expect(user.status).toBe(200);
    expect(status.status).toBe(502);
  });

  it('spares the token endpoint from an api fault', async () => {
    await harness.sim.control.addFault({
      fault: { kind: 'status', status: 500 },
      target: 'api',
    });

    const response = await requestToken(harness.http);

    expect(response.status).toBe(200);
  });

  it('fails the token endpoint with a token fault', async () => {
    await harness.sim.control.addFault({
      fault: { kind: 'status', status: 500 },
      target: 'token',
    });

    const login = await requestToken(harness.http);
    const read = await harness.read(userPath);

    expect(login.status).toBe(500);
    expect(read.status).toBe(200);
  });

  it('answers an OAuth error for a 401 token fault', async () => {
    await harness.sim.control.addFault({
      fault: { kind: 'status', status: 401 },
      target: 'token',
    });

    const response = await requestToken(harness.http);

    expect(response.status).toBe(401);
    expect(response.data.error).toBe('invalid_client');
  });

  it('holds the answer back with a hang fault', async () => {
    await harness.sim.control.addFault({ fault: { kind: 'hang' } });

    const code = await transportError(harness.read(userPath, { timeout: 200 }));

    expect(code).toBe('ECONNABORTED');
  });

  it('drops the connection when a timed hang ends', async () => {
    await harness.sim.control.addFault({ fault: { kind: 'hang', ms: 50 } });

    const code = await transportError(harness.read(userPath));

    expect(code).toBe('ECONNRESET');
  });

  it('resets the connection with a reset fault', async () => {
    await harness.sim.control.addFault({ fault: { kind: 'reset' } });

    const code = await transportError(harness.read(userPath));

    expect(code).toBe('ECONNRESET');
  });

  it('stops injecting once the faults are cleared', async () => {
    await harness.sim.control.addFault({ fault: { kind: 'reset' } });

    await harness.http.delete('/_sim/faults');
    const response = await harness.read(userPath);

    expect(response.status).toBe(200);
  });
});

describe('429 faults', () => {
  const harness = useSignedInSim();

  it('answers a burst of 429s with Retry-After in seconds', async () => {
    await harness.sim.control.addTooManyRequests({ count: 2, retryAfter: 3 });

    const first = await harness.read(userPath);
    const second = await harness.read(userPath);
    const third = await harness.read(userPath);

    expect([first.status, second.status, third.status]).toEqual([
      429, 429, 200,
    ]);
    expect(first.headers['retry-after']).toBe('3');
  });

  it('answers a 429 fault like a real 429', async () => {
    await harness.sim.control.addTooManyRequests({ count: 1 });

    const response = await harness.read(userPath);

    expect(schemaErrors('ErrorBody', response.data)).toEqual([]);
    expect(response.data.code).toBe('too.many.requests');
    expect(response.headers).toMatchObject({
      'retry-after': '1',
      'inin-ratelimit-allowed': '300',
      'inin-ratelimit-reset': '1',
    });
  });

  it('passes on Retry-After given as an HTTP date', async () => {
    const date = new Date(startTime + 30_000).toUTCString();
    await harness.sim.control.addFault({
      fault: { kind: 'status', status: 429, headers: { 'retry-after': date } },
      count: 1,
    });

    const response = await harness.read(userPath);

    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe(date);
    expect(response.headers['inin-ratelimit-reset']).toBe('30');
  });

  it('keeps answering 429 without a count', async () => {
    await harness.sim.control.addTooManyRequests();

    const statuses = [];
    for (let n = 0; n < 4; n += 1) {
      statuses.push((await harness.read(userPath)).status);
    }

    expect(statuses).toEqual([429, 429, 429, 429]);
  });

  it('throttles the token endpoint with a token target', async () => {
    await harness.sim.control.addTooManyRequests({ target: 'token' });

    const response = await requestToken(harness.http);

    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('1');
  });
});

describe('POST /_sim/faults input', () => {
  const harness = useSim();

  it('answers 400 naming the problem for an unknown kind', async () => {
    const response = await harness.http.post('/_sim/faults', {
      fault: { kind: 'explode' },
    });

    expect(response.status).toBe(400);
    expect(response.data.error).toMatch(/fault\.kind/);
  });

  it('answers 400 for an unknown target', async () => {
    const response = await harness.http.post('/_sim/faults', {
      fault: { kind: 'reset' },
      target: 'agents.states',
    });

    expect(response.status).toBe(400);
    expect(response.data.error).toMatch(/target/);
  });

  it('answers 400 for a retryAfter that is no date', async () => {
    const response = await harness.http.post('/_sim/faults/too-many-requests', {
      retryAfter: 'soon',
    });

    expect(response.status).toBe(400);
    expect(response.data.error).toMatch(/retryAfter/);
  });
});
