import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { GenesysClient } from '../src/genesys/client';
import { CredentialsSource } from '../src/secrets/credentials';
import { demoUserIds } from './genesys-sim';
import { demoSecretId, type LocalStack } from './local-stack';

interface ListedUser {
  id: string;
  name: string;
  state: string;
  presence?: { presenceDefinition?: { systemPresence?: string } };
  routingStatus?: { status?: string };
}

/**
 * Checks the stand-ins the way the gate uses them: the secret through the
 * AWS SDK, a client-credentials login, the demo agents through the API.
 */
export async function checkStack(
  stack: LocalStack,
  print: (line: string) => void,
): Promise<boolean> {
  try {
    const secret = await stack.secretsClient.send(
      new GetSecretValueCommand({ SecretId: demoSecretId }),
    );
    print(`Secrets Manager: read ${secret.Name} (version ${secret.VersionId})`);

    const source = new CredentialsSource(
      demoSecretId,
      0,
      true,
      stack.secretsClient,
    );
    const client = new GenesysClient(await source.load(), { timeoutMs: 3000 });
    await client.tokens.get();
    print(
      `Genesys Cloud: logged in as OAuth client ${client.credentials.clientId}`,
    );

    await listAgents(client, print);
    return true;
  } catch (error) {
    print(`Check failed: ${error instanceof Error ? error.message : error}`);
    return false;
  }
}

async function listAgents(client: GenesysClient, print: (l: string) => void) {
  const ids = Object.values(demoUserIds).filter((id) => !id.endsWith('ff'));
  const answer = await client.get<{ entities: ListedUser[] }>('/api/v2/users', {
    id: ids,
    expand: 'presence,routingStatus',
    pageSize: '100',
    state: 'any',
  });

  const users = answer?.data.entities ?? [];
  print(
    `Genesys Cloud: ${users.length} demo agents ` +
      '(id, state, presence, routing status, name):',
  );
  for (const user of users) {
    const presence = user.presence?.presenceDefinition?.systemPresence ?? '-';
    const routing = user.routingStatus?.status ?? '-';
    print(
      `  ${user.id}  ${user.state.padEnd(8)} ${presence.padEnd(10)} ` +
        `${routing.padEnd(14)} ${user.name}`,
    );
  }
}
