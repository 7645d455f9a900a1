import { afterEach, vi } from 'vitest';

/**
 * Everything written to stdout and stderr while capturing, which is where
 * every Powertools Logger writes, the gate's and `bootLogger` alike.
 */
export interface CapturedOutput {
  /** The lines written so far, in order. */
  lines(): string[];
  /** Stops capturing; called after each test in any case. */
  restore(): void;
}

const active: CapturedOutput[] = [];

afterEach(() => {
  for (const capture of active.splice(0)) capture.restore();
});

/** Captures the process's output, keeping it off the test report. */
export function captureOutput(): CapturedOutput {
  const chunks: string[] = [];
  const record = (chunk: unknown) => {
    const text = typeof chunk === 'string' ? chunk : String(chunk);
    chunks.push(text);
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(record),
    vi.spyOn(process.stderr, 'write').mockImplementation(record),
  ];

  const capture: CapturedOutput = {
    lines: () => chunks.join('').split('\n').filter(Boolean),
    restore: () => {
      for (const spy of spies) spy.mockRestore();
    },
  };
  active.push(capture);
  return capture;
}

/**
 * The known secrets that occur in `texts`, by name, to assert on with
 * `toEqual([])`; a secret shorter than 6 characters is a test mistake.
 */
export function findSecrets(
  texts: readonly string[],
  secrets: Readonly<Record<string, string>>,
): string[] {
  const found: string[] = [];
  for (const [name, value] of Object.entries(secrets)) {
    if (value.length < 6) throw new Error(`secret ${name} is too short`);
    const line = texts.find((text) => text.includes(value));
    if (line !== undefined) found.push(`${name} in ${line.slice(0, 200)}`);
  }
  return found;
}

const credentialShapes: readonly [string, RegExp][] = [
  ['a bearer token', /bearer\s+[\w.~+/=-]{6,}/i],
  ['basic credentials', /basic\s+[a-z0-9+/=]{6,}/i],
  ['an OAuth token answer', /access_token/i],
  [
    'an authorization header',
    /["']?(proxy-)?authorization["']?\s*[:=]\s*(?!"\[redacted\]")/i,
  ],
  ['a cookie header', /["']?(set-)?cookie["']?\s*[:=]\s*(?!"\[redacted\]")/i],
];

/** What looks like a credential or a credential header in `texts`. */
export function findCredentialShapes(texts: readonly string[]): string[] {
  const found: string[] = [];
  for (const [name, shape] of credentialShapes) {
    const line = texts.find((text) => shape.test(text));
    if (line !== undefined) found.push(`${name} in ${line.slice(0, 200)}`);
  }
  return found;
}
