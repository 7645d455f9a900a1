import { describe, expect, it } from 'vitest';
import {
  GenesysSimControlError,
  demoUserIds as ids,
} from '../../../dev/genesys-sim';
import { useSignedInSim, useSim } from './harness';

const newAgent = {
  id: 'c0000000-0000-4000-8000-000000000001',
  name: 'Test Agent',
  systemPresence: 'On Queue',
  routingStatus: 'IDLE',
} as const;

describe('control API: users and clients', () => {
  const harness = useSim();

  it('lists the 19 demo users', async () => {
    const users = await harness.sim.control.listUsers();

    expect(users).toHaveLength(19);
    expect(users[0]).toMatchObject({
      id: ids.onQueueIdle,
      systemPresence: 'On Queue',
      routingStatus: 'IDLE',
      state: 'active',
      expandSupported: true,
    });
  });

  it('creates a user the Platform API then answers', async () => {
    await harness.sim.control.createUser(newAgent);
    const token = await harness.login();

    const response = await harness.get(`/api/v2/users/${newAgent.id}`, token);

    expect(response.status).toBe(200);
    expect(response.data.name).toBe('Test Agent');
  });

  it('gives a created user a random UUID when none is given', async () => {
    const { id: _id, ...withoutId } = newAgent;

    const user = await harness.sim.control.createUser(withoutId);

    expect(user.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(user.email).toBe('test.agent@example.com');
  });

  it('answers 409 for a user id that is taken', async () => {
    const response = await harness.http.post('/_sim/users', {
      ...newAgent,
      id: ids.away,
    });

    expect(response.status).toBe(409);
  });

  it('answers 400 naming the field for a bad routing status', async () => {
    const response = await harness.http.post('/_sim/users', {
      ...newAgent,
      routingStatus: 'ON_QUEUE',
    });

    expect(response.status).toBe(400);
    expect(response.data.error).toMatch(/^routingStatus: /);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const response = await harness.http.post('/_sim/users', 'name=x', {
      headers: { 'content-type': 'text/plain' },
    });

    expect(response.status).toBe(400);
    expect(response.data.error).toMatch(/JSON/);
  });

  it('changes state and expand support with PATCH', async () => {
    const user = await harness.sim.control.updateUser(ids.away, {
      state: 'inactive',
      expandSupported: false,
    });

    expect(user).toMatchObject({ state: 'inactive', expandSupported: false });
  });

  it('answers 404 for PATCH of an unknown user', async () => {
    const response = await harness.http.patch(`/_sim/users/${ids.unknown}`, {
      state: 'inactive',
    });

    expect(response.status).toBe(404);
  });

  it('rejects a lifetime over 48 hours for a new client', async () => {
    const response = await harness.http.post('/_sim/clients', {
      clientId: 'c',
      clientSecret: 's',
      tokenLifetimeSeconds: 172_801,
    });

    expect(response.status).toBe(400);
    expect(response.data.error).toMatch(/tokenLifetimeSeconds/);
  });

  it('never shows a client secret', async () => {
    const response = await harness.http.post('/_sim/clients', {
      clientId: 'c',
      clientSecret: 'hidden-secret',
    });

    expect(response.status).toBe(201);
    expect(JSON.stringify(response.data)).not.toContain('hidden-secret');
  });

  it('answers 404 for an unknown control route', async () => {
    const response = await harness.http.get('/_sim/agents');

    expect(response.status).toBe(404);
    expect(response.data.error).toMatch(/\/_sim\/agents/);
  });

  it('throws GenesysSimControlError from the client on bad input', async () => {
    const attempt = harness.sim.control.setRateLimit(0);

    await expect(attempt).rejects.toBeInstanceOf(GenesysSimControlError);
  });
});

describe('control API: counters and reset', () => {
  const harness = useSignedInSim();

  it('counts requests per route, tokens and the total', async () => {
    await harness.read(`/api/v2/users/${ids.away}`);
    await harness.read(`/api/v2/users/${ids.away}/routingstatus`);
    await harness.read(`/api/v2/users/${ids.away}/routingstatus`);
    await harness.http.get('/api/v2/agents/states');

    const counters = await harness.sim.control.readCounters();

    expect(counters).toEqual({
      requests: {
        token: 1,
        'users.get': 1,
        'users.routingstatus': 2,
        unknown: 1,
      },
      tokensIssued: 1,
      tooManyRequests: 0,
      total: 5,
    });
  });

  it('leaves control requests out of the counters', async () => {
    await harness.sim.control.listUsers();

    const counters = await harness.sim.control.readCounters();

    expect(counters.total).toBe(1);
  });

  it('zeroes the counters on reset', async () => {
    await harness.read(`/api/v2/users/${ids.away}`);

    await harness.sim.control.reset();

    expect(harness.sim.readCounters()).toEqual({
      requests: {},
      tokensIssued: 0,
      tooManyRequests: 0,
      total: 0,
    });
  });

  it('restores the loaded users on reset', async () => {
    await harness.sim.control.updateUser(ids.away, { routingStatus: 'IDLE' });
    await harness.sim.control.createUser(newAgent);

    await harness.sim.control.reset();

    const users = await harness.sim.control.listUsers();
    expect(users).toHaveLength(19);
    expect(users.find((user) => user.id === ids.away)?.routingStatus).toBe(
      'OFF_QUEUE',
    );
  });

  it('clears faults and rate limits on reset', async () => {
    await harness.sim.control.setRateLimit(1);
    await harness.sim.control.addFault({ fault: { kind: 'reset' } });

    await harness.sim.control.reset();
    const first = await harness.read(`/api/v2/users/${ids.away}`);
    const second = await harness.read(`/api/v2/users/${ids.away}`);

    expect([first.status, second.status]).toEqual([200, 200]);
  });

  it('keeps tokens of loaded clients valid across a reset', async () => {
    await harness.sim.control.reset();

    const response = await harness.read(`/api/v2/users/${ids.away}`);

    expect(response.status).toBe(200);
  });

  it('revokes tokens of a client the reset removed', async () => {
    const added = { clientId: 'temporary', clientSecret: 'temporary' };
    await harness.sim.control.createClient(added);
    const addedToken = await harness.login(added);

    await harness.sim.control.reset();
    const response = await harness.get(`/api/v2/users/${ids.away}`, addedToken);

    expect(response.status).toBe(401);
  });
});
