/** What scripts can rely on; the README's exit-code table lists them. */
export const ExitCode = {
  /** check passed; explain or send: forward. */
  ok: 0,
  /** explain or send: drop; check: no user to read; an unexpected error. */
  negative: 1,
  /** Unknown command or flag, missing argument, bad notification file. */
  usage: 2,
  /** Configuration, secret, OAuth client, role or region. */
  setup: 3,
  /** Genesys Cloud or AWS unreachable, throttled or failing; send: retry. */
  unavailable: 4,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface ProblemDetails {
  exitCode: ExitCode;
  /** Stable snake_case code, as `secret_not_found`. */
  code: string;
  /** What happened. */
  message: string;
  /** Its likely cause, in plain words. */
  likelyCause?: string;
  /** What to do about it. */
  fix?: string;
}

/** A failure the CLI explains: what happened, why, and what to do. */
export class CliProblem extends Error {
  override name = 'CliProblem';
  readonly details: ProblemDetails;

  constructor(details: ProblemDetails) {
    super(details.message);
    this.details = details;
  }

  get exitCode(): ExitCode {
    return this.details.exitCode;
  }

  toJSON(): Omit<ProblemDetails, 'exitCode'> {
    const { code, message, likelyCause, fix } = this.details;
    return { code, message, likelyCause, fix };
  }
}

export function usageProblem(message: string): CliProblem {
  return new CliProblem({ exitCode: ExitCode.usage, code: 'usage', message });
}
