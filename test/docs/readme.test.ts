import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signBody, verifySignature } from '../../src/target/signature';

const readme = readFileSync(
  join(import.meta.dirname, '../../README.md'),
  'utf8',
);

type Verify = (header: string, body: string, keys: string[]) => boolean;

/** The verification snippet the README gives to target owners. */
function readmeVerify(): Verify {
  const start = readme.indexOf('A target verifies like this');
  const code = readme.slice(start).split('```js\n')[1]?.split('```')[0];
  if (!code) throw new Error('README has no verification snippet');
  const define = new Function('require', `${code}\nreturn verify;`);
  return define(createRequire(import.meta.url)) as Verify;
}

describe('README signature snippet', () => {
  const body = '{"text":"hello"}';
  const now = Math.floor(Date.now() / 1000);

  it('accepts what the gate signs', () => {
    const header = signBody(body, ['current-key-0123456789'], now);

    expect(readmeVerify()(header, body, ['current-key-0123456789'])).toBe(true);
  });

  it('accepts the previous key during a rotation', () => {
    const keys = ['new-key-0123456789', 'old-key-0123456789'];
    const header = signBody(body, keys, now);

    expect(readmeVerify()(header, body, ['old-key-0123456789'])).toBe(true);
  });

  it('refuses a changed body', () => {
    const header = signBody(body, ['current-key-0123456789'], now);

    expect(readmeVerify()(header, `${body}!`, ['current-key-0123456789'])).toBe(
      false,
    );
  });

  it('refuses an old timestamp', () => {
    const header = signBody(body, ['current-key-0123456789'], now - 3600);

    expect(readmeVerify()(header, body, ['current-key-0123456789'])).toBe(
      false,
    );
  });
});

describe('README caller signing snippet', () => {
  it('signs a request the way the gate verifies it', () => {
    // Prepare
    const start = readme.indexOf('A caller signs like this');
    const code = readme.slice(start).split('```js\n')[1]?.split('```')[0];
    const body = '{"agentId":"a0000000-0000-4000-8000-000000000001"}';
    const key = 'caller-key-0123456789';
    const headers: Record<string, string> = {};

    // Act
    new Function('createHmac', 'key', 'body', 'headers', code ?? '')(
      createHmac,
      key,
      body,
      headers,
    );

    // Assess
    const signature = headers['X-Presence-Gate-Caller-Signature'] ?? '';
    const now = Math.floor(Date.now() / 1000);
    expect(verifySignature(signature, body, [key], now)).toBe(true);
  });
});

describe('README configuration table', () => {
  it('documents every variable the gate reads', () => {
    const source = readFileSync(
      join(import.meta.dirname, '../../src/config/config.ts'),
      'utf8',
    );
    const variables = [...source.matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map(
      (match) => match[1],
    );

    expect(variables.length).toBeGreaterThan(5);
    for (const variable of variables) {
      expect(readme).toMatch(new RegExp(`\\|\\s*\`${variable}\`\\s*\\|`));
    }
  });
});
