import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/errors';
import { parseSecret, sameGenesysClient } from '../../src/secrets/credentials';

const secret = {
  clientId: 'client-id-value',
  clientSecret: 'client-secret-value',
  region: 'eu_west_1',
  signingKey: 'signing-key-value-0123456789',
};

function attempt(text: string, requireSigningKey = false): Error {
  try {
    parseSecret(text, requireSigningKey);
  } catch (error) {
    return error as Error;
  }
  throw new Error('parseSecret accepted the secret');
}

describe('parseSecret', () => {
  it('reads credentials, hosts and signing keys', () => {
    const credentials = parseSecret(
      JSON.stringify({
        ...secret,
        previousSigningKey: 'previous-key-0123456789',
      }),
    );

    expect(credentials).toEqual({
      clientId: 'client-id-value',
      clientSecret: 'client-secret-value',
      loginBaseUrl: 'https://login.mypurecloud.ie',
      apiBaseUrl: 'https://api.mypurecloud.ie',
      signingKeys: ['signing-key-value-0123456789', 'previous-key-0123456789'],
      callerKeys: [],
    });
  });

  it.each(['clientId', 'clientSecret'])('names a missing %s', (key) => {
    const { [key as 'clientId']: _, ...rest } = secret;

    const error = attempt(JSON.stringify(rest));

    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe(`secret key ${key} is missing`);
  });

  it('names a malformed key without showing its value', () => {
    const error = attempt(JSON.stringify({ ...secret, clientSecret: 42 }));

    expect(error.message).toBe(
      'secret key clientSecret must be a non-empty string',
    );
  });

  it('names a short signing key without showing it', () => {
    const error = attempt(
      JSON.stringify({ ...secret, signingKey: 'short-key' }),
    );

    expect(error.message).toContain('secret key signingKey must be');
    expect(error.message).not.toContain('short-key');
  });

  it('requires a signing key when the gate forwards', () => {
    const { signingKey: _, ...rest } = secret;

    const error = attempt(JSON.stringify(rest), true);

    expect(error.message).toContain('secret key signingKey is missing');
  });

  it.each(['not json {client-secret-value}', '"a string"', '[1]', 'null'])(
    'rejects %s as not a JSON object without echoing it',
    (text) => {
      const error = attempt(text);

      expect(error.message).toBe('the secret is not a JSON object');
      expect(error.cause).toBeUndefined();
    },
  );

  it('names an unknown region', () => {
    const error = attempt(JSON.stringify({ ...secret, region: 'nowhere_1' }));

    expect(error.message).toContain('secret key region is not a Genesys');
  });
});

describe('parseSecret with caller keys', () => {
  const callerKeys = ['caller-key-one-0123456789', 'caller-key-two-0123456789'];

  it('reads one or two caller keys', () => {
    const credentials = parseSecret(JSON.stringify({ ...secret, callerKeys }));

    expect(credentials.callerKeys).toEqual(callerKeys);
  });

  it.each([
    ['an empty list', []],
    ['three keys', [...callerKeys, 'caller-key-three-0123456789']],
    ['a short key', ['short-caller']],
    ['a string instead of a list', 'caller-key-one-0123456789'],
  ])('names callerKeys with %s, without showing them', (_, keys) => {
    const error = attempt(JSON.stringify({ ...secret, callerKeys: keys }));

    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe(
      'secret key callerKeys must be a list of one or two strings of at ' +
        'least 16 characters',
    );
  });
});

describe('sameGenesysClient', () => {
  const hosts = {
    apiBaseUrl: 'https://api.example.test',
    loginBaseUrl: 'https://login.example.test',
  };
  const compare = (a: object, b: object) =>
    sameGenesysClient(
      parseSecret(JSON.stringify(a)),
      parseSecret(JSON.stringify(b)),
    );

  it.each([
    ['a new signing key', { signingKey: 'the-next-signing-key-0123' }],
    ['a previous signing key', { previousSigningKey: 'older-key-0123456789' }],
    ['caller keys', { callerKeys: ['caller-key-0123456789'] }],
    ['spaces around the client id', { clientId: ' client-id-value ' }],
  ])('is the same client after %s', (_, change) => {
    expect(compare(secret, { ...secret, ...change })).toBe(true);
  });

  it.each([
    ['client id', { clientId: 'another-client-id' }],
    ['client secret', { clientSecret: 'another-client-secret' }],
    ['region', { region: 'us_east_1' }],
  ])('is another client after a new %s', (_, change) => {
    expect(compare(secret, { ...secret, ...change })).toBe(false);
  });

  it('is the same client for another region when both hosts are set', () => {
    const pinned = { ...secret, ...hosts };

    expect(compare(pinned, { ...pinned, region: 'us_east_1' })).toBe(true);
  });

  it('is another client when one host moves', () => {
    const pinned = { ...secret, ...hosts };
    const moved = { ...pinned, apiBaseUrl: 'https://api.other.test' };

    expect(compare(pinned, moved)).toBe(false);
  });
});
