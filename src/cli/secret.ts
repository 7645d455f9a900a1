import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { ConfigurationError } from '../errors';
import { type Credentials, parseSecret } from '../secrets/credentials';
import { CliProblem, ExitCode, type ProblemDetails } from './problem';
import type { Setup } from './setup';

export interface LoadedSecret {
  credentials: Credentials;
  versionId: string | undefined;
}

type Explanation = Omit<ProblemDetails, 'message'>;

const setupProblem = (code: string, likelyCause: string, fix: string) => ({
  exitCode: ExitCode.setup,
  code,
  likelyCause,
  fix,
});

const awsCredentials = setupProblem(
  'aws_credentials',
  'there are no valid AWS credentials here',
  'sign in first (aws sso login, AWS_PROFILE, or AWS_ACCESS_KEY_ID and ' +
    'AWS_SECRET_ACCESS_KEY)',
);

/** Secrets Manager's error names, with their likely cause and fix. */
const secretFailures: Readonly<Record<string, Explanation>> = {
  ResourceNotFoundException: setupProblem(
    'secret_not_found',
    'no secret has this name or ARN in this AWS region',
    'check GENESYS_SECRET_ID (or --secret-id) and AWS_REGION (or ' +
      '--region): a secret lives in one region, which its full ARN names',
  ),
  AccessDeniedException: setupProblem(
    'secret_access_denied',
    'this AWS identity may not call secretsmanager:GetSecretValue on it',
    'run as an identity allowed to read the secret, or allow this one; ' +
      '`aws sts get-caller-identity` shows which identity this is',
  ),
  DecryptionFailure: setupProblem(
    'secret_undecryptable',
    'Secrets Manager cannot decrypt the secret with its KMS key for ' +
      'this identity',
    "allow kms:Decrypt on the secret's KMS key for this identity, and " +
      'check that the key is enabled',
  ),
  InvalidRequestException: setupProblem(
    'secret_not_usable',
    'the secret is scheduled for deletion or cannot be read as it is',
    'restore it (aws secretsmanager restore-secret) or use another secret',
  ),
  InvalidParameterException: setupProblem(
    'secret_id_invalid',
    'the secret id is not a valid name or ARN',
    'set GENESYS_SECRET_ID to the name or full ARN of the secret',
  ),
  UnrecognizedClientException: awsCredentials,
  InvalidSignatureException: awsCredentials,
  ExpiredTokenException: awsCredentials,
  CredentialsProviderError: awsCredentials,
};

/**
 * Reads and parses the gate's secret as the function does, explaining a
 * failure: missing, unreadable, or malformed (naming the key only).
 */
export async function loadSecret(setup: Setup): Promise<LoadedSecret> {
  const { text, versionId } = await readSecretText(setup);
  try {
    const forwarding = setup.config.forwardUrl !== null;
    return { credentials: parseSecret(text, forwarding), versionId };
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    throw malformed(setup, error.message);
  }
}

async function readSecretText(setup: Setup) {
  let answer: { SecretString?: string; VersionId?: string };
  try {
    answer = await setup.secretsClient.send(
      new GetSecretValueCommand({ SecretId: setup.secretId }),
    );
  } catch (error) {
    throw describeSecretFailure(setup, error);
  }
  if (typeof answer.SecretString !== 'string') {
    throw malformed(setup, `secret ${setup.secretId} has no SecretString`);
  }
  return { text: answer.SecretString, versionId: answer.VersionId };
}

function malformed(setup: Setup, message: string): CliProblem {
  const keys = ['clientId', 'clientSecret', 'region'];
  if (setup.config.forwardUrl !== null) keys.push('signingKey');
  return new CliProblem({
    exitCode: ExitCode.setup,
    code: 'secret_malformed',
    message,
    likelyCause: 'the secret is not the JSON object the gate reads',
    fix:
      `store a JSON object with ${keys.join(', ')} (see "The secret" ` +
      'in the README)',
  });
}

function describeSecretFailure(setup: Setup, error: unknown): CliProblem {
  const { name, code, text } = readAwsError(error);
  const where = `secret ${setup.secretId} in ${setup.awsRegion}`;
  const known = secretFailures[name];
  if (known) {
    const said = text && text !== 'UnknownError' ? `: ${text}` : '';
    return new CliProblem({
      ...known,
      message: `Secrets Manager cannot read ${where}: ${name}${said}`,
    });
  }
  return new CliProblem({
    exitCode: ExitCode.unavailable,
    code: 'secrets_manager_unavailable',
    message: `Secrets Manager did not answer for ${where}: ${code ?? name}`,
    likelyCause:
      'Secrets Manager is unreachable from here, throttled or failing',
    fix:
      'check network access to Secrets Manager in this region, and try ' +
      'again in a minute',
  });
}

function readAwsError(error: unknown) {
  if (!(error instanceof Error)) {
    return { name: 'Error', code: undefined, text: String(error) };
  }
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    code: typeof code === 'string' ? code : undefined,
    text: error.message,
  };
}
