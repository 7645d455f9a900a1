import type { AxiosRequestConfig, AxiosResponse } from 'axios';
import axios, { type AxiosInstance } from 'axios';
import { afterEach, beforeEach } from 'vitest';
import {
  demoClient,
  type GenesysSim,
  type GenesysSimOptions,
  startGenesysSim,
} from '../../../dev/genesys-sim';

/** 2026-03-02T09:00:00Z, the simulated "now" tests start from. */
export const startTime = Date.UTC(2026, 2, 2, 9, 0, 0);

export class FakeClock {
  private time = startTime;

  readonly now = (): number => this.time;

  advance(milliseconds: number): void {
    this.time += milliseconds;
  }
}

export interface Credentials {
  clientId: string;
  clientSecret: string;
}

/** An axios instance that resolves every status, without any proxy. */
export function createHttp(baseURL: string): AxiosInstance {
  return axios.create({ baseURL, validateStatus: () => true, proxy: false });
}

/** A form POST to /oauth/token with Basic client credentials. */
export function requestToken(
  http: AxiosInstance,
  credentials: Credentials = demoClient,
  body = 'grant_type=client_credentials',
): Promise<AxiosResponse> {
  return http.post('/oauth/token', body, {
    auth: {
      username: credentials.clientId,
      password: credentials.clientSecret,
    },
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

/** A running simulator per test, on a free port, with a fake clock. */
export class SimHarness {
  clock = new FakeClock();
  private running?: { sim: GenesysSim; http: AxiosInstance };
  private demoToken?: string;

  /** The demo client's token, for a harness from useSignedInSim. */
  get token(): string {
    if (this.demoToken === undefined) throw new Error('not signed in');
    return this.demoToken;
  }

  get sim(): GenesysSim {
    return this.started().sim;
  }

  get http(): AxiosInstance {
    return this.started().http;
  }

  private started(): { sim: GenesysSim; http: AxiosInstance } {
    if (!this.running) throw new Error('the simulator is not running');
    return this.running;
  }

  async start(options: GenesysSimOptions = {}): Promise<void> {
    this.clock = new FakeClock();
    const sim = await startGenesysSim({ now: this.clock.now, ...options });
    this.running = { sim, http: createHttp(sim.url) };
  }

  async signIn(): Promise<void> {
    this.demoToken = await this.login();
  }

  async stop(): Promise<void> {
    await this.running?.sim.close();
    this.running = undefined;
    this.demoToken = undefined;
  }

  /** Logs in and returns the access token; fails on any other answer. */
  async login(credentials: Credentials = demoClient): Promise<string> {
    const response = await requestToken(this.http, credentials);
    if (response.status !== 200) {
      throw new Error(`login answered ${response.status}`);
    }
    return response.data.access_token;
  }

  /** GET with the signed-in demo client's token. */
  read(path: string, config: AxiosRequestConfig = {}) {
    return this.get(path, this.token, config);
  }

  /** GET with a bearer token. */
  get(
    path: string,
    token: string,
    config: AxiosRequestConfig = {},
  ): Promise<AxiosResponse> {
    const headers = { Authorization: `Bearer ${token}` };
    return this.http.get(path, { ...config, headers });
  }
}

/** Starts a fresh simulator before each test and closes it after. */
export function useSim(options: GenesysSimOptions = {}): SimHarness {
  const harness = new SimHarness();
  beforeEach(() => harness.start(options));
  afterEach(() => harness.stop());
  return harness;
}

/** useSim, with the demo client signed in before each test. */
export function useSignedInSim(options: GenesysSimOptions = {}): SimHarness {
  const harness = useSim(options);
  beforeEach(() => harness.signIn());
  return harness;
}
