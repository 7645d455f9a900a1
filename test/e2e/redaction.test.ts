import axios from 'axios';
import { describe, expect, it } from 'vitest';
import { demoClient, type FaultTarget } from '../../dev/genesys-sim';
import type { SimFaultRule } from '../../dev/genesys-sim/control';
import {
  demoSecret,
  demoSecretId,
  demoSigningKey,
  type LocalStack,
  type LocalStackOptions,
} from '../../dev/local-stack';
import { handler as httpHandler } from '../../src/handlers/http';
import { handler as sqsHandler } from '../../src/handlers/sqs';
import { createLogger } from '../../src/observability/logger';
import { inboundCredentials } from '../handlers/arbitraries';
import { recordRequests } from '../net/requests-seen';
import {
  captureOutput,
  findCredentialShapes,
  findSecrets,
} from '../observability/capture';
import { sqsRecord } from './records';
import { agents, notificationFor, useStack } from './stack';

/**
 * Every log line the gate writes, every answer and every error message it
 * gives, under the faults that carry credentials around: none repeats a
 * secret, a token the simulated org issued or a credential header.
 */

const previousSigningKey = 'previous-signing-key-0f9e8d7c';
const callerKey = 'caller-key-0f9e8d7c6b5a';

/** Headers a caller might send that hold credentials, in mixed case. */
const inboundHeaders = {
  Authorization: `Bearer ${inboundCredentials.bearer}`,
  'PROXY-AUTHORIZATION': `Basic ${inboundCredentials.proxy}`,
  cookie: `session=${inboundCredentials.cookie}`,
  'content-type': 'application/json',
};

/** Every kind of call the gate serves, each with credentials inbound. */
async function callEveryFunction(stack: LocalStack): Promise<string[]> {
  const notification = notificationFor(agents.onQueueIdle, {
    payload: { text: inboundCredentials.payload },
  });
  const post = await axios.post(
    `${stack.api.url}/notifications`,
    notification,
    {
      headers: inboundHeaders,
      validateStatus: () => true,
    },
  );
  const invoked = await Promise.all(
    (['queue', 'pipeline', 'invoke'] as const).map((name) =>
      axios.post(stack.api.invokeUrlOf(name), eventFor(name, notification)),
    ),
  );
  return [post, ...invoked].map((response) =>
    JSON.stringify({ headers: response.headers, body: response.data }),
  );
}

function eventFor(name: string, notification: Record<string, unknown>) {
  if (name === 'queue') return { Records: [sqsRecord(notification)] };
  if (name === 'pipeline') return [sqsRecord(notification)];
  return notification;
}

interface Fault {
  name: string;
  options?: LocalStackOptions;
  /** Puts the fault in place; may resolve with more secrets, by name. */
  arrange?: (stack: LocalStack) => Promise<unknown>;
}

/** The simulated org misbehaves on `target`, `count` times or always. */
function genesysFault(
  fault: SimFaultRule['fault'],
  target: FaultTarget,
  count?: number,
) {
  return (stack: LocalStack) =>
    stack.genesys.control.addFault({ fault, target, count });
}

