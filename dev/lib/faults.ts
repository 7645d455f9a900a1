import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { sendJson } from './http';

/**
 * A misbehaviour a stand-in applies to the next matching requests.
 * - latency: answer normally after `ms`;
 * - status: answer `status` with `body` and `headers`;
 * - hang: send nothing for `ms` (forever when absent), then drop the socket;
 * - stall: send a 200 status and the start of a body, then nothing more for
 *   `ms` (forever when absent), then drop the socket;
 * - reset: destroy the socket without an answer.
 */
export type Fault =
  | { kind: 'latency'; ms: number }
  | {
      kind: 'status';
      status: number;
      body?: unknown;
      headers?: Record<string, string>;
    }
  | { kind: 'hang'; ms?: number }
  | { kind: 'stall'; ms?: number }
  | { kind: 'reset' };

export interface FaultRule {
  fault: Fault;
  /** Which requests it applies to; every request when absent. */
  target?: string;
  /** How many requests it applies to; every one while present when absent. */
  count?: number;
}

const kinds = new Set(['latency', 'status', 'hang', 'stall', 'reset']);

/** Checks a rule sent to a control API; returns an error message or null. */
export function validateFaultRule(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) {
    return 'a fault rule is a JSON object';
  }
  const rule = value as Record<string, unknown>;
  const fault = rule.fault as Record<string, unknown> | undefined;
  if (!fault || !kinds.has(String(fault.kind))) {
    return 'fault.kind must be one of latency, status, hang, stall, reset';
  }
  if (fault.kind === 'latency' && !isCount(fault.ms)) {
    return 'fault.ms must be a non-negative integer';
  }
  if (fault.kind === 'status' && !isStatus(fault.status)) {
    return 'fault.status must be an HTTP status from 100 to 599';
  }
  if (rule.count !== undefined && !(isCount(rule.count) && rule.count > 0)) {
    return 'count must be a positive integer';
  }
  return null;
}

function isCount(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0;
}

function isStatus(value: unknown): boolean {
  return (
    Number.isInteger(value) &&
    (value as number) >= 100 &&
    (value as number) <= 599
  );
}

/** Rules in the order they were added; the first match wins. */
export class FaultPlan {
  private rules: FaultRule[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ ...rule });
  }

  clear(): void {
    this.rules = [];
  }

  list(): readonly FaultRule[] {
    return this.rules;
  }

  /** Takes the fault for a request to `target`, spending one of its count. */
  take(target: string): Fault | undefined {
    const index = this.rules.findIndex(
      (rule) => rule.target === undefined || rule.target === target,
    );
    const rule = this.rules[index];
    if (!rule) return undefined;

    if (rule.count !== undefined) {
      rule.count -= 1;
      if (rule.count <= 0) this.rules.splice(index, 1);
    }
    return rule.fault;
  }
}

/**
 * Applies a fault. Resolves true when the request has been dealt with, false
 * when the stand-in should go on and answer it normally.
 */
export async function applyFault(
  fault: Fault,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<boolean> {
  switch (fault.kind) {
    case 'latency':
      await sleep(fault.ms);
      return false;
    case 'status':
      sendJson(response, fault.status, fault.body, fault.headers);
      return true;
    case 'hang':
      if (fault.ms !== undefined) {
        await sleep(fault.ms);
        request.socket.destroy();
      }
      return true;
    case 'stall':
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-length': 1024,
      });
      response.write('{"entities":[');
      if (fault.ms !== undefined) {
        await sleep(fault.ms);
        request.socket.destroy();
      }
      return true;
    case 'reset':
      request.socket.resetAndDestroy();
      return true;
  }
}
