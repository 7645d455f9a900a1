import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import type { FaultRule } from '../lib/faults';
import type {
  FaultTarget,
  SimClientInput,
  SimCounters,
  SimUserInput,
  SimUserPatch,
  SimUserView,
  TooManyRequestsBurst,
} from './types';

export class GenesysSimControlError extends Error {
  override name = 'GenesysSimControlError';

  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type SimFaultRule = FaultRule & { target?: FaultTarget };

export interface SimClientView {
  clientId: string;
  tokenLifetimeSeconds: number;
  rateLimitPerMinute?: number;
}

/** Drives a simulated Genesys Cloud org through its /_sim control API. */
export class GenesysSimControl {
  private readonly http: AxiosInstance;

  constructor(baseUrl: string) {
    this.http = axios.create({
      baseURL: `${baseUrl}/_sim`,
      timeout: 5000,
      proxy: false,
      validateStatus: () => true,
    });
  }

  /** Adds an OAuth client, or replaces the one with that id. */
  createClient(client: SimClientInput): Promise<SimClientView> {
    return this.send('POST', '/clients', client);
  }

  createUser(user: SimUserInput): Promise<SimUserView> {
    return this.send('POST', '/users', user);
  }

  updateUser(id: string, patch: SimUserPatch): Promise<SimUserView> {
    return this.send('PATCH', `/users/${encodeURIComponent(id)}`, patch);
  }

  listUsers(): Promise<SimUserView[]> {
    return this.send('GET', '/users');
  }

  /** The org-wide limit, or one client's when clientId is given. */
  async setRateLimit(
    requestsPerMinute: number,
    clientId?: string,
  ): Promise<void> {
    await this.send('PUT', '/rate-limit', { requestsPerMinute, clientId });
  }

  async addFault(rule: SimFaultRule): Promise<void> {
    await this.send('POST', '/faults', rule);
  }

  /** The next `count` requests answer 429 (all of them without a count). */
  async addTooManyRequests(burst: TooManyRequestsBurst = {}): Promise<void> {
    await this.send('POST', '/faults/too-many-requests', burst);
  }

  async clearFaults(): Promise<void> {
    await this.send('DELETE', '/faults');
  }

  /** Expires every token issued so far; returns how many were live. */
  async expireTokens(): Promise<number> {
    const body = await this.send<{ expired: number }>('POST', '/tokens/expire');
    return body.expired;
  }

  readCounters(): Promise<SimCounters> {
    return this.send('GET', '/counters');
  }

  /** Back to the loaded org, with no faults and zero counters. */
  async reset(): Promise<void> {
    await this.send('POST', '/reset');
  }

  private async send<T>(
    method: string,
    url: string,
    data?: unknown,
  ): Promise<T> {
    const response: AxiosResponse = await this.http.request({
      method,
      url,
      data,
    });
    if (response.status >= 400) {
      const reason = response.data?.error ?? `HTTP ${response.status}`;
      throw new GenesysSimControlError(
        response.status,
        `simulator control ${method} ${url} failed: ${reason}`,
      );
    }
    return response.data as T;
  }
}
