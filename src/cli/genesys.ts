import type { GateConfig } from '../config/config';
import { ConfigurationError, UpstreamUnavailableError } from '../errors';
import { GenesysClient, type Query } from '../genesys/client';
import { GenesysForbiddenError } from '../genesys/failures';
import { regionDomains } from '../genesys/regions';
import { InvalidClientError } from '../genesys/token';
import type { Credentials } from '../secrets/credentials';
import { CliProblem, ExitCode } from './problem';

/**
 * Logs in as the secret's OAuth client, at the secret's login host only.
 * `retries` of failed reads: none for check, which wants the first answer.
 */
export async function logIn(
  credentials: Credentials,
  config: GateConfig,
  retries?: number,
): Promise<GenesysClient> {
  const client = new GenesysClient(credentials, {
    timeoutMs: config.genesysTimeoutMs,
    retries,
  });
  try {
    await client.tokens.get();
  } catch (error) {
    throw describeLoginFailure(error, credentials);
  }
  return client;
}

/** GETs `path` like the gate, explaining a failure; null for a 404. */
export async function readOrExplain<T>(
  client: GenesysClient,
  path: string,
  query: Query = {},
) {
  try {
    return await client.get<T>(path, query, true);
  } catch (error) {
    throw describeReadFailure(error, client.credentials);
  }
}

/** The region code of Genesys Cloud hosts, or null for other hosts. */
export function regionOf(hosts: Pick<Credentials, 'apiBaseUrl'>) {
  const host = new URL(hosts.apiBaseUrl).hostname.replace(/^api\./, '');
  const match = Object.entries(regionDomains).find(([, d]) => d === host);
  return match ? match[0] : null;
}

export function describeLoginFailure(
  error: unknown,
  hosts: Credentials,
): unknown {
  const login = hosts.loginBaseUrl;
  if (error instanceof InvalidClientError) {
    return new CliProblem({
      exitCode: ExitCode.setup,
      code: 'invalid_client',
      message: 'Genesys Cloud refused the OAuth client (invalid_client)',
      likelyCause:
        'invalid_client: wrong clientId/secret or the client lives in ' +
        `another region; the login host was ${login}`,
      fix:
        'copy clientId and clientSecret again from Admin > Integrations > ' +
        'OAuth, and set region in the secret to the region of the org ' +
        'that holds the client',
    });
  }
  if (error instanceof ConfigurationError) {
    return new CliProblem({
      exitCode: ExitCode.setup,
      code: 'login_refused',
      message: error.message,
      likelyCause:
        'the OAuth client may not use the Client Credentials grant, or ' +
        `${login} is not a Genesys Cloud login host`,
      fix: 'give the client the Client Credentials grant; check the region',
    });
  }
  return describeUnavailable(error, login);
}

export function describeReadFailure(
  error: unknown,
  hosts: Credentials,
): unknown {
  if (error instanceof GenesysForbiddenError) return forbidden(error);
  if (error instanceof ConfigurationError) {
    return describeLoginFailure(error, hosts);
  }
  const status = upstreamStatus(error);
  if (status === 401) return tokenRefused(error as Error, hosts);
  return describeUnavailable(error, hosts.apiBaseUrl);
}

function forbidden(error: GenesysForbiddenError): CliProblem {
  const { code, correlationId } = error.failure;
  const answer = [403, code, correlationId && `correlation id ${correlationId}`]
    .filter(Boolean)
    .join(', ');
  const said = error.genesysMessage ? `: "${error.genesysMessage}"` : '';
  return new CliProblem({
    exitCode: ExitCode.setup,
    code: 'forbidden',
    message: `Genesys Cloud refused ${error.call} (${answer})${said}`,
    likelyCause: `the OAuth client's role does not allow ${error.call}`,
    fix:
      'give the OAuth client a role with the permission Genesys names ' +
      '(Admin > Integrations > OAuth > Roles); a client-credentials ' +
      'client gets its permissions from roles, never from scopes',
  });
}

function tokenRefused(error: Error, hosts: Credentials): CliProblem {
  return new CliProblem({
    exitCode: ExitCode.setup,
    code: 'token_refused',
    message:
      `${error.message}: the login at ${hosts.loginBaseUrl} worked, but ` +
      `${hosts.apiBaseUrl} refused its token`,
    likelyCause:
      'the login host and the API host are in different regions: a ' +
      'token works only in the region that issued it',
    fix:
      'set only region in the secret, or apiBaseUrl and loginBaseUrl of ' +
      'one region',
  });
}

const unresolved = new Set(['ENOTFOUND', 'EAI_AGAIN']);

function describeUnavailable(error: unknown, host: string): unknown {
  if (!(error instanceof UpstreamUnavailableError)) return error;
  const { status, code, retryAfterSeconds } = error.details;
  if (status === 429) {
    const wait = retryAfterSeconds ?? 60;
    return unavailable(
      'throttled',
      error,
      'the OAuth client used up its requests for now; everything that ' +
        'uses the client shares its limit (300 a minute by default)',
      `try again in ${wait} s; give each stage and tool its own client`,
    );
  }
  if (unresolved.has(code ?? '')) {
    return unavailable(
      'unreachable',
      error,
      `${host} does not resolve: a wrong region or base URL in the ` +
        'secret, or no DNS here',
      'check region in the secret, and DNS on this machine',
    );
  }
  if (status === undefined || status >= 500) {
    return unavailable(
      'unreachable',
      error,
      `${host} did not answer in time or failed (network, proxy, ` +
        'firewall, or a Genesys Cloud outage)',
      `check that this machine reaches ${host}, and try again later`,
    );
  }
  return new CliProblem({
    exitCode: ExitCode.negative,
    code: 'unexpected_answer',
    message: error.message,
  });
}

function unavailable(
  code: string,
  error: Error,
  likelyCause: string,
  fix: string,
): CliProblem {
  return new CliProblem({
    exitCode: ExitCode.unavailable,
    code,
    message: error.message,
    likelyCause,
    fix,
  });
}

function upstreamStatus(error: unknown): number | undefined {
  return error instanceof UpstreamUnavailableError
    ? error.details.status
    : undefined;
}
