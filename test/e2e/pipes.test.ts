import { describe, expect, it } from 'vitest';
import { BatchHandedBackError } from '../../src/handlers/pipes';
import {
  failGenesys,
  handlePipes,
  pipesRecord,
  snsWrapped,
  targetKeys,
} from './records';
import { agents, notificationFor, useStack } from './stack';

const deliverable = pipesRecord(
  notificationFor(agents.onQueueIdle, { id: 'n-fwd-1' }),
);
const alsoDeliverable = pipesRecord(
  notificationFor(agents.availableOffQueue, { id: 'n-fwd-2' }),
);
const away = pipesRecord(notificationFor(agents.away, { id: 'n-away' }));
const unknown = pipesRecord(notificationFor(agents.missing, { id: 'n-unk' }));
const inactive = pipesRecord(notificationFor(agents.inactive, { id: 'n-in' }));
const missing = pipesRecord(notificationFor(agents.missing, { id: 'n-gone' }));
const notJson = pipesRecord('Test message.');

describe('the EventBridge Pipes enrichment handler', () => {
  it('returns only deliverable records, as they came, in order', async () => {
    // Prepare
    const stack = await useStack();
    const records = [deliverable, away, notJson, alsoDeliverable];

    // Act
    const output = await handlePipes(stack, records);

    // Assess
    expect(output).toEqual([deliverable, alsoDeliverable]);
  });

  it('returns an empty array when every record is dropped', async () => {
    // Prepare
    const stack = await useStack();
    const input = [away, unknown, inactive, notJson];

    // Act
    const output = await handlePipes(stack, input);

    // Assess
    expect(output).toEqual([]);
  });

  it('returns an SNS-wrapped record still wrapped', async () => {
    // Prepare
    const stack = await useStack();
    const wrapped = pipesRecord(
      snsWrapped(notificationFor(agents.onQueueIdle)),
    );

    // Act
    const output = await handlePipes(stack, [wrapped]);

    // Assess
    expect(output).toEqual([wrapped]);
  });

  it('sends nothing to the target, even for deliverable records', async () => {
    // Prepare
    const stack = await useStack();
    const input = [deliverable, alsoDeliverable];

    // Act
    await handlePipes(stack, input);

    // Assess
    expect(await targetKeys(stack)).toEqual([]);
  });

  it('throws so that Pipes retries when Genesys fails for all', async () => {
    // Prepare
    const stack = await useStack();
    await failGenesys(stack);
    const input = [deliverable, away];

    // Act
    const handling = handlePipes(stack, input);

    // Assess
    await expect(handling).rejects.toThrow(BatchHandedBackError);
  });

  it('throws when one record of the batch must be retried', async () => {
    // Prepare
    const stack = await useStack();
    await failGenesys(stack, 'users.get');
    const input = [deliverable, away, missing];

    // Act
    const handling = handlePipes(stack, input);

    // Assess
    await expect(handling).rejects.toThrow(BatchHandedBackError);
  });

  it('throws when the secret has no clientSecret', async () => {
    // Prepare
    const stack = await useStack({ secret: { clientSecret: null } });
    const input = [deliverable];

    // Act
    const handling = handlePipes(stack, input);

    // Assess
    await expect(handling).rejects.toThrow(/clientSecret/);
  });
});
