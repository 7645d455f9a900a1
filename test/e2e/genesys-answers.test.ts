import { describe, expect, it } from 'vitest';
import type { SimFaultRule } from '../../dev/genesys-sim/control';
import { agents, notificationFor, postNotification, useStack } from './stack';

const maintenancePage: SimFaultRule['fault'] = {
  kind: 'status',
  status: 200,
  body: '<html>maintenance</html>',
  headers: { 'content-type': 'text/html' },
};

describe('a Genesys answer that is not what the API documents', () => {
  it.each([
    ['a maintenance page', maintenancePage],
    ['null', { kind: 'status', status: 200, body: null }],
    ['an empty object', { kind: 'status', status: 200, body: {} }],
    ['no content', { kind: 'status', status: 204 }],
  ] as [string, SimFaultRule['fault']][])(
    'hands back a user read answered with %s',
    async (_, fault) => {
      // Prepare
      const stack = await useStack();
      await stack.genesys.control.addFault({ target: 'users.get', fault });

      // Act
      const response = await postNotification(
        stack,
        notificationFor(agents.onQueueInteracting),
      );

      // Assess
      expect(response.status).toBe(503);
      expect(response.data).toMatchObject({ reason: 'state_unavailable' });
    },
  );

  it('hands back an active user whose presence read answers 404', async () => {
    // Prepare
    const stack = await useStack();
    await stack.genesys.control.addFault({
      target: 'users.presence',
      fault: { kind: 'status', status: 404 },
    });

    // Act
    const response = await postNotification(
      stack,
      notificationFor(agents.expandUnsupported),
    );

    // Assess
    expect(response.data).toMatchObject({
      outcome: 'retry',
      reason: 'state_unavailable',
    });
  });
});
