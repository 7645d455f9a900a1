/**
 * Runs the simulated Genesys Cloud org on its own:
 *   GENESYS_SIM_PORT=4010 npx tsx dev/genesys-sim/cli.ts [org-file.json]
 */
import { readDemoOrg, readOrgFile } from './org-file';
import { startGenesysSim } from './server';

function readPort(): number {
  const text = process.env.GENESYS_SIM_PORT ?? '0';
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) {
    throw new Error(`GENESYS_SIM_PORT must be a port number, not ${text}`);
  }
  return port;
}

const orgPath = process.argv[2];
const org = orgPath ? readOrgFile(orgPath) : readDemoOrg();
const sim = await startGenesysSim({ port: readPort(), org });
console.log(`simulated Genesys Cloud org listening on ${sim.url}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void sim.close());
}