const faults: Fault[] = [
  { name: 'no fault: tokens issued and used' },
  {
    name: 'Genesys refuses a token once (401), the gate logs in again',
    arrange: genesysFault({ kind: 'status', status: 401 }, 'users.get', 1),
  },
  {
    name: 'the token endpoint answers 401 invalid_client',
    arrange: genesysFault({ kind: 'status', status: 401 }, 'token'),
  },
  {
    name: 'the token endpoint answers 500',
    arrange: genesysFault({ kind: 'status', status: 500 }, 'token'),
  },
  {
    name: 'the token endpoint drops the connection',
    arrange: genesysFault({ kind: 'reset' }, 'token'),
  },
  {
    name: 'every API call answers 500',
    arrange: genesysFault({ kind: 'status', status: 500 }, 'api'),
  },
  {
    name: 'Genesys answers 403',
    arrange: genesysFault({ kind: 'status', status: 403 }, 'api'),
  },
  {
    name: 'Genesys answers 429 for longer than the gate waits',
    arrange: (stack) =>
      stack.genesys.control.addTooManyRequests({ retryAfter: 60 }),
  },
  {
    name: 'Secrets Manager fails (500)',
    arrange: (stack) => stack.secretsControl.fail(),
  },
  {
    name: 'Secrets Manager denies access',
    arrange: (stack) =>
      stack.secretsControl.answerError('AccessDeniedException'),
  },
  {
    name: 'the secret has a signing key too short',
    options: { secret: { signingKey: 'short-key-4c1' } },
    arrange: async () => ({ shortKey: 'short-key-4c1' }),
  },
  {
    name: 'the secret is JSON cut short',
    arrange: async (stack) => {
      const text = JSON.stringify(demoSecret(stack.genesys.url)).slice(0, -40);
      await stack.secretsControl.putSecret(demoSecretId, text);
      return { cutSecret: text };
    },
  },
  {
    name: 'the secret puts a password in the API base URL',
    options: { secret: { apiBaseUrl: 'https://gate:pw-canary-91@api.test' } },
    arrange: async () => ({ urlPassword: 'pw-canary-91' }),
  },
  {
    name: 'the secret has a client secret that is not a string',
    options: { secret: { clientSecret: 918_273_645 } },
    arrange: async () => ({ numericSecret: '918273645' }),
  },
  {
    name: 'the secret has caller keys, the caller signs nothing',
    options: { secret: { callerKeys: [callerKey] } },
    arrange: async () => ({ callerKey }),
  },
  {
    name: 'the secret has caller keys that are not a list',
    options: { secret: { callerKeys: callerKey } },
    arrange: async () => ({ callerKey }),
  },
  {
    name: 'the target answers 500',
    arrange: (stack) => stack.targetControl.answerStatus(500),
  },
  {
    name: 'the target answers 401',
    arrange: (stack) => stack.targetControl.answerStatus(401),
  },
  {
    name: 'the target drops the connection',
    arrange: (stack) =>
      stack.targetControl.addFault({ fault: { kind: 'reset' } }),
  },
];

/** The credentials the gate holds or was given in this run. */
function knownSecrets(
  stack: LocalStack,
  options: LocalStackOptions,
  authorizations: string[],
): Record<string, string> {
  const secret = { ...demoSecret(stack.genesys.url), ...options.secret };
  const { payload: _, ...inbound } = inboundCredentials;
  const secrets: Record<string, string> = {
    ...inbound,
    clientSecret: demoClient.clientSecret,
    signingKey: demoSigningKey,
    previousSigningKey,
    secretJson: JSON.stringify(secret),
  };
  authorizations.forEach((header, n) => {
    secrets[`authorization ${n}`] = header;
    secrets[`credential ${n}`] = header.split(' ')[1] ?? header;
  });
  return secrets;
}

describe('no credential in a log line, an error or an answer', () => {
  it.each(faults)('$name', async (fault) => {
    // Prepare
    const output = captureOutput();
    const options = {
      ...fault.options,
      secret: { previousSigningKey, ...fault.options?.secret },
      logger: createLogger('DEBUG'),
    };
    const stack = await useStack(options);
    const seen = recordRequests(stack.genesys.url);
    const extra = ((await fault.arrange?.(stack)) ?? {}) as object;

    // Act
    const answers = await callEveryFunction(stack);

    // Assess
    const lines = output.lines();
    const texts = [...lines, ...answers];
    const secrets = {
      ...knownSecrets(stack, options, seen.authorizations()),
      ...extra,
    };
    expect(lines.length).toBeGreaterThan(0);
    expect(findSecrets(texts, secrets)).toEqual([]);
    expect(findSecrets(lines, inboundCredentials)).toEqual([]);
    expect(findCredentialShapes(texts)).toEqual([]);
  });

  it('checks the tokens the simulated org issued', async () => {
    // Prepare
    const stack = await useStack();
    const seen = recordRequests(stack.genesys.url);

    // Act
    await callEveryFunction(stack);

    // Assess
    const kinds = seen.authorizations().map((header) => header.split(' ')[0]);
    expect(new Set(kinds)).toEqual(new Set(['Basic', 'Bearer']));
  });

  it('writes no credential with the boot logger', async () => {
    // Prepare
    const output = captureOutput();
    const event = {
      version: '2.0',
      headers: inboundHeaders,
      cookies: [`session=${inboundCredentials.cookie}`],
      requestContext: { http: { method: 'POST' } },
      body: JSON.stringify(notificationFor(agents.onQueueIdle)),
    };

    // Act
    const answers = [
      await httpHandler(event as never),
      await sqsHandler({ Records: [sqsRecord('Test message.')] }),
    ].map((answer) => JSON.stringify(answer));

    // Assess
    const texts = [...output.lines(), ...answers];
    expect(output.lines().join('\n')).toContain('gate misconfigured');
    expect(findSecrets(texts, inboundCredentials)).toEqual([]);
    expect(findCredentialShapes(texts)).toEqual([]);
  });
});
