import { describe, expect, it } from 'vitest';
import { demoUserIds as ids } from '../../../dev/genesys-sim';
import { useSignedInSim } from './harness';
import { schemaErrors } from './schemas';

const expanded = '?expand=presence,routingStatus';

describe('GET /api/v2/users/{userId}', () => {
  const harness = useSignedInSim();

  it('answers presence and routing status when expanded', async () => {
    const response = await harness.read(
      `/api/v2/users/${ids.onQueueIdle}${expanded}`,
    );

    expect(response.status).toBe(200);
    expect(schemaErrors('User', response.data)).toEqual([]);
    expect(response.data).toMatchObject({
      id: ids.onQueueIdle,
      state: 'active',
      presence: { presenceDefinition: { systemPresence: 'On Queue' } },
      routingStatus: { userId: ids.onQueueIdle, status: 'IDLE' },
    });
  });

  it('accepts expand given as repeated parameters', async () => {
    const path = `/api/v2/users/${ids.away}`;

    const response = await harness.read(path, {
      params: new URLSearchParams([
        ['expand', 'presence'],
        ['expand', 'routingStatus'],
      ]),
    });

    expect(response.data.presence.presenceDefinition.systemPresence).toBe(
      'Away',
    );
    expect(response.data.routingStatus.status).toBe('OFF_QUEUE');
  });

  it('leaves out presence and routing status without expand', async () => {
    const response = await harness.read(`/api/v2/users/${ids.onQueueIdle}`);

    expect(response.status).toBe(200);
    expect(response.data).not.toHaveProperty('presence');
    expect(response.data).not.toHaveProperty('routingStatus');
  });

  it('leaves out expanded fields without expand support', async () => {
    const response = await harness.read(
      `/api/v2/users/${ids.expandUnsupported}${expanded}`,
    );

    expect(response.status).toBe(200);
    expect(response.data.id).toBe(ids.expandUnsupported);
    expect(response.data).not.toHaveProperty('presence');
    expect(response.data).not.toHaveProperty('routingStatus');
  });

  it('answers 404 not.found for an unknown user', async () => {
    const response = await harness.read(`/api/v2/users/${ids.unknown}`);

    expect(response.status).toBe(404);
    expect(response.data.code).toBe('not.found');
    expect(schemaErrors('ErrorBody', response.data)).toEqual([]);
  });

  it('answers 400 bad.request for an id that is not a UUID', async () => {
    const response = await harness.read('/api/v2/users/agent-42');

    expect(response.status).toBe(400);
    expect(response.data.code).toBe('bad.request');
    expect(schemaErrors('ErrorBody', response.data)).toEqual([]);
  });

  it('answers 400 invalid.value for an unknown expand value', async () => {
    const response = await harness.read(
      `/api/v2/users/${ids.onQueueIdle}?expand=routingstatus`,
    );

    expect(response.status).toBe(400);
    expect(response.data.code).toBe('invalid.value');
  });

  it('reports the state of an inactive user', async () => {
    const response = await harness.read(`/api/v2/users/${ids.inactive}`);

    expect(response.data.state).toBe('inactive');
  });

  it.each([
    ['an inactive user by default', ids.inactive, '', 200],
    ['a deleted user by default', ids.deleted, '', 404],
    ['a deleted user with state=deleted', ids.deleted, 'deleted', 200],
    ['an active user with state=deleted', ids.away, 'deleted', 404],
    ['any user with state=inactive', ids.inactive, 'inactive', 400],
  ])('answers %s with %i', async (_, id, state, status) => {
    const params = state === '' ? {} : { state };

    const response = await harness.read(`/api/v2/users/${id}`, { params });

    expect(response.status).toBe(status);
  });
});

describe('presence and routing status spellings', () => {
  const harness = useSignedInSim();

  it.each([
    [ids.onQueueIdle, 'On Queue', 'IDLE'],
    [ids.onQueueInteracting, 'On Queue', 'INTERACTING'],
    [ids.onQueueNotResponding, 'On Queue', 'NOT_RESPONDING'],
    [ids.onQueueCommunicating, 'On Queue', 'COMMUNICATING'],
    [ids.availableOffQueue, 'Available', 'OFF_QUEUE'],
    [ids.availableNotResponding, 'Available', 'NOT_RESPONDING'],
    [ids.away, 'Away', 'OFF_QUEUE'],
    [ids.busy, 'Busy', 'OFF_QUEUE'],
    [ids.offline, 'Offline', 'OFF_QUEUE'],
    [ids.meal, 'Meal', 'OFF_QUEUE'],
    [ids.training, 'Training', 'OFF_QUEUE'],
    [ids.meeting, 'Meeting', 'OFF_QUEUE'],
    [ids.break, 'Break', 'OFF_QUEUE'],
    [ids.idle, 'Idle', 'OFF_QUEUE'],
    [ids.unknownPresence, 'Unknown', 'OFF_QUEUE'],
    [ids.onQueueSpelledOnQueue, 'OnQueue', 'IDLE'],
  ])('answers user %s as %s / %s', async (id, presence, status) => {
    const response = await harness.read(`/api/v2/users/${id}${expanded}`);

    expect(response.data.presence.presenceDefinition.systemPresence).toBe(
      presence,
    );
    expect(response.data.routingStatus.status).toBe(status);
  });

  it('gives both On Queue spellings one definition id', async () => {
    const read = (id: string) =>
      harness.read(`/api/v2/users/${id}/presences/purecloud`);

    const spaced = await read(ids.onQueueIdle);
    const joined = await read(ids.onQueueSpelledOnQueue);

    expect(joined.data.presenceDefinition.id).toBe(
      spaced.data.presenceDefinition.id,
    );
  });
});
