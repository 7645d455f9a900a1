import { randomUUID } from 'node:crypto';
import jsonpointer from 'jsonpointer';
import * as z from 'zod/mini';
import { InvalidInputError } from '../errors';

/** A notification on its way to an agent. */
export interface Notification {
  /** Idempotency key: the same for every attempt at one notification. */
  id: string;
  agentId: string;
  payload: unknown;
}

export const notificationIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * How deep arrays and objects may nest in a payload: more than any
 * notification needs, few enough to be serialised again when forwarded.
 */
export const maxPayloadDepth = 64;

const tooDeep = `must not nest more than ${maxPayloadDepth} levels`;

/** Whether arrays and objects nest at most `maxDepth` deep in `value`;
 * walks without recursion, so any depth is measured safely. */
export function nestsWithin(value: unknown, maxDepth: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [current, depth] = next;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= maxDepth) return false;
    for (const child of Object.values(current)) {
      pending.push([child, depth + 1]);
    }
  }
  return true;
}

export const envelopeSchema = z.object({
  id: z.optional(
    z.string({ error: 'must be a string' }).check(
      z.regex(notificationIdPattern, {
        error: 'must be 1-128 characters of A-Z, a-z, 0-9 and . _ : -',
      }),
    ),
  ),
  agentId: z.guid({ error: 'must be a Genesys Cloud user id (a UUID)' }),
  payload: z.unknown().check(
    z.refine((value) => value !== undefined, { error: 'is required' }),
    z.refine((value) => nestsWithin(value, maxPayloadDepth), {
      error: tooDeep,
    }),
  ),
});

/**
 * Checks a parsed JSON envelope. Without an `id`, `fallbackId` (such as the
 * SQS message id) or a new UUID serves as the notification id.
 */
export function parseEnvelope(
  value: unknown,
  fallbackId?: string,
): Notification {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidInputError(
      'invalid_notification',
      'the notification must be a JSON object with agentId and payload',
    );
  }

  const parsed = envelopeSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'notification';
    const key = issue?.path[0];
    const missing = typeof key === 'string' && !(key in value);
    const problem = missing ? 'is required' : issue?.message;
    throw new InvalidInputError('invalid_notification', `${field} ${problem}`);
  }

  const { id, agentId, payload } = parsed.data;
  return { id: id ?? fallbackId ?? randomUUID(), agentId, payload };
}

/**
 * Where a raw payload keeps the agent id and, optionally, the notification
 * id, as JSON Pointers (RFC 6901): the whole payload is then forwarded.
 */
export interface RawPayloadPointers {
  agentId: string;
  notificationId: string | null;
}

const rawSchema = z.object({
  agentId: envelopeSchema.shape.agentId,
  id: envelopeSchema.shape.id,
});

/** Reads a notification from a payload that carries its own ids. */
export function parseRawPayload(
  value: unknown,
  pointers: RawPayloadPointers,
  fallbackId?: string,
): Notification {
  if (typeof value !== 'object' || value === null) {
    throw new InvalidInputError(
      'invalid_notification',
      'the payload must be a JSON object or array',
    );
  }
  if (!nestsWithin(value, maxPayloadDepth)) {
    throw new InvalidInputError(
      'invalid_notification',
      `the payload ${tooDeep}`,
    );
  }

  const ids = {
    agentId: jsonpointer.get(value, pointers.agentId),
    id: pointers.notificationId
      ? jsonpointer.get(value, pointers.notificationId)
      : undefined,
  };
  const parsed = rawSchema.safeParse(ids);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path[0] === 'id' ? 'notificationId' : 'agentId';
    const pointer = pointers[key];
    const problem =
      (ids as Record<string, unknown>)[String(issue?.path[0])] === undefined
        ? 'is missing'
        : issue?.message;
    throw new InvalidInputError(
      'invalid_notification',
      `the value at ${pointer} ${problem}`,
    );
  }

  const id = parsed.data.id ?? fallbackId ?? randomUUID();
  return { id, agentId: parsed.data.agentId, payload: value };
}

/**
 * The notification id a refused item carries, where one can be found: to
 * answer it by its id without trusting anything else in it.
 */
export function findNotificationId(
  value: unknown,
  pointers: RawPayloadPointers | null,
): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const id = pointers
    ? pointers.notificationId && jsonpointer.get(value, pointers.notificationId)
    : (value as { id?: unknown }).id;
  return typeof id === 'string' && notificationIdPattern.test(id) ? id : null;
}

/** Whether `pointer` is a JSON Pointer; compiling checks its syntax. */
export function isJsonPointer(pointer: string): boolean {
  try {
    jsonpointer.compile(pointer);
    return pointer !== '';
  } catch {
    return false;
  }
}
