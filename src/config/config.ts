import { readFileSync } from 'node:fs';
import * as z from 'zod/mini';
import { ConfigurationError } from '../errors';
import { checkServiceUrl } from '../net/urls';
import {
  isJsonPointer,
  type RawPayloadPointers,
} from '../notifications/envelope';
import { defaultPolicy, type Policy, parsePolicy } from '../policy/policy';

export const lookupFailurePolicies = ['retry', 'forward', 'drop'] as const;
export type LookupFailurePolicy = (typeof lookupFailurePolicies)[number];

export const gateModes = ['enforce', 'shadow'] as const;
export type GateMode = (typeof gateModes)[number];

export const logLevels = [
  'TRACE',
  'DEBUG',
  'INFO',
  'WARN',
  'ERROR',
  'CRITICAL',
  'SILENT',
] as const;
export type LogLevel = (typeof logLevels)[number];

/** The gate's settings, read once at cold start; see the README table. */
export interface GateConfig {
  secretId: string;
  forwardUrl: string | null;
  policy: Policy;
  onLookupFailure: LookupFailurePolicy;
  secretCacheTtlSeconds: number;
  /** How long an agent's reading is reused; 0 reads every time. */
  stateCacheTtlMs: number;
  maxNotificationBytes: number;
  genesysTimeoutMs: number;
  forwardTimeoutMs: number;
  retryAfterSeconds: number;
  /** How far a caller signature's time may be from now, in seconds. */
  callerSignatureToleranceSeconds: number;
  /** The idempotency store's DynamoDB table; null: no store. */
  idempotencyTable: string | null;
  /** How long the store remembers a forwarded notification id. */
  idempotencyTtlSeconds: number;
  logLevel: LogLevel;
  /** `shadow`: forward everything, log what the policy would drop. */
  mode: GateMode;
  /** Set when notifications arrive as raw payloads instead of envelopes. */
  rawPayload: RawPayloadPointers | null;
}

/** An empty variable counts as unset. */
const optional = <T extends z.core.$ZodType>(schema: T) =>
  z.pipe(
    z.transform((value: unknown) => (value === '' ? undefined : value)),
    z.optional(schema),
  );

const whole = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .check(
      z.refine(Number.isInteger, { error: 'must be a whole number' }),
      z.gte(min, { error: `must be at least ${min}` }),
      z.lte(max, { error: `must be at most ${max}` }),
    );

const envSchema = z.object({
  GENESYS_SECRET_ID: z
    .string({ error: 'is required' })
    .check(z.trim(), z.minLength(1, { error: 'is required' })),
  FORWARD_URL: optional(
    z.string().check(
      z.superRefine((url, context) => {
        const problem = checkServiceUrl(url);
        if (problem) context.addIssue({ code: 'custom', message: problem });
      }),
    ),
  ),
  GATE_POLICY: optional(z.string()),
  GATE_POLICY_FILE: optional(z.string()),
  ON_LOOKUP_FAILURE: optional(
    z.enum(lookupFailurePolicies, {
      error: `must be one of ${lookupFailurePolicies.join(', ')}`,
    }),
  ),
  SECRET_CACHE_TTL_S: optional(whole(0, 86_400)),
  STATE_CACHE_TTL_MS: optional(whole(0, 600_000)),
  MAX_NOTIFICATION_BYTES: optional(whole(1, 6_291_456)),
  GENESYS_TIMEOUT_MS: optional(whole(100, 60_000)),
  FORWARD_TIMEOUT_MS: optional(whole(100, 60_000)),
  RETRY_AFTER_S: optional(whole(1, 3_600)),
  CALLER_SIGNATURE_TOLERANCE_S: optional(whole(1, 3_600)),
  IDEMPOTENCY_TABLE: optional(tableName()),
  IDEMPOTENCY_TTL_S: optional(whole(60, 1_209_600)),
  GATE_MODE: optional(
    z.enum(gateModes, { error: `must be one of ${gateModes.join(', ')}` }),
  ),
  AGENT_ID_POINTER: optional(pointer()),
  NOTIFICATION_ID_POINTER: optional(pointer()),
  LOG_LEVEL: optional(
    z.pipe(
      z.transform((v: unknown) =>
        typeof v === 'string' ? v.toUpperCase() : v,
      ),
      z.enum(logLevels, { error: `must be one of ${logLevels.join(', ')}` }),
    ),
  ),
});

type Env = z.infer<typeof envSchema>;

/** A DynamoDB table's name, or its ARN. */
function tableName() {
  const arn = /^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table\//;
  const name = /^[\w.-]{3,255}$/;
  return z.string().check(
    z.trim(),
    z.refine((value) => name.test(value.replace(arn, '')), {
      error: 'must be a DynamoDB table name or ARN',
    }),
  );
}

function pointer() {
  return z.string().check(
    z.refine(isJsonPointer, {
      error: 'must be a JSON Pointer such as /agent/id',
    }),
  );
}

/** Reads and checks the environment; throws naming the variable at fault. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): GateConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    throw new ConfigurationError(`${variable} ${issue?.message}`);
  }

  const values = parsed.data;
  return Object.freeze({
    secretId: values.GENESYS_SECRET_ID,
    forwardUrl: values.FORWARD_URL ?? null,
    policy: readPolicy(values),
    onLookupFailure: values.ON_LOOKUP_FAILURE ?? 'retry',
    secretCacheTtlSeconds: values.SECRET_CACHE_TTL_S ?? 300,
    stateCacheTtlMs: values.STATE_CACHE_TTL_MS ?? 5_000,
    maxNotificationBytes: values.MAX_NOTIFICATION_BYTES ?? 262_144,
    genesysTimeoutMs: values.GENESYS_TIMEOUT_MS ?? 3_000,
    forwardTimeoutMs: values.FORWARD_TIMEOUT_MS ?? 5_000,
    retryAfterSeconds: values.RETRY_AFTER_S ?? 5,
    callerSignatureToleranceSeconds: values.CALLER_SIGNATURE_TOLERANCE_S ?? 300,
    idempotencyTable: values.IDEMPOTENCY_TABLE ?? null,
    idempotencyTtlSeconds: values.IDEMPOTENCY_TTL_S ?? 86_400,
    logLevel: values.LOG_LEVEL ?? 'INFO',
    mode: values.GATE_MODE ?? 'enforce',
    rawPayload: readPointers(values),
  });
}

function readPointers(values: Env): RawPayloadPointers | null {
  if (!values.AGENT_ID_POINTER) {
    if (!values.NOTIFICATION_ID_POINTER) return null;
    throw new ConfigurationError(
      'NOTIFICATION_ID_POINTER is set without AGENT_ID_POINTER',
    );
  }
  return {
    agentId: values.AGENT_ID_POINTER,
    notificationId: values.NOTIFICATION_ID_POINTER ?? null,
  };
}

function readPolicy(values: Env): Policy {
  if (values.GATE_POLICY && values.GATE_POLICY_FILE) {
    throw new ConfigurationError(
      'GATE_POLICY and GATE_POLICY_FILE are both set; set one',
    );
  }
  if (values.GATE_POLICY) return parsePolicy(values.GATE_POLICY, 'GATE_POLICY');
  if (!values.GATE_POLICY_FILE) return defaultPolicy;

  const path = values.GATE_POLICY_FILE;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigurationError(`GATE_POLICY_FILE ${path} (${code})`);
  }
  return parsePolicy(text, `GATE_POLICY_FILE ${path}`);
}
