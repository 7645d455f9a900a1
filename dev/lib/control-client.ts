import axios, { type AxiosInstance } from 'axios';
import type { FaultRule } from './faults';

/** Drives the /_sim/ control API that every stand-in shares. */
export class StandInControl {
  protected readonly http: AxiosInstance;

  /** @param baseUrl the stand-in's URL, e.g. `standIn.url` */
  constructor(baseUrl: string) {
    this.http = axios.create({ baseURL: `${baseUrl}/_sim/` });
  }

  async addFault(rule: FaultRule): Promise<void> {
    await this.http.post('faults', rule);
  }

  async faults(): Promise<FaultRule[]> {
    const answer = await this.http.get<{ faults: FaultRule[] }>('faults');
    return answer.data.faults;
  }

  async clearFaults(): Promise<void> {
    await this.http.delete('faults');
  }

  async reset(): Promise<void> {
    await this.http.post('reset');
  }
}
