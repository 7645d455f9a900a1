import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { SimUserInput } from '../../dev/genesys-sim/types';
import type { LocalStack } from '../../dev/local-stack';
import {
  envelopeWithoutId,
  failGenesys,
  fifoRecord,
  forwardedKeys,
  handleSqs,
  reporting,
  snsWrapped,
  sortedFailures,
  sqsRecord,
  targetKeys,
} from './records';
import { agents, genesysCounters, notificationFor, useStack } from './stack';

/** Agents of one kind for the big batch, and whether each is forwarded. */
interface AgentKind {
  count: number;
  user: Omit<SimUserInput, 'name'>;
  forwarded: boolean;
}

const kinds: AgentKind[] = [
  { count: 30, user: on('On Queue', 'IDLE'), forwarded: true },
  { count: 20, user: on('On Queue', 'INTERACTING'), forwarded: true },
  { count: 15, user: on('Available', 'OFF_QUEUE'), forwarded: true },
  { count: 15, user: on('On Queue', 'NOT_RESPONDING'), forwarded: false },
  { count: 20, user: on('Away', 'OFF_QUEUE'), forwarded: false },
  {
    count: 10,
    user: { ...on('On Queue', 'IDLE'), state: 'inactive' },
    forwarded: false,
  },
  {
    count: 10,
    user: { ...on('On Queue', 'IDLE'), state: 'deleted' },
    forwarded: false,
  },
];

function on(
  systemPresence: string,
  routingStatus: SimUserInput['routingStatus'],
): Omit<SimUserInput, 'name'> {
  return { systemPresence, routingStatus };
}

const unknownIds = [randomUUID(), randomUUID(), randomUUID()];

/**
 * Creates 120 agents through the sim's control API and builds 500 records
 * spread over them and 3 unknown ids; answers which notification ids the
 * policy lets through.
 */
async function prepareBigBatch(stack: LocalStack) {
  const agentIds: { id: string; forwarded: boolean }[] = [];
  for (const kind of kinds) {
    const created = await Promise.all(
      Array.from({ length: kind.count }, (_, n) =>
        stack.genesys.control.createUser({ ...kind.user, name: `Agent ${n}` }),
      ),
    );
    for (const user of created) {
      agentIds.push({ id: user.id, forwarded: kind.forwarded });
    }
  }
  for (const id of unknownIds) agentIds.push({ id, forwarded: false });

  const records = [];
  const expected = [];
  for (let n = 0; n < 500; n += 1) {
    const agent = agentIds[n % agentIds.length] as (typeof agentIds)[0];
    const id = `n-big-${String(n).padStart(3, '0')}`;
    records.push(sqsRecord(notificationFor(agent.id, { id })));
    if (agent.forwarded) expected.push(id);
  }
  return { records, expected: expected.sort() };
}

describe('the SQS handler on a batch of 500 records over 123 agents', () => {
  it('forwards exactly the records whose agent the policy allows', async () => {
    // Prepare
    const stack = await useStack();
    const { records, expected } = await prepareBigBatch(stack);

    // Act
    const response = await handleSqs(stack, ...records);

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(await forwardedKeys(stack)).toEqual(expected);
  });

  it('lists them in 2 calls, confirming alone only ids left out', async () => {
    // Prepare
    const stack = await useStack();
    const { records } = await prepareBigBatch(stack);

    // Act
    await handleSqs(stack, ...records);

    // Assess
    const { requests } = await genesysCounters(stack);
    // Lists leave out the 10 inactive, 10 deleted and 3 unknown ids: an
    // inactive user is read once, a deleted or unknown one a second time
    // with state=deleted.
    expect(requests).toEqual({
      token: 1,
      'users.list': 2,
      'users.get': 3 * 2,
    });
  });
});

