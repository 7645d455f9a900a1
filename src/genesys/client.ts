import axios, { type AxiosError, type AxiosInstance } from 'axios';
import axiosRetry from 'axios-retry';
import { GateError } from '../errors';
import { parseRetryAfter } from '../net/http-failure';
import type { Credentials } from '../secrets/credentials';
import { toGenesysError } from './failures';
import { TokenProvider } from './token';

export interface GenesysClientOptions {
  timeoutMs: number;
  /** Retries of a failed read; 2 unless given. */
  retries?: number;
  /** Longest `Retry-After` worth waiting for inside one invocation. */
  maxRetryWaitSeconds?: number;
  now?: () => number;
}

export interface GenesysAnswer<T> {
  data: T;
  correlationId: string | undefined;
}

type Query = Record<string, string | readonly string[]>;

/**
 * Reads the Genesys Cloud Platform API as the OAuth client of `credentials`:
 * bearer token from the provider, one new login on 401, bounded retries of
 * throttled and failed reads.
 */
export class GenesysClient {
  readonly tokens: TokenProvider;
  private readonly http: AxiosInstance;

  constructor(
    readonly credentials: Credentials,
    options: GenesysClientOptions,
  ) {
    this.http = axios.create({
      baseURL: credentials.apiBaseUrl,
      timeout: options.timeoutMs,
      maxRedirects: 0,
      paramsSerializer: { indexes: null },
    });
    this.tokens = new TokenProvider(credentials, this.http, options.now);
    retryReads(this.http, options);
  }

  /** GETs `path`; resolves null for a 404 when `notFoundIsNull`. */
  async get<T>(
    path: string,
    query: Query,
    notFoundIsNull = false,
  ): Promise<GenesysAnswer<T> | null> {
    try {
      return await this.getWithToken<T>(path, query);
    } catch (error) {
      if (error instanceof GateError) throw error;
      const status = (error as AxiosError).response?.status;
      if (notFoundIsNull && status === 404) return null;
      throw toGenesysError(error, `GET ${routeOf(path)}`);
    }
  }

  private async getWithToken<T>(path: string, query: Query) {
    const token = await this.tokens.get();
    try {
      return await this.send<T>(path, query, token);
    } catch (error) {
      if ((error as AxiosError).response?.status !== 401) throw error;
      this.tokens.invalidate(token);
      return this.send<T>(path, query, await this.tokens.get());
    }
  }

  private async send<T>(path: string, query: Query, token: string) {
    const response = await this.http.get<T>(path, {
      params: query,
      headers: { authorization: `Bearer ${token}` },
    });
    const correlationId = response.headers['inin-correlation-id'];
    return {
      data: response.data,
      correlationId:
        typeof correlationId === 'string' ? correlationId : undefined,
    };
  }
}

/** A path with ids replaced by `{id}`, as Genesys documents the route. */
function routeOf(path: string): string {
  return path.replace(/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/gi, '{id}');
}

function retryReads(http: AxiosInstance, options: GenesysClientOptions) {
  const maxWait = options.maxRetryWaitSeconds ?? 2;

  // TODO(#5): bound the retries by the invocation's remaining time and
  // cover a stalled response body, not only an idle socket.
  axiosRetry(http, {
    retries: options.retries ?? 2,
    retryDelay: (count, error) =>
      axiosRetry.exponentialDelay(count, error, 100),
    retryCondition: (error) => {
      if (!axiosRetry.isNetworkOrIdempotentRequestError(error)) return false;
      const wait = parseRetryAfter(error.response?.headers?.['retry-after']);
      return wait === undefined || wait <= maxWait;
    },
  });
}
