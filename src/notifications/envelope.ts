import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { InvalidInputError } from '../errors';

/** A notification on its way to an agent. */
export interface Notification {
  /** Idempotency key: the same for every attempt at one notification. */
  id: string;
  agentId: string;
  payload: unknown;
}

export const notificationIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;

export const envelopeSchema = z.object({
  id: z
    .string({ error: 'must be a string' })
    .regex(notificationIdPattern, {
      error: 'must be 1-128 characters of A-Z, a-z, 0-9 and . _ : -',
    })
    .optional(),
  agentId: z.guid({ error: 'must be a Genesys Cloud user id (a UUID)' }),
  payload: z.unknown().refine((value) => value !== undefined, {
    error: 'is required',
  }),
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
