import { describe, expect, it } from 'vitest';
import { demoUserIds as ids } from '../../../dev/genesys-sim';
import { useSignedInSim } from './harness';
import { schemaErrors, schemaErrorsOfEach } from './schemas';

/** `count` distinct well-formed ids no user has. */
function strangerIds(count: number): string[] {
  return Array.from(
    { length: count },
    (_, n) => `b0000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  );
}

const activeDemoUsers = 17;

describe('GET /api/v2/users', () => {
  const harness = useSignedInSim();

  it('answers the users asked for by id, expanded', async () => {
    const response = await harness.read('/api/v2/users', {
      params: {
        id: `${ids.onQueueIdle},${ids.away}`,
        expand: 'presence,routingStatus',
      },
    });

    expect(response.status).toBe(200);
    expect(schemaErrors('UserEntityListing', response.data)).toEqual([]);
    expect(schemaErrorsOfEach('User', response.data.entities)).toEqual([]);
    expect(response.data).toMatchObject({ total: 2, pageNumber: 1 });
    expect(response.data.entities[1]).toMatchObject({
      id: ids.away,
      presence: { presenceDefinition: { systemPresence: 'Away' } },
      routingStatus: { status: 'OFF_QUEUE' },
    });
  });

  it('accepts ids as repeated parameters', async () => {
    const params = new URLSearchParams([
      ['id', ids.busy],
      ['id', ids.meal],
    ]);

    const response = await harness.read('/api/v2/users', {
      params,
    });

    const listed = response.data.entities.map((user: { id: string }) => {
      return user.id;
    });
    expect(listed).toEqual([ids.busy, ids.meal]);
  });

  it('leaves unknown ids out of the listing', async () => {
    const response = await harness.read('/api/v2/users', {
      params: { id: `${ids.busy},${ids.unknown}` },
    });

    expect(response.data.total).toBe(1);
    expect(response.data.entities[0].id).toBe(ids.busy);
  });

  it('leaves out inactive and deleted users by default', async () => {
    const response = await harness.read('/api/v2/users');

    const listed = response.data.entities.map((user: { id: string }) => {
      return user.id;
    });
    expect(response.data.total).toBe(activeDemoUsers);
    expect(listed).not.toContain(ids.inactive);
    expect(listed).not.toContain(ids.deleted);
  });

  it.each([
    ['inactive', ids.inactive],
    ['deleted', ids.deleted],
  ])('lists only %s users with state=%s', async (state, id) => {
    const response = await harness.read('/api/v2/users', {
      params: { state },
    });

    expect(response.data.total).toBe(1);
    expect(response.data.entities[0].id).toBe(id);
  });

  it('uses a page size of 25 when none is given', async () => {
    for (let n = 0; n < 10; n += 1) {
      await harness.sim.control.createUser({
        name: `Extra Agent ${n}`,
        systemPresence: 'Available',
        routingStatus: 'OFF_QUEUE',
      });
    }

    const response = await harness.read('/api/v2/users');

    expect(response.data).toMatchObject({
      pageSize: 25,
      pageNumber: 1,
      total: activeDemoUsers + 10,
      pageCount: 2,
      nextUri: expect.stringContaining('pageNumber=2'),
    });
    expect(response.data.entities).toHaveLength(25);
    expect(response.data).not.toHaveProperty('previousUri');
  });

  it('answers the page asked for with links either side', async () => {
    const response = await harness.read('/api/v2/users', {
      params: { pageSize: 5, pageNumber: 2 },
    });

    expect(
      response.data.entities.map((user: { id: string }) => user.id),
    ).toEqual([
      ids.availableNotResponding,
      ids.away,
      ids.busy,
      ids.offline,
      ids.meal,
    ]);
    expect(response.data).toMatchObject({
      pageCount: 4,
      previousUri: expect.stringContaining('pageNumber=1'),
      nextUri: expect.stringContaining('pageNumber=3'),
      lastUri: expect.stringContaining('pageNumber=4'),
    });
  });

  it('answers 400 max.user.ids for 101 ids', async () => {
    const response = await harness.read('/api/v2/users', {
      params: { id: strangerIds(101).join(',') },
    });

    expect(response.status).toBe(400);
    expect(response.data.code).toBe('max.user.ids');
    expect(schemaErrors('ErrorBody', response.data)).toEqual([]);
  });

  it('accepts 100 ids', async () => {
    const response = await harness.read('/api/v2/users', {
      params: { id: [ids.busy, ...strangerIds(99)].join(',') },
    });

    expect(response.status).toBe(200);
    expect(response.data.total).toBe(1);
  });

  it('answers 400 invalid.value for pageSize 0', async () => {
    const response = await harness.read('/api/v2/users?pageSize=0');

    expect(response.status).toBe(400);
    expect(response.data.code).toBe('invalid.value');
  });
});

describe('GET /api/v2/users/presences/purecloud/bulk', () => {
  const harness = useSignedInSim();
  const path = '/api/v2/users/presences/purecloud/bulk';

  it('answers a UcUserPresence per known user, with userId', async () => {
    const response = await harness.read(path, {
      params: { id: `${ids.onQueueIdle},${ids.meeting},${ids.unknown}` },
    });

    expect(response.status).toBe(200);
    expect(schemaErrorsOfEach('UcUserPresence', response.data)).toEqual([]);
    expect(response.data).toMatchObject([
      {
        userId: ids.onQueueIdle,
        presenceDefinition: { systemPresence: 'On Queue' },
      },
      {
        userId: ids.meeting,
        presenceDefinition: { systemPresence: 'Meeting' },
      },
    ]);
  });

  it('answers 400 for 51 ids', async () => {
    const response = await harness.read(path, {
      params: { id: strangerIds(51).join(',') },
    });

    expect(response.status).toBe(400);
    expect(schemaErrors('ErrorBody', response.data)).toEqual([]);
  });

  it('accepts 50 ids', async () => {
    const response = await harness.read(path, {
      params: { id: strangerIds(50).join(',') },
    });

    expect(response.status).toBe(200);
    expect(response.data).toEqual([]);
  });

  it('answers 400 bad.request for an id that is not a UUID', async () => {
    const response = await harness.read(`${path}?id=agent-7`);

    expect(response.status).toBe(400);
    expect(response.data.code).toBe('bad.request');
  });
});