describe('the SQS handler reporting records to try again', () => {
  it.each([
    ['three agents', [agents.onQueueIdle, agents.away, agents.missing]],
    ['one agent', [agents.onQueueIdle, agents.onQueueIdle]],
  ])('reports every message id when Genesys fails for %s', async (_, ids) => {
    // Prepare
    const stack = await useStack();
    await failGenesys(stack);
    const records = ids.map((id) => sqsRecord(envelopeWithoutId(id)));

    // Act
    const response = await handleSqs(stack, ...records);

    // Assess
    expect(sortedFailures(response)).toEqual(reporting(...records));
  });

  it('reports exactly the records the target failed to take', async () => {
    // Prepare
    const stack = await useStack();
    await stack.targetControl.answerStatus(503, 2);
    const forwardable = Array.from({ length: 5 }, () =>
      sqsRecord(envelopeWithoutId(agents.onQueueIdle)),
    );
    const dropped = sqsRecord(envelopeWithoutId(agents.away));

    // Act
    const response = await handleSqs(stack, ...forwardable, dropped);

    // Assess
    const refused = await targetKeys(stack, 503);
    expect(refused).toHaveLength(2);
    const failed = forwardable.filter((r) => refused.includes(r.messageId));
    expect(sortedFailures(response)).toEqual(reporting(...failed));
  });

  it('reports only the record whose agent Genesys failed to read', async () => {
    // Prepare
    const stack = await useStack();
    await failGenesys(stack, 'users.get');
    const listed = sqsRecord(notificationFor(agents.onQueueIdle));
    const readAlone = sqsRecord(notificationFor(agents.missing));

    // Act
    const response = await handleSqs(stack, listed, readAlone);

    // Assess
    expect(response).toEqual(reporting(readAlone));
  });

  it('reports every record when the secret has no clientSecret', async () => {
    // Prepare
    const stack = await useStack({ secret: { clientSecret: null } });
    const records = [
      sqsRecord(notificationFor(agents.onQueueIdle, { id: 'n-1' })),
      sqsRecord(notificationFor(agents.away, { id: 'n-2' })),
    ];

    // Act
    const response = await handleSqs(stack, ...records);

    // Assess
    expect(sortedFailures(response)).toEqual(reporting(...records));
  });
});

describe('the SQS handler on records that are not notifications', () => {
  it.each([
    ['is not JSON', 'Test message.'],
    ['is JSON but no notification', { message: 'foo1' }],
    ['has an agent id that is no UUID', notificationFor('agent-7')],
    ['wraps text that is not JSON in SNS', snsWrapped('Test message.')],
  ])('drops a record whose body %s, unreported', async (_, body) => {
    // Prepare
    const stack = await useStack();

    // Act
    const response = await handleSqs(stack, sqsRecord(body));

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(await targetKeys(stack)).toEqual([]);
  });

  it('asks Genesys nothing for a record that is not JSON', async () => {
    // Prepare
    const stack = await useStack();

    // Act
    await handleSqs(stack, sqsRecord('Test message.'));

    // Assess
    const counters = await genesysCounters(stack);
    expect(counters.total).toBe(0);
  });

  it('logs a refused record by message id, without its body', async () => {
    // Prepare
    const stack = await useStack();
    const warn = vi.spyOn(stack.gate.logger, 'warn');
    const record = sqsRecord({ message: 'pin 4711', agentId: 'agent-7' });

    // Act
    await handleSqs(stack, record);

    // Assess
    const logged = JSON.stringify(warn.mock.calls);
    expect(logged).toContain(record.messageId);
    expect(logged).toContain('invalid_notification');
    expect(logged).not.toContain('pin 4711');
  });

  it('forwards the valid records of a batch with an invalid one', async () => {
    // Prepare
    const stack = await useStack();
    const valid = notificationFor(agents.onQueueIdle, { id: 'n-ok' });

    // Act
    const response = await handleSqs(
      stack,
      sqsRecord('Test message.'),
      sqsRecord(valid),
    );

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(await forwardedKeys(stack)).toEqual(['n-ok']);
  });
});

