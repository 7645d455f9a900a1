import { check } from '../src/cli/check';
import { logIn } from '../src/cli/genesys';
import { ExitCode } from '../src/cli/problem';
import { loadSecret } from '../src/cli/secret';
import { localSetup } from '../src/cli/setup';
import type { GenesysClient } from '../src/genesys/client';
import { demoUserIds } from './genesys-sim';
import type { LocalStack } from './local-stack';

interface ListedUser {
  id: string;
  name: string;
  state: string;
  presence?: { presenceDefinition?: { systemPresence?: string } };
  routingStatus?: { status?: string };
}

/**
 * Checks the stand-ins the way the gate uses them, with the CLI's check
 * (`presence-gate check`): the secret through the AWS SDK, a
 * client-credentials login, the reads; then lists the demo agents.
 */
export async function checkStack(
  stack: LocalStack,
  print: (line: string) => void,
): Promise<boolean> {
  const setup = localSetup(stack);
  const result = await check(setup);
  for (const line of result.lines) print(line);
  if (result.exitCode !== ExitCode.ok) return false;

  try {
    const { credentials } = await loadSecret(setup);
    await listAgents(await logIn(credentials, setup.config), print);
    return true;
  } catch (error) {
    print(`Listing failed: ${error instanceof Error ? error.message : error}`);
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
