import axios from 'axios';
import { describe, expect, it } from 'vitest';
import {
  createLogger,
  redactCredentials,
} from '../../src/observability/logger';
import { captureOutput, findCredentialShapes, findSecrets } from './capture';

const secrets = {
  password: 'client-secret-5e6f7a',
  token: 'issued-token-5e6f7a',
  cookie: 'cookie-value-5e6f7a',
  proxy: 'proxy-secret-5e6f7a',
};

/** What axios throws for a call that carried every kind of credential. */
async function failedCall(): Promise<unknown> {
  try {
    await axios.get('http://127.0.0.1:1/oauth/token', {
      auth: { username: 'client', password: secrets.password },
      headers: {
        Authorization: `Bearer ${secrets.token}`,
        Cookie: `session=${secrets.cookie}`,
        'Proxy-Authorization': `Basic ${secrets.proxy}`,
      },
    });
  } catch (error) {
    return error;
  }
  throw new Error('the call did not fail');
}

describe('createLogger', () => {
  it('logs an axios error without the credentials of its request', async () => {
    // Prepare
    const output = captureOutput();
    const logger = createLogger('INFO');
    const error = await failedCall();

    // Act
    logger.error('call failed', { error, cause: { error } });

    // Assess
    expect(output.lines()).toHaveLength(1);
    expect(findSecrets(output.lines(), secrets)).toEqual([]);
    expect(findCredentialShapes(output.lines())).toEqual([]);
  });

  it('keeps the rest of the error', async () => {
    // Prepare
    const output = captureOutput();
    const logger = createLogger('INFO');

    // Act
    logger.error('call failed', { error: await failedCall() });

    // Assess
    const line = JSON.parse(output.lines()[0] ?? '{}');
    expect(line.error.message).toContain('ECONNREFUSED');
    expect(line.error.code).toBe('ECONNREFUSED');
  });

  it('hides a bearer token inside a message', () => {
    // Prepare
    const output = captureOutput();
    const logger = createLogger('INFO');

    // Act
    logger.warn(`upstream said: Authorization: Bearer ${secrets.token}`);

    // Assess
    expect(findSecrets(output.lines(), secrets)).toEqual([]);
  });
});

describe('redactCredentials', () => {
  it.each([
    ['authorization', 'Bearer x'],
    ['Proxy-Authorization', 'Basic x'],
    ['COOKIE', 'a=b'],
    ['clientSecret', 's'],
    ['password', 's'],
  ])('hides the value of %s', (key, value) => {
    expect(redactCredentials(key, value)).toBe('[redacted]');
  });

  it('leaves words after Basic alone when no credential follows', () => {
    const text = 'Basic auth is refused';

    expect(redactCredentials('message', text)).toBe(text);
  });
});
