import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { GenesysSimControl } from '../dev/genesys-sim/control';

export interface OrgProcess {
  url: string;
  control: GenesysSimControl;
  close(): Promise<void>;
}

const repoRoot = join(import.meta.dirname, '..');
const listening = /listening on (http:\/\/\S+)/;

/**
 * The simulated org in a process of its own, so that timing the gate is
 * not timing the org's work on the same event loop. Its clock is its own:
 * only for runs in real time.
 */
export async function startOrgProcess(): Promise<OrgProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'dev', 'genesys-sim', 'cli.ts')],
    {
      cwd: repoRoot,
      env: { ...process.env, GENESYS_SIM_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const url = await readUrl(child);
  return {
    url,
    control: new GenesysSimControl(url),
    close: () => stop(child),
  };
}

function readUrl(child: ChildProcess): Promise<string> {
  let output = '';
  return new Promise((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4_000);
      const url = listening.exec(output)?.[1];
      if (url) resolve(url);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('error', reject);
    child.once('exit', (code) => {
      reject(new Error(`the org process exited with ${code}: ${output}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
