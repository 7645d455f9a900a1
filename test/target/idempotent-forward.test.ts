import { randomUUID } from 'node:crypto';
import { type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createIdempotencyTable,
  type LocalDynamoDb,
  localDynamoDbClient,
  startLocalDynamoDb,
} from '../../dev/dynamodb';
import { TimeBudget } from '../../src/net/budget';
import { createLogger } from '../../src/observability/logger';
import type { ForwardRequest, ForwardResult } from '../../src/target/forward';
import { createIdempotentForwarder } from '../../src/target/idempotent-forward';

let dynamoDb: LocalDynamoDb;

beforeAll(async () => {
  dynamoDb = await startLocalDynamoDb();
});

afterAll(async () => {
  await dynamoDb.close();
});

/** A table of its own for one test. */
async function createTable(): Promise<string> {
  const tableName = `idempotency-${randomUUID()}`;
  await createIdempotencyTable(dynamoDb.client, tableName);
  return tableName;
}

function requestFor(budget: TimeBudget, timeoutMs = 5_000): ForwardRequest {
  return {
    url: 'http://127.0.0.1:1/unused',
    notificationId: 'n-1',
    payload: { text: 'hello' },
    signingKeys: ['signing-key-0123456789'],
    timeoutMs,
    nowSeconds: Math.floor(Date.now() / 1000),
    budget,
  };
}

const unbounded = () => new TimeBudget(Number.POSITIVE_INFINITY);
const accepted: ForwardResult = { kind: 'accepted', status: 202 };

/** A guarded forward on a table of its own, to a target that accepts. */
async function guardedForward(client: DynamoDBClient = dynamoDb.client) {
  const logger = createLogger('SILENT');
  const target = vi.fn(async () => accepted);
  const forward = createIdempotentForwarder({
    tableName: await createTable(),
    ttlSeconds: 3_600,
    logger,
    client,
    forward: target,
  });
  return { forward, target, logger };
}

/** The in-progress expiry (ms) the store holds while the target is called. */
async function leaseSeenByTarget(budget: TimeBudget, timeoutMs?: number) {
  const tableName = await createTable();
  let expiresAt: number | undefined;
  const forward = createIdempotentForwarder({
    tableName,
    ttlSeconds: 3_600,
    logger: createLogger('SILENT'),
    client: dynamoDb.client,
    forward: async () => {
      const scan = await dynamoDb.client.send(
        new ScanCommand({ TableName: tableName }),
      );
      expiresAt = Number(scan.Items?.[0]?.in_progress_expiration?.N);
      return accepted;
    },
  });
  await forward(requestFor(budget, timeoutMs));
  return expiresAt;
}

describe('createIdempotentForwarder', () => {
  it('holds the in-progress record until the Lambda times out', async () => {
    // Prepare
    const warn = vi.spyOn(console, 'warn');
    const started = Date.now();

    // Act
    const expiresAt = await leaseSeenByTarget(new TimeBudget(started + 9_000));

    // Assess
    expect(expiresAt).toBeGreaterThanOrEqual(started + 9_500);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 10_000);
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it('holds it for three forward timeouts outside a Lambda', async () => {
    // Prepare
    const started = Date.now();

    // Act
    const expiresAt = await leaseSeenByTarget(unbounded(), 2_000);

    // Assess
    expect(expiresAt).toBeGreaterThanOrEqual(started + 6_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 6_000);
  });

  it('answers a redelivery from the store, not the target', async () => {
    // Prepare
    const { forward, target, logger } = await guardedForward();
    const info = vi.spyOn(logger, 'info');

    // Act
    const first = await forward(requestFor(unbounded()));
    const second = await forward(requestFor(unbounded()));

    // Assess
    expect(target).toHaveBeenCalledTimes(1);
    expect([first, second]).toEqual([accepted, accepted]);
    expect(info).toHaveBeenCalledWith(
      'forward answered from the idempotency store',
      { notificationId: 'n-1', result: 'accepted', status: 202 },
    );
  });

  it("keeps the target's acceptance the store failed to record", async () => {
    // Prepare
    const failing = clientFailing('UpdateItemCommand');
    const { forward, target, logger } = await guardedForward(failing);
    const warn = vi.spyOn(logger, 'warn');

    // Act
    const first = await forward(requestFor(unbounded()));
    const second = await forward(requestFor(unbounded()));

    // Assess
    expect(first).toEqual(accepted);
    expect(warn).toHaveBeenCalledWith(
      'idempotency store did not record a forward',
      expect.objectContaining({ notificationId: 'n-1' }),
    );
    expect(second).toEqual({
      kind: 'unavailable',
      code: 'forward_in_progress',
    });
    expect(target).toHaveBeenCalledTimes(1);
  });

  it('hands back unsent once the budget is spent', async () => {
    // Prepare
    const { forward, target } = await guardedForward();

    // Act
    const result = await forward(requestFor(new TimeBudget(Date.now() - 1)));

    // Assess
    expect(result).toEqual({ kind: 'unavailable', code: 'budget_spent' });
    expect(target).not.toHaveBeenCalled();
  });
});

/**
 * A real client of the local DynamoDB whose `commandName` calls fail
 * before they are sent, as when DynamoDB throttles one kind of request.
 */
function clientFailing(commandName: string): DynamoDBClient {
  const client = localDynamoDbClient(dynamoDb.url);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === commandName) {
        throw new Error(`${commandName} refused by the test`);
      }
      return next(args);
    },
    { step: 'initialize' },
  );
  return client;
}
