import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { agents } from '../e2e/stack';

const run = promisify(execFile);

/** Runs bin/presence-gate.mjs as a shell would, with `env` only. */
async function spawnCli(args: string[]) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['bin/presence-gate.mjs', ...args],
      { env: { PATH: process.env.PATH }, timeout: 50_000 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return failed;
  }
}

// Each run loads the sources through tsx first, which takes seconds.
describe('bin/presence-gate.mjs', { timeout: 60_000 }, () => {
  it('checks the local stack and prints JSON, exiting 0', async () => {
    // Act
    const result = await spawnCli(['check', '--json']);

    // Assess
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      command: 'check',
      ok: true,
    });
    expect(result.stderr).toContain('local stack');
  });

  it('exits 1 for an agent the gate would drop', async () => {
    // Act
    const result = await spawnCli(['explain', agents.away]);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Decision: drop (presence_not_allowed)');
  });
});
