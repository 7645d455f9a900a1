import { describe, expect, it } from 'vitest';
import { schemaErrors } from './schemas';

describe('the OpenAPI fixture the answers are checked against', () => {
  it('rejects a routing status outside the documented enum', () => {
    const body = { userId: 'u', status: 'ON_QUEUE' };

    expect(schemaErrors('RoutingStatus', body)).not.toEqual([]);
  });

  it('rejects a User without version', () => {
    const body = { id: 'u', name: 'No Version', state: 'active' };

    expect(schemaErrors('User', body)).not.toEqual([]);
  });

  it('rejects a User whose presence definition is not an object', () => {
    const body = { id: 'u', version: 1, presence: { presenceDefinition: 7 } };

    expect(schemaErrors('User', body)).not.toEqual([]);
  });

  it('rejects an ErrorBody whose status is text', () => {
    const body = { message: 'm', code: 'c', status: '404' };

    expect(schemaErrors('ErrorBody', body)).not.toEqual([]);
  });

  it('accepts properties it does not define', () => {
    const body = { userId: 'u', status: 'IDLE', extra: true };

    expect(schemaErrors('RoutingStatus', body)).toEqual([]);
  });
});
