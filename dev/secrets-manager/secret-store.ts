import { createHash, randomUUID } from 'node:crypto';
import { AwsError, secretNotFound } from './aws-error';

export const currentStage = 'AWSCURRENT';
export const previousStage = 'AWSPREVIOUS';

export interface SecretVersion {
  versionId: string;
  secretString: string;
  /** Epoch seconds, which is how the JSON protocol sends timestamps. */
  createdDate: number;
  stages: string[];
}

export interface StoredSecret {
  name: string;
  arn: string;
  /** Oldest first; versions that lost every stage stay readable by id. */
  versions: SecretVersion[];
}

export interface VersionQuery {
  versionId?: string;
  versionStage?: string;
}

const base62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Secrets by name, with the AWSCURRENT / AWSPREVIOUS stage rules. */
export class SecretStore {
  private readonly secrets = new Map<string, StoredSecret>();

  constructor(
    private readonly region: string,
    private readonly account: string,
  ) {}

  /** Finds a secret by name or full ARN. */
  find(secretId: string): StoredSecret {
    const secret =
      this.secrets.get(secretId) ??
      [...this.secrets.values()].find((stored) => stored.arn === secretId);
    if (!secret) throw secretNotFound();
    return secret;
  }

  create(name: string, secretString?: string, versionId?: string) {
    if (this.secrets.has(name)) {
      throw new AwsError(
        'ResourceExistsException',
        `The operation failed because the secret ${name} already exists.`,
      );
    }

    const secret: StoredSecret = { name, arn: this.arnOf(name), versions: [] };
    this.secrets.set(name, secret);
    if (secretString === undefined) return { secret, version: undefined };
    return { secret, version: addVersion(secret, secretString, versionId) };
  }

  /**
   * Stores a new current value; the old current becomes AWSPREVIOUS. A
   * version id seen before with the same value changes nothing.
   */
  putValue(secretId: string, secretString: string, versionId?: string) {
    const secret = this.find(secretId);
    const known = secret.versions.find((v) => v.versionId === versionId);
    if (known && known.secretString !== secretString) {
      const message = `Version ${versionId} already exists with another value.`;
      throw new AwsError('ResourceExistsException', message);
    }
    return {
      secret,
      version: known ?? addVersion(secret, secretString, versionId),
    };
  }

  /** Creates the secret or, when it exists, stores a new current value. */
  seed(name: string, secretString: string) {
    if (!this.secrets.has(name)) return this.create(name, secretString);
    return this.putValue(name, secretString);
  }

  clear(): void {
    this.secrets.clear();
  }

  /** The version with the id and stage asked for; AWSCURRENT by default. */
  readVersion(secret: StoredSecret, query: VersionQuery): SecretVersion {
    const stage =
      query.versionStage ?? (query.versionId ? undefined : currentStage);
    const version = secret.versions.find(
      (candidate) =>
        (query.versionId === undefined ||
          candidate.versionId === query.versionId) &&
        (stage === undefined || candidate.stages.includes(stage)),
    );
    if (!version) throw versionNotFound(query.versionId, stage);
    return version;
  }

  /** ARN with a suffix derived from the name, stable across restarts. */
  private arnOf(name: string): string {
    const digest = createHash('sha256').update(name).digest();
    const suffix = [...digest.subarray(0, 6)]
      .map((byte) => base62[byte % base62.length])
      .join('');
    return (
      `arn:aws:secretsmanager:${this.region}:${this.account}:secret:` +
      `${name}-${suffix}`
    );
  }
}

function addVersion(
  secret: StoredSecret,
  secretString: string,
  versionId: string = randomUUID(),
): SecretVersion {
  for (const version of secret.versions) {
    version.stages = version.stages
      .filter((stage) => stage !== previousStage)
      .map((stage) => (stage === currentStage ? previousStage : stage));
  }

  const version: SecretVersion = {
    versionId,
    secretString,
    createdDate: Date.now() / 1000,
    stages: [currentStage],
  };
  secret.versions.push(version);
  return version;
}

function versionNotFound(versionId?: string, stage?: string): AwsError {
  const wanted = [
    versionId ? `VersionId: ${versionId}` : '',
    stage ? `staging label: ${stage}` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  return new AwsError(
    'ResourceNotFoundException',
    `Secrets Manager can't find the specified secret value for ${wanted}`,
  );
}
