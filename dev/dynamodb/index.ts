import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { close, listen } from '../lib/http';

export interface LocalDynamoDbOptions {
  /** Loopback address; 127.0.0.1 unless given. */
  host?: string;
  /** 0 or absent picks a free port. */
  port?: number;
  /** Idempotency tables to create before it answers. */
  idempotencyTables?: readonly string[];
  region?: string;
}

export interface LocalDynamoDb {
  /** Base URL without a trailing slash, for an SDK client's `endpoint`. */
  url: string;
  /** A real SDK client pointed at it; destroyed by `close`. */
  client: DynamoDBClient;
  close(): Promise<void>;
}

/**
 * Starts dynalite, a DynamoDB implementation that keeps its tables in
 * memory, on loopback. It speaks the DynamoDB wire protocol, so the gate
 * talks to it through the real SDK, as it would to DynamoDB.
 */
export async function startLocalDynamoDb(
  options: LocalDynamoDbOptions = {},
): Promise<LocalDynamoDb> {
  const server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  const url = await listen(server, {
    host: options.host,
    port: options.port ?? 0,
    name: 'local DynamoDB',
    portSetting: 'DYNAMODB_PORT',
  });
  const client = localDynamoDbClient(url, options.region);
  const stop = async () => {
    client.destroy();
    await close(server);
  };

  try {
    for (const table of options.idempotencyTables ?? []) {
      await createIdempotencyTable(client, table);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, client, close: stop };
}

/** The real SDK client, pointed at a local DynamoDB, tried once a call. */
export function localDynamoDbClient(
  url: string,
  region = 'us-east-1',
): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: url,
    region,
    maxAttempts: 1,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/**
 * A table as the idempotency store needs it: partition key `id`, a
 * string. DynamoDB would delete items once their `expiration` (epoch
 * seconds) passes; dynalite has no TTL, and the store ignores an expired
 * item anyway.
 */
export async function createIdempotencyTable(
  client: DynamoDBClient,
  tableName: string,
): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await waitUntilActive(client, tableName);
}

async function waitUntilActive(client: DynamoDBClient, tableName: string) {
  for (let tries = 0; tries < 100; tries += 1) {
    const described = await client.send(
      new DescribeTableCommand({ TableName: tableName }),
    );
    if (described.Table?.TableStatus === 'ACTIVE') return;
    await sleep(10);
  }
  throw new Error(`local DynamoDB table ${tableName} never became active`);
}
