import { describe, expect, it } from 'vitest';
import { demoUserIds as ids } from '../../../dev/genesys-sim';
import { startTime, useSignedInSim } from './harness';
import { schemaErrors } from './schemas';

describe('GET /api/v2/users/{userId}/routingstatus', () => {
  const harness = useSignedInSim();

  it('answers the routing status of a known user', async () => {
    const response = await harness.read(
      `/api/v2/users/${ids.onQueueInteracting}/routingstatus`,
    );

    expect(response.status).toBe(200);
    expect(schemaErrors('RoutingStatus', response.data)).toEqual([]);
    expect(response.data).toEqual({
      userId: ids.onQueueInteracting,
      status: 'INTERACTING',
      startTime: new Date(startTime).toISOString(),
    });
  });

  it('answers 200 OFF_QUEUE for a user that does not exist', async () => {
    const response = await harness.read(
      `/api/v2/users/${ids.unknown}/routingstatus`,
    );

    expect(response.status).toBe(200);
    expect(response.data).toEqual({ userId: ids.unknown, status: 'OFF_QUEUE' });
  });

  it('answers 404 on the user read for that same missing user', async () => {
    const response = await harness.read(`/api/v2/users/${ids.unknown}`);

    expect(response.status).toBe(404);
  });

  it('answers OFF_QUEUE for a deleted user', async () => {
    const response = await harness.read(
      `/api/v2/users/${ids.deleted}/routingstatus`,
    );

    expect(response.data.status).toBe('OFF_QUEUE');
  });

  it('answers 400 bad.request for an id that is not a UUID', async () => {
    const response = await harness.read('/api/v2/users/x/routingstatus');

    expect(response.status).toBe(400);
    expect(response.data.code).toBe('bad.request');
  });

  it('restarts startTime when the control API changes the status', async () => {
    harness.clock.advance(90_000);
    await harness.sim.control.updateUser(ids.onQueueIdle, {
      routingStatus: 'INTERACTING',
    });

    const response = await harness.read(
      `/api/v2/users/${ids.onQueueIdle}/routingstatus`,
    );

    expect(response.data.status).toBe('INTERACTING');
    expect(response.data.startTime).toBe(
      new Date(startTime + 90_000).toISOString(),
    );
  });
});

describe('GET /api/v2/users/{userId}/presences/purecloud', () => {
  const harness = useSignedInSim();

  it('answers the PURECLOUD presence of a known user', async () => {
    const response = await harness.read(
      `/api/v2/users/${ids.busy}/presences/purecloud`,
    );

    expect(response.status).toBe(200);
    expect(schemaErrors('UserPresence', response.data)).toEqual([]);
    expect(response.data).toMatchObject({
      source: 'PURECLOUD',
      primary: true,
      presenceDefinition: { systemPresence: 'Busy' },
      modifiedDate: new Date(startTime).toISOString(),
    });
  });

  it('answers the presence of a user without expand support', async () => {
    const response = await harness.read(
      `/api/v2/users/${ids.expandUnsupported}/presences/purecloud`,
    );

    expect(response.data.presenceDefinition.systemPresence).toBe('On Queue');
  });

  it('answers 404 not.found for an unknown user', async () => {
    const response = await harness.read(
      `/api/v2/users/${ids.unknown}/presences/purecloud`,
    );

    expect(response.status).toBe(404);
    expect(response.data.code).toBe('not.found');
  });

  it('answers 404 for a deleted user', async () => {
    const response = await harness.read(
      `/api/v2/users/${ids.deleted}/presences/purecloud`,
    );

    expect(response.status).toBe(404);
  });

  it('follows a presence change made through the control API', async () => {
    await harness.sim.control.updateUser(ids.away, {
      systemPresence: 'Available',
    });

    const response = await harness.read(
      `/api/v2/users/${ids.away}/presences/purecloud`,
    );

    expect(response.data.presenceDefinition.systemPresence).toBe('Available');
  });
});
