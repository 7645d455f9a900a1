import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { performance } from 'node:perf_hooks';

interface WatchedCall {
  start: number;
  end: number;
}

const requestStart = 'http.client.request.start';
const uuids = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * Sees every call this process makes to the simulated org, through Node's
 * HTTP client diagnostics channel: when it was open and which agents its
 * path names. A login or a call that names no agent concerns them all.
 * The gate is not asked anything, so this works whatever cache it has.
 */
export class GenesysWatch {
  private readonly byAgent = new Map<string, WatchedCall[]>();
  private readonly forAll: WatchedCall[] = [];

  private readonly onStart = (message: unknown) => {
    const { request } = message as { request: ClientRequest };
    if (request.getHeader('host') !== this.host) return;
    if (request.path.startsWith('/_sim/')) return;

    const call = { start: performance.now(), end: Number.POSITIVE_INFINITY };
    request.once('close', () => {
      call.end = performance.now();
    });
    const agentIds = request.path.match(uuids) ?? [];
    if (agentIds.length === 0) this.forAll.push(call);
    for (const id of new Set(agentIds)) {
      const calls = this.byAgent.get(id.toLowerCase()) ?? [];
      calls.push(call);
      this.byAgent.set(id.toLowerCase(), calls);
    }
  };

  /** `host` is the org's `host:port`, as requests name it. */
  constructor(private readonly host: string) {
    subscribe(requestStart, this.onStart);
  }

  close(): void {
    unsubscribe(requestStart, this.onStart);
  }

  /**
   * Whether a call concerning any of `agentIds` was open at some moment
   * between `from` and `to` (performance.now() times).
   */
  touched(agentIds: readonly string[], from: number, to: number): boolean {
    const overlaps = (call: WatchedCall) => call.start < to && call.end > from;
    if (this.forAll.some(overlaps)) return true;
    return agentIds.some((id) =>
      (this.byAgent.get(id.toLowerCase()) ?? []).some(overlaps),
    );
  }
}
