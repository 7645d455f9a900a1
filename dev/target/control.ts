import { StandInControl } from '../lib/control-client';
import type { RecordedRequest } from './index';

/** Drives the local downstream target's /_sim/ API over HTTP. */
export class TargetControl extends StandInControl {
  async requests(): Promise<RecordedRequest[]> {
    const answer = await this.http.get<{ requests: RecordedRequest[] }>(
      'requests',
    );
    return answer.data.requests;
  }

  async clearRequests(): Promise<void> {
    await this.http.delete('requests');
  }

  /** Answers `status` to the next `count` requests (every one if absent). */
  async answerStatus(status: number, count?: number): Promise<void> {
    await this.addFault({ fault: { kind: 'status', status }, count });
  }
}
