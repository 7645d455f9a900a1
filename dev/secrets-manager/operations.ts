import { AwsError } from './aws-error';
import { currentStage, type SecretStore } from './secret-store';

type Input = Record<string, unknown>;
type Operation = (input: Input, store: SecretStore) => Record<string, unknown>;

/** The operations the stand-in answers, by their X-Amz-Target name. */
export const operations: ReadonlyMap<string, Operation> = new Map([
  ['GetSecretValue', getSecretValue],
  ['PutSecretValue', putSecretValue],
  ['CreateSecret', createSecret],
]);

function getSecretValue(input: Input, store: SecretStore) {
  const secret = store.find(requireString(input, 'SecretId'));
  const version = store.readVersion(secret, {
    versionId: optionalString(input, 'VersionId'),
    versionStage: optionalString(input, 'VersionStage'),
  });

  return {
    ARN: secret.arn,
    Name: secret.name,
    VersionId: version.versionId,
    SecretString: version.secretString,
    VersionStages: version.stages,
    CreatedDate: version.createdDate,
  };
}

function putSecretValue(input: Input, store: SecretStore) {
  const secretId = requireString(input, 'SecretId');
  const secretString = requireSecretString(input);
  refuseCustomStages(input);

  const { secret, version } = store.putValue(
    secretId,
    secretString,
    optionalString(input, 'ClientRequestToken'),
  );
  return {
    ARN: secret.arn,
    Name: secret.name,
    VersionId: version.versionId,
    VersionStages: version.stages,
  };
}

function createSecret(input: Input, store: SecretStore) {
  const { secret, version } = store.create(
    requireString(input, 'Name'),
    optionalString(input, 'SecretString'),
    optionalString(input, 'ClientRequestToken'),
  );
  return { ARN: secret.arn, Name: secret.name, VersionId: version?.versionId };
}

function requireString(input: Input, member: string): string {
  const value = optionalString(input, member);
  if (value) return value;

  const field = member.charAt(0).toLowerCase() + member.slice(1);
  const constraint =
    value === undefined
      ? `Value null at '${field}' failed to satisfy constraint: ` +
        'Member must not be null'
      : `Value '' at '${field}' failed to satisfy constraint: ` +
        'Member must have length greater than or equal to 1';
  throw new AwsError(
    'ValidationException',
    `1 validation error detected: ${constraint}`,
  );
}

function optionalString(input: Input, member: string): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  throw new AwsError(
    'SerializationException',
    `${member} must be a string, not ${typeof value}`,
  );
}

function requireSecretString(input: Input): string {
  const value = optionalString(input, 'SecretString');
  if (value !== undefined) return value;
  throw new AwsError(
    'InvalidRequestException',
    'Provide SecretString: this stand-in does not keep SecretBinary.',
  );
}

function refuseCustomStages(input: Input): void {
  const stages = input.VersionStages;
  if (stages === undefined) return;
  if (Array.isArray(stages) && stages.join() === currentStage) return;
  throw new AwsError(
    'InvalidRequestException',
    `This stand-in only moves ${currentStage}; leave VersionStages out.`,
  );
}
