import { describe, expect, it } from 'vitest';
import { runCli, runCliJson } from './cli';

describe('presence-gate arguments', () => {
  it.each([['--help'], ['-h'], ['help'], ['check', '--help']])(
    'prints the usage and exits 0 for %s',
    async (...argv) => {
      // Act
      const run = await runCli(argv);

      // Assess
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Usage: presence-gate <command>');
      expect(run.stdout).toContain('Exit codes:');
    },
  );

  it.each([
    [[], 'a command is required'],
    [['deploy'], 'unknown command deploy'],
    [['check', '--verbose'], "Unknown option '--verbose'"],
    [['check', 'extra'], 'too many arguments for check'],
    [['explain'], 'explain needs an agent id'],
    [['send'], 'send needs a file'],
    [['send', 'a.json', '--agent', 'x'], '--agent is an option of check'],
    [['check', '--secret-id', ''], '--secret-id needs a value'],
    [['check', '--region', 'eu-west-1'], '--region needs a secret id'],
  ])('exits 2 for %j', async (argv, message) => {
    // Act
    const run = await runCli(argv);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });

  it('answers a usage error in JSON with --json', async () => {
    // Act
    const run = await runCliJson(['deploy']);

    // Assess
    expect(run.code).toBe(2);
    expect(run.json).toEqual({
      command: null,
      exitCode: 2,
      problem: {
        code: 'usage',
        message:
          'unknown command deploy; the commands are check, explain, send',
      },
    });
  });
});
