import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod/mini';
import { ConfigurationError, UpstreamUnavailableError } from '../errors';
import { type GenesysHosts, resolveHosts } from '../genesys/regions';

/** The gate's secret, parsed: never logged, never shown. */
export interface Credentials extends GenesysHosts {
  clientId: string;
  clientSecret: string;
  /** Signs forwarded notifications; the previous key signs too while set. */
  signingKeys: readonly string[];
  /** Keys callers sign requests with; none: callers are not checked. */
  callerKeys: readonly string[];
}

const text = z.string().check(z.trim(), z.minLength(1));
const key = z.string().check(z.minLength(16));

const secretSchema = z.object({
  clientId: text,
  clientSecret: text,
  region: z.optional(text),
  apiBaseUrl: z.optional(text),
  loginBaseUrl: z.optional(text),
  signingKey: z.optional(key),
  previousSigningKey: z.optional(key),
  callerKeys: z.optional(z.array(key).check(z.minLength(1), z.maxLength(2))),
});

/**
 * Turns the secret's JSON text into credentials, naming a bad key only.
 * `requireSigningKey` when the gate forwards: every forward is signed.
 */
export function parseSecret(
  secretText: string,
  requireSigningKey = false,
): Credentials {
  let value: unknown;
  try {
    value = JSON.parse(secretText);
  } catch {
    throw new ConfigurationError('the secret is not a JSON object');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigurationError('the secret is not a JSON object');
  }

  const parsed = secretSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue?.path[0]);
    const fault = key in value ? describeBadKey(key) : 'is missing';
    throw new ConfigurationError(`secret key ${key} ${fault}`);
  }

  const secret = parsed.data;
  if (requireSigningKey && !secret.signingKey) {
    throw new ConfigurationError(
      'secret key signingKey is missing; it is required when FORWARD_URL ' +
        'is set',
    );
  }
  return Object.freeze({
    clientId: secret.clientId,
    clientSecret: secret.clientSecret,
    ...resolveHosts(secret),
    signingKeys: [secret.signingKey, secret.previousSigningKey].filter(
      (key): key is string => key !== undefined,
    ),
    callerKeys: secret.callerKeys ?? [],
  });
}

/** What a secret holds for this gate's own checks, not for Genesys Cloud. */
const gateKeys: ReadonlySet<string> = new Set(['signingKeys', 'callerKeys']);

/**
 * Whether two secrets log in as the same OAuth client at the same hosts:
 * everything but the gate's own signing and caller keys is the same.
 */
export function sameGenesysClient(a: Credentials, b: Credentials): boolean {
  const fields = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...fields].every(
    (field) =>
      gateKeys.has(field) ||
      a[field as keyof Credentials] === b[field as keyof Credentials],
  );
}

function describeBadKey(key: string): string {
  if (key === 'signingKey' || key === 'previousSigningKey') {
    return 'must be a string of at least 16 characters';
  }
  if (key === 'callerKeys') {
    return 'must be a list of one or two strings of at least 16 characters';
  }
  return 'must be a non-empty string';
}

/**
 * Reads the secret through Secrets Manager, keeping it for `ttlSeconds`
 * from the read; a failed read is never kept.
 */
export class CredentialsSource {
  private readonly provider: SecretsProvider;
  private last:
    | { text: string; credentials: Credentials; readAt: number; read: number }
    | undefined;
  private pending: Promise<Credentials> | undefined;
  /** Reads started, so that an older one landing late changes nothing. */
  private reads = 0;

  constructor(
    private readonly secretId: string,
    private readonly ttlSeconds: number,
    private readonly requireSigningKey: boolean,
    client?: SecretsManagerClient,
    private readonly now: () => number = Date.now,
  ) {
    this.provider = new SecretsProvider(
      client ? { awsSdkV3Client: client } : {},
    );
  }

  /** The credentials while the last read is younger than the TTL. */
  cached(): Credentials | undefined {
    const last = this.last;
    if (!last || this.now() - last.readAt >= this.ttlSeconds * 1000) {
      return undefined;
    }
    return last.credentials;
  }

  /**
   * The same object while the secret is unchanged; concurrent callers share
   * one read. `fresh` skips the cache, as after the OAuth client was
   * refused.
   */
  load(fresh = false): Promise<Credentials> {
    const cached = fresh ? undefined : this.cached();
    if (cached) return Promise.resolve(cached);

    if (fresh || !this.pending) {
      const loading = this.loadOnce();
      this.pending = loading;
      loading.then(
        () => this.settle(loading),
        () => this.settle(loading),
      );
    }
    return this.pending;
  }

  private settle(loading: Promise<Credentials>): void {
    if (this.pending === loading) this.pending = undefined;
  }

  private async loadOnce(): Promise<Credentials> {
    this.reads += 1;
    const read = this.reads;
    const readAt = this.now();
    const text = await this.fetch().catch((error: unknown) => {
      if (this.readSince(read)) return undefined;
      throw error;
    });

    const newer = this.readSince(read);
    if (newer) return newer;
    if (typeof text !== 'string') {
      throw new ConfigurationError(
        `secret ${this.secretId} has no SecretString`,
      );
    }
    const last = this.last;
    if (last?.text === text) {
      Object.assign(last, { readAt, read });
      return last.credentials;
    }
    const credentials = parseSecret(text, this.requireSigningKey);
    this.last = { text, credentials, readAt, read };
    return credentials;
  }

  /** The credentials of a read that started after read `read`, if any. */
  private readSince(read: number): Credentials | undefined {
    const last = this.last;
    return last && last.read > read ? last.credentials : undefined;
  }

  /** Always from Secrets Manager: the TTL is kept here, in `cached`. */
  private async fetch(): Promise<unknown> {
    try {
      return await this.provider.get(this.secretId, { forceFetch: true });
    } catch (error) {
      throw describeSecretFailure(this.secretId, error);
    }
  }
}

const missingSecretErrors = new Set([
  'ResourceNotFoundException',
  'AccessDeniedException',
  'DecryptionFailure',
  'InvalidParameterException',
  'InvalidRequestException',
]);

function describeSecretFailure(secretId: string, error: unknown): Error {
  const sdkError = findSdkError(error);
  const name = sdkError?.name ?? 'Error';
  const status = sdkError?.$metadata?.httpStatusCode;

  if (missingSecretErrors.has(name)) {
    return new ConfigurationError(`secret ${secretId} cannot be read: ${name}`);
  }
  return new UpstreamUnavailableError(
    `secret ${secretId} cannot be read now: ${name}`,
    { service: 'secrets-manager', code: name, status },
  );
}

interface SdkError {
  name: string;
  $metadata?: { httpStatusCode?: number };
}

/** Powertools wraps SDK errors in GetParameterError; find the SDK's own. */
function findSdkError(error: unknown): SdkError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 3 && current instanceof Error; depth += 1) {
    if ('$metadata' in current) return current as SdkError;
    current = current.cause;
  }
  return error instanceof Error ? error : undefined;
}
