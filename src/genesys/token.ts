import { AxiosError, type AxiosInstance } from 'axios';
import { ConfigurationError } from '../errors';
import { describeHttpFailure, parseRetryAfter } from '../net/http-failure';
import type { Credentials } from '../secrets/credentials';
import type { GenesysObserver } from './client';
import { summarise, toGenesysError } from './failures';

/** Genesys Cloud refused the client id or secret: maybe a rotated secret. */
export class InvalidClientError extends ConfigurationError {
  override name = 'InvalidClientError';
}

interface TokenAnswer {
  access_token?: unknown;
  expires_in?: unknown;
}

interface HeldToken {
  value: string;
  renewAt: number;
}

/**
 * One client-credentials token per container, renewed shortly before it
 * expires, with at most one login in flight.
 */
export class TokenProvider {
  private held: HeldToken | undefined;
  private pending: Promise<string> | undefined;
  private lastLifetime: number | undefined;

  private readonly now: () => number;
  private readonly observer: GenesysObserver | undefined;

  constructor(
    private readonly credentials: Credentials,
    private readonly http: AxiosInstance,
    options: { now?: () => number; observer?: GenesysObserver } = {},
  ) {
    this.now = options.now ?? Date.now;
    this.observer = options.observer;
  }

  get(): Promise<string> {
    if (this.held && this.now() < this.held.renewAt) {
      return Promise.resolve(this.held.value);
    }
    this.pending ??= this.login().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** `expires_in` of the last login, in seconds; undefined before one. */
  get lifetimeSeconds(): number | undefined {
    return this.lastLifetime;
  }

  /** Forgets `token` after Genesys answered 401 to it. */
  invalidate(token: string): void {
    if (this.held?.value === token) this.held = undefined;
  }

  private async login(): Promise<string> {
    const answer = await this.requestToken();
    const token = answer.access_token;
    const lifetime = answer.expires_in;

    if (typeof token !== 'string' || typeof lifetime !== 'number') {
      throw toGenesysError(new Error('malformed token answer'), 'login');
    }
    this.held = { value: token, renewAt: this.now() + renewAfterMs(lifetime) };
    this.lastLifetime = lifetime;
    return token;
  }

  private async requestToken(): Promise<TokenAnswer> {
    const { clientId, clientSecret, loginBaseUrl } = this.credentials;
    const timeoutMs = this.http.defaults.timeout || 10_000;
    this.observer?.countTokenRequest();
    try {
      const response = await this.http.post<TokenAnswer>(
        `${loginBaseUrl}/oauth/token`,
        'grant_type=client_credentials',
        {
          auth: { username: clientId, password: clientSecret },
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          signal: AbortSignal.timeout(timeoutMs),
          'axios-retry': {
            retries: 1,
            retryCondition: mayLogInAgain,
            onRetry: (_count, _error, config) => {
              this.observer?.countTokenRequest();
              config.signal = AbortSignal.timeout(timeoutMs);
            },
          },
        },
      );
      return response.data;
    } catch (error) {
      throw toLoginError(error);
    }
  }
}

/**
 * Renews at 90% of the lifetime and at least a minute before expiry, but
 * never before half of a short lifetime has passed.
 */
function renewAfterMs(lifetimeSeconds: number): number {
  const lifetime = lifetimeSeconds * 1000;
  const margin = Math.min(Math.max(lifetime / 10, 60_000), lifetime / 2);
  return lifetime - margin;
}

/**
 * One more login after a throttled, failed or unanswered one, when Genesys
 * asks to wait no longer than a second; never after a refusal.
 */
function mayLogInAgain(error: AxiosError): boolean {
  const status = error.response?.status;
  if (status === undefined) return error.code !== 'ERR_CANCELED';
  if (status !== 429 && status < 500) return false;
  const wait = parseRetryAfter(error.response?.headers?.['retry-after']);
  return (wait ?? 0) <= 1;
}

function toLoginError(error: unknown): Error {
  const failure = describeHttpFailure(error, 'genesys');
  if (failure.code === 'invalid_client') {
    return new InvalidClientError(
      'Genesys Cloud refused the OAuth client (invalid_client): check ' +
        'clientId, clientSecret, and region or the base URLs in the secret',
    );
  }

  const status = failure.status ?? 0;
  if (error instanceof AxiosError && status >= 400 && status < 500) {
    if (status !== 408 && status !== 429) {
      return new ConfigurationError(
        `Genesys Cloud refused the login (${summarise(failure)})`,
      );
    }
  }
  return toGenesysError(error, 'login');
}
