import { afterEach, describe, expect, it } from 'vitest';
import {
  type GenesysSim,
  demoUserIds as ids,
  OrgFileError,
  startGenesysSim,
} from '../../../dev/genesys-sim';
import { PortInUseError } from '../../../dev/lib/http';
import { useSim } from './harness';

describe('startGenesysSim', () => {
  const started: GenesysSim[] = [];

  afterEach(async () => {
    await Promise.all(started.splice(0).map((sim) => sim.close()));
  });

  it('listens on loopback on a free port with port 0', async () => {
    const sim = await startGenesysSim({ port: 0 });
    started.push(sim);

    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.url).not.toMatch(/:0$/);
  });

  it('rejects with PortInUseError naming GENESYS_SIM_PORT', async () => {
    const first = await startGenesysSim();
    started.push(first);
    const port = Number(new URL(first.url).port);

    const second = startGenesysSim({ port });

    await expect(second).rejects.toBeInstanceOf(PortInUseError);
    await expect(second).rejects.toThrow(/GENESYS_SIM_PORT/);
  });

  it('rejects an org that is not valid with OrgFileError', async () => {
    const org = { clients: [], users: [{ id: 'x' }] };

    // @ts-expect-error: the org is malformed on purpose.
    const attempt = startGenesysSim({ org });

    await expect(attempt).rejects.toBeInstanceOf(OrgFileError);
  });

  it('serves the org it is given instead of the demo org', async () => {
    const sim = await startGenesysSim({ org: { clients: [], users: [] } });
    started.push(sim);

    const users = await sim.control.listUsers();

    expect(users).toEqual([]);
  });
});

describe('routes the Platform API does not have', () => {
  const harness = useSim();

  it('answers 404 not.found for GET /api/v2/agents/states', async () => {
    const response = await harness.http.get('/api/v2/agents/states');

    expect(response.status).toBe(404);
    expect(response.data.code).toBe('not.found');
  });

  it('answers 405 for a method a user route does not take', async () => {
    const token = await harness.login();

    const response = await harness.http.put(
      `/api/v2/users/${ids.away}/routingstatus`,
      { status: 'IDLE' },
      { headers: { Authorization: `Bearer ${token}` } },
    );

    expect(response.status).toBe(405);
  });
});
