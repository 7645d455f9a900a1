import { StandInControl } from '../lib/control-client';

/** What seeding a secret answers, shaped like PutSecretValue. */
export interface SeededSecret {
  ARN: string;
  Name: string;
  VersionId: string;
  VersionStages: string[];
}

/** Limits an AWS error to some calls; every call of every operation else. */
export interface ErrorScope {
  /** How many calls answer the error. */
  count?: number;
  /** The operation name, e.g. GetSecretValue. */
  target?: string;
}

/** Drives the local Secrets Manager's /_sim/ API over HTTP. */
export class SecretsManagerControl extends StandInControl {
  /** Creates the secret or stores a new current value for it. */
  async putSecret(name: string, secretString: string): Promise<SeededSecret> {
    const path = `secrets/${encodeURIComponent(name)}`;
    const answer = await this.http.put<SeededSecret>(path, { secretString });
    return answer.data;
  }

  /** Calls per operation name since start or the last reset. */
  async counters(): Promise<Record<string, number>> {
    const answer = await this.http.get<{ counters: Record<string, number> }>(
      'counters',
    );
    return answer.data.counters;
  }

  /** Answers 400 ThrottlingException, which the SDK retries. */
  async throttle(scope: ErrorScope = {}): Promise<void> {
    await this.answerError('ThrottlingException', scope);
  }

  /** Answers 500 InternalServiceError. */
  async fail(scope: ErrorScope = {}): Promise<void> {
    await this.answerError('InternalServiceError', scope);
  }

  /** Answers any AWS error code; 400 unless the code is a server error. */
  async answerError(code: string, scope: ErrorScope = {}): Promise<void> {
    await this.http.post('faults', { error: code, ...scope });
  }
}
