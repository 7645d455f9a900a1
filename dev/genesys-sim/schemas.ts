import { z } from 'zod';
import { routeNames, routingStatuses, userStates } from './types';

const uuidPattern =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Genesys ids are UUIDs; any version and variant is accepted. */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}

const uuid = z.string().regex(uuidPattern, 'must be a UUID');
const text = z.string().min(1, 'must be a non-empty string');
const positiveInteger = z.number().int().positive();

/** Token lifetimes from 1 s (for tests) to 48 h, the real maximum. */
const tokenLifetime = z.number().int().min(1).max(172_800);

export const clientSchema = z.strictObject({
  clientId: text,
  clientSecret: text,
  tokenLifetimeSeconds: tokenLifetime.optional(),
  rateLimitPerMinute: positiveInteger.optional(),
});

const userFields = {
  name: text,
  email: z.email().optional(),
  state: z.enum(userStates).optional(),
  systemPresence: text,
  routingStatus: z.enum(routingStatuses),
  expandSupported: z.boolean().optional(),
};

export const newUserSchema = z.strictObject({
  id: uuid.optional(),
  ...userFields,
});

export const userPatchSchema = z.strictObject(userFields).partial();

export const orgUserSchema = z.strictObject({
  ...userFields,
  id: uuid,
  email: z.email(),
});

export const orgFileSchema = z.strictObject({
  description: z.string().optional(),
  rateLimitPerMinute: positiveInteger.optional(),
  clients: z.array(clientSchema),
  users: z.array(orgUserSchema),
});

export const rateLimitSchema = z.strictObject({
  requestsPerMinute: positiveInteger,
  clientId: text.optional(),
});

const faultTarget = z.enum([...routeNames, 'api']);

export const burstSchema = z.strictObject({
  count: positiveInteger.optional(),
  target: faultTarget.optional(),
  retryAfter: z.union([z.number().int().nonnegative(), text]).optional(),
});

export const faultTargetSchema = faultTarget.optional();

/** One line per problem, each naming where it is: `users[2].id: ...`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${formatPath(issue.path)}: ${issue.message}`)
    .join('; ');
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((key, index) => {
      if (typeof key === 'number') return `[${key}]`;
      return index === 0 ? String(key) : `.${String(key)}`;
    })
    .join('');
}
