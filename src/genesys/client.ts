import axios, {
  type AxiosError,
  type AxiosInstance,
  type AxiosRequestConfig,
} from 'axios';
import axiosRetry from 'axios-retry';
import { GateError } from '../errors';
import { TimeBudget } from '../net/budget';
import { parseRetryAfter } from '../net/http-failure';
import type { Credentials } from '../secrets/credentials';
import { toGenesysError } from './failures';
import { RequestBudget } from './request-budget';
import { TokenProvider } from './token';

declare module 'axios' {
  interface AxiosRequestConfig {
    /** Bounds every attempt of the request, retries included. */
    timeBudget?: TimeBudget;
  }
}

/** Told of each call to Genesys Cloud, as metrics want to know. */
export interface GenesysObserver {
  recordGenesysCall(milliseconds: number): void;
  countGenesysThrottled(): void;
  countTokenRequest(): void;
}

export interface GenesysClientOptions {
  /** Longest one attempt may take, from connecting to the last byte. */
  timeoutMs: number;
  observer?: GenesysObserver;
  /** Retries of a failed read; 2 unless given. */
  retries?: number;
  /** Longest `Retry-After` worth waiting for inside one invocation. */
  maxRetryWaitSeconds?: number;
  now?: () => number;
}

export interface GenesysAnswer<T> {
  data: T;
  correlationId: string | undefined;
  /** The answer's headers, such as `inin-ratelimit-*`. */
  headers?: Readonly<Record<string, unknown>>;
}

export type Query = Record<string, string | readonly string[]>;

/** Reads of the Platform API within one invocation's time budget. */
export interface GenesysReader {
  get<T>(
    path: string,
    query: Query,
    notFoundIsNull?: boolean,
  ): Promise<GenesysAnswer<T> | null>;
}

/** The error codes of a connection that failed before any answer. */
const connectionFailures = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  'ERR_CANCELED',
  'EAI_AGAIN',
]);

/**
 * Reads the Genesys Cloud Platform API as the OAuth client of `credentials`:
 * bearer token from the provider, one new login on 401, retries with
 * backoff of throttled, failed and timed-out reads while the budget lasts,
 * honouring `Retry-After`.
 */
export class GenesysClient implements GenesysReader {
  readonly tokens: TokenProvider;
  private readonly http: AxiosInstance;
  private readonly maxRetryWaitSeconds: number;
  private readonly observer: GenesysObserver | undefined;
  private readonly requests: RequestBudget;

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
    this.tokens = new TokenProvider(credentials, this.http, options);
    this.maxRetryWaitSeconds = options.maxRetryWaitSeconds ?? 2;
    this.observer = options.observer;
    this.requests = new RequestBudget(options.now);
    this.watchAnswers();
    axiosRetry(this.http, {
      retries: options.retries ?? 2,
      shouldResetTimeout: true,
      retryDelay: (count, error) =>
        axiosRetry.exponentialDelay(count, error, 100),
    });
    this.paceAttempts(options.timeoutMs);
  }

  /**
   * Each answer to a read tells the request budget what Genesys counted; a
   * 429 stops reads for its `Retry-After` and is counted. The token
   * endpoint has a limit of its own and does not count here.
   */
  private watchAnswers(): void {
    this.http.interceptors.response.use(
      (response) => {
        if (response.config.timeBudget) this.requests.observe(response.headers);
        return response;
      },
      (error: AxiosError) => {
        const response = error.response;
        if (response?.status === 429) this.observer?.countGenesysThrottled();
        if (!response || !error.config?.timeBudget)
          return Promise.reject(error);

        this.requests.observe(response.headers);
        if (response.status === 429) {
          const wait = parseRetryAfter(response.headers['retry-after']);
          this.requests.throttled(wait ?? 1);
        }
        return Promise.reject(error);
      },
    );
  }

  /**
   * Each attempt of a budgeted read waits for its turn in the request
   * budget, then gets its own timeout, from connecting to the last byte.
   */
  private paceAttempts(timeoutMs: number): void {
    this.http.interceptors.request.use(async (config) => {
      const budget = config.timeBudget;
      if (!budget) return config;
      await this.requests.acquire(budget);
      config.signal = budget.attempt(timeoutMs);
      return config;
    });
  }

  /** How long until a read could take its turn in the request budget. */
  turnInMs(): number {
    return this.requests.turnInMs();
  }

  /** This client's reads, bounded by `budget`. */
  within(budget: TimeBudget): GenesysReader {
    return {
      get: (path, query, notFound) => this.read(path, query, notFound, budget),
    };
  }

  /** GETs `path`; resolves null for a 404 when `notFoundIsNull`. */
  get<T>(path: string, query: Query, notFoundIsNull = false) {
    return this.read<T>(path, query, notFoundIsNull, TimeBudget.unbounded());
  }

  private async read<T>(
    path: string,
    query: Query,
    notFoundIsNull = false,
    budget: TimeBudget,
  ): Promise<GenesysAnswer<T> | null> {
    try {
      return await this.readWithToken<T>(path, query, budget);
    } catch (error) {
      if (error instanceof GateError) throw error;
      const status = (error as AxiosError).response?.status;
      if (notFoundIsNull && status === 404) return null;
      throw toGenesysError(error, `GET ${routeOf(path)}`);
    }
  }

  private async readWithToken<T>(
    path: string,
    query: Query,
    budget: TimeBudget,
  ) {
    const token = await budget.race(this.tokens.get());
    try {
      return await this.send<T>(path, query, token, budget);
    } catch (error) {
      if ((error as AxiosError).response?.status !== 401) throw error;
      this.tokens.invalidate(token);
      const renewed = await budget.race(this.tokens.get());
      return this.send<T>(path, query, renewed, budget);
    }
  }

  private async send<T>(
    path: string,
    query: Query,
    token: string,
    budget: TimeBudget,
  ) {
    const started = Date.now();
    const response = await this.http
      .get<T>(path, {
        params: query,
        headers: { authorization: `Bearer ${token}` },
        ...this.retryWithin(budget),
      })
      .finally(() => this.observer?.recordGenesysCall(Date.now() - started));
    const correlationId = response.headers['inin-correlation-id'];
    return {
      data: response.data,
      correlationId:
        typeof correlationId === 'string' ? correlationId : undefined,
      headers: response.headers,
    };
  }

  /**
   * Each attempt gets its own timeout as it is sent; a retry happens only
   * while the budget can still wait for it.
   */
  private retryWithin(budget: TimeBudget): AxiosRequestConfig {
    return {
      timeBudget: budget,
      'axios-retry': {
        retryCondition: (error) => this.mayRetry(error, budget),
        onRetry: (_count, _error, config) => {
          config.signal = budget.signal;
        },
      },
    };
  }

  private mayRetry(error: AxiosError, budget: TimeBudget): boolean {
    if (budget.signal.aborted) return false;

    const status = error.response?.status;
    if (status === undefined) return connectionFailures.has(error.code ?? '');
    if (status !== 429 && status < 500) return false;

    const waitSeconds =
      parseRetryAfter(error.response?.headers?.['retry-after']) ?? 0;
    return (
      waitSeconds <= this.maxRetryWaitSeconds &&
      waitSeconds * 1000 < budget.remainingMs()
    );
  }
}

/** A path with ids replaced by `{id}`, as Genesys documents the route. */
function routeOf(path: string): string {
  return path.replace(/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/gi, '{id}');
}
