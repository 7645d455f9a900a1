import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { faultRoutes, resetRoute } from '../lib/control-routes';
import { applyFault, type Fault, FaultPlan } from '../lib/faults';
import { sendJson } from '../lib/http';
import { type StandInRequest, startStandIn } from '../lib/stand-in';

export interface TargetOptions {
  /** Loopback address; 127.0.0.1 unless given. */
  host?: string;
  /** 0 or absent picks a free port. */
  port?: number;
}

/** One request the target received, whatever it answered. */
export interface RecordedRequest {
  method: string;
  /** The request target as sent, query included. */
  path: string;
  /** Names lower-cased; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The raw body as text. */
  body: string;
  /** ISO 8601 time the request was read. */
  receivedAt: string;
  /** The status answered; null while pending, after a reset or a hang. */
  status: number | null;
  /** The fault applied to this request, if any. */
  fault: Fault['kind'] | null;
}

export interface LocalTarget {
  /** Base URL without a trailing slash; POST to any path under it. */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the local downstream target: it records every request outside
 * /_sim/ and answers POST with 200 `{ "received": true }` unless a fault
 * says otherwise.
 */
export async function startTarget(
  options: TargetOptions = {},
): Promise<LocalTarget> {
  const requests: RecordedRequest[] = [];
  const plan = new FaultPlan();

  const serve = async (request: StandInRequest, response: ServerResponse) => {
    const record = recordRequest(request, response);
    requests.push(record);
    await answer(request, response, plan.take(request.path), record);
  };

  return startStandIn({
    host: options.host,
    port: options.port ?? 0,
    name: 'local downstream target',
    portSetting: 'TARGET_PORT',
    serve,
    controlRoutes: [
      ...requestRoutes(requests),
      ...faultRoutes(plan),
      resetRoute(() => {
        requests.length = 0;
        plan.clear();
      }),
    ],
  });
}

async function answer(
  request: StandInRequest,
  response: ServerResponse,
  fault: Fault | undefined,
  record: RecordedRequest,
): Promise<void> {
  if (fault) {
    record.fault = fault.kind;
    if (await applyFault(fault, request.raw, response)) return;
  }

  if (request.method !== 'POST') {
    sendJson(response, 405, { received: false }, { allow: 'POST' });
    return;
  }
  sendJson(response, 200, { received: true });
}

function recordRequest(
  request: StandInRequest,
  response: ServerResponse,
): RecordedRequest {
  const record: RecordedRequest = {
    method: request.method,
    path: request.raw.url ?? request.path,
    headers: flattenHeaders(request.raw.headers),
    body: request.body,
    receivedAt: new Date().toISOString(),
    status: null,
    fault: null,
  };
  response.once('finish', () => {
    record.status = response.statusCode;
  });
  return record;
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function requestRoutes(requests: RecordedRequest[]) {
  return [
    {
      method: 'GET',
      path: /^requests$/,
      handle: () => ({ status: 200, body: { requests } }),
    },
    {
      method: 'DELETE',
      path: /^requests$/,
      handle: () => {
        requests.length = 0;
        return { status: 204 };
      },
    },
  ];
}