describe('the SQS handler reading agents and ids', () => {
  it('reads an agent once for all its records in a batch', async () => {
    // Prepare
    const stack = await useStack();
    const records = ['n-1', 'n-2', 'n-3', 'n-4'].map((id) =>
      sqsRecord(notificationFor(agents.onQueueIdle, { id })),
    );

    // Act
    await handleSqs(stack, ...records);

    // Assess
    const { requests } = await genesysCounters(stack);
    expect(requests).toEqual({ token: 1, 'users.get': 1 });
  });

  it('lists two agents once for all their records in a batch', async () => {
    // Prepare
    const stack = await useStack();
    const records = ['n-1', 'n-2', 'n-3', 'n-4'].map((id, n) =>
      sqsRecord(
        notificationFor(n % 2 ? agents.away : agents.onQueueIdle, { id }),
      ),
    );

    // Act
    await handleSqs(stack, ...records);

    // Assess
    const { requests } = await genesysCounters(stack);
    expect(requests).toEqual({ token: 1, 'users.list': 1 });
  });

  it('keys a forward by the message id when the body has no id', async () => {
    // Prepare
    const stack = await useStack();
    const record = sqsRecord(envelopeWithoutId(agents.onQueueIdle));

    // Act
    await handleSqs(stack, record);

    // Assess
    expect(await forwardedKeys(stack)).toEqual([record.messageId]);
  });

  it('keys a forward by the body id over the message id', async () => {
    // Prepare
    const stack = await useStack();
    const body = notificationFor(agents.onQueueIdle, { id: 'n-own' });

    // Act
    await handleSqs(stack, sqsRecord(body));

    // Assess
    expect(await forwardedKeys(stack)).toEqual(['n-own']);
  });
});

describe('the SQS handler on bodies wrapped by SNS', () => {
  it('forwards the payload of the notification inside', async () => {
    // Prepare
    const stack = await useStack();
    const notification = notificationFor(agents.onQueueIdle, { id: 'n-sns' });
    const record = sqsRecord(snsWrapped(notification));

    // Act
    const response = await handleSqs(stack, record);

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    const [request] = await stack.targetControl.requests();
    expect(request?.headers['idempotency-key']).toBe('n-sns');
    expect(request?.body).toBe(JSON.stringify(notification.payload));
  });

  it('keys the notification inside by the SNS message id', async () => {
    // Prepare
    const stack = await useStack();
    const notification = envelopeWithoutId(agents.onQueueIdle);
    const body = snsWrapped(notification);
    const snsMessageId = (JSON.parse(body) as { MessageId: string }).MessageId;

    // Act
    await handleSqs(stack, sqsRecord(body));

    // Assess
    expect(await forwardedKeys(stack)).toEqual([snsMessageId]);
  });

  it('keys one SNS message delivered twice the same', async () => {
    // Prepare
    const stack = await useStack();
    const body = snsWrapped(envelopeWithoutId(agents.onQueueIdle));

    // Act
    await handleSqs(stack, sqsRecord(body));
    await handleSqs(stack, sqsRecord(body));

    // Assess
    const [first, second] = await forwardedKeys(stack);
    expect(first).toBe(second);
  });
});

describe('the SQS handler on a FIFO queue', () => {
  /** Groups A and B interleaved; the target refuses the first forward. */
  async function prepareGroups(stack: LocalStack) {
    await stack.targetControl.answerStatus(503, 1);
    const record = (id: string, group: string) =>
      fifoRecord(notificationFor(agents.onQueueIdle, { id }), group);
    const ordered = [
      record('a1', 'A'),
      record('b1', 'B'),
      record('a2', 'A'),
      record('b2', 'B'),
      record('a3', 'A'),
    ];
    const a = ordered.filter((r) => r.attributes.MessageGroupId === 'A');
    return { a, ordered };
  }

  it('reports the rest of a message group after a retry', async () => {
    // Prepare
    const stack = await useStack();
    const { a, ordered } = await prepareGroups(stack);

    // Act
    const response = await handleSqs(stack, ...ordered);

    // Assess
    expect(sortedFailures(response)).toEqual(reporting(...a));
  });

  it('reports every message id when Genesys fails for all', async () => {
    // Prepare
    const stack = await useStack();
    await failGenesys(stack);
    const records = ['A', 'B', 'A'].map((group) =>
      fifoRecord(envelopeWithoutId(agents.onQueueIdle), group),
    );

    // Act
    const response = await handleSqs(stack, ...records);

    // Assess
    expect(sortedFailures(response)).toEqual(reporting(...records));
  });

  it('forwards other groups but not the rest of a retried one', async () => {
    // Prepare
    const stack = await useStack();
    const { ordered } = await prepareGroups(stack);

    // Act
    await handleSqs(stack, ...ordered);

    // Assess
    expect(await targetKeys(stack)).toEqual(['a1', 'b1', 'b2']);
    expect(await forwardedKeys(stack)).toEqual(['b1', 'b2']);
  });
});
