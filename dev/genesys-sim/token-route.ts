import { readBody, sendJson } from '../lib/http';
import { admit } from './access';
import { OAuthError } from './errors';
import type { Exchange } from './router';
import type { SimClient } from './sim-org';

const formType = 'application/x-www-form-urlencoded';

/** POST /oauth/token with the client credentials grant. */
export async function issueToken(exchange: Exchange): Promise<void> {
  const client = authenticateClient(exchange);
  admit(exchange, 'token', client.clientId);
  const form = await readForm(exchange);
  checkGrant(form);

  const { sim, response } = exchange;
  const lifetime = client.tokenLifetimeSeconds;
  const accessToken = sim.tokens.issue(client.clientId, lifetime);
  sim.counters.countToken();

  const body = {
    access_token: accessToken,
    token_type: 'bearer',
    expires_in: lifetime,
  };
  sendJson(response, 200, body, { 'cache-control': 'no-store' });
}

function authenticateClient(exchange: Exchange): SimClient {
  const { clientId, clientSecret } = readBasicAuth(exchange);
  const client = exchange.sim.org.clients.get(clientId);
  if (!client) {
    throw new OAuthError(401, 'invalid_client', 'client not found');
  }
  if (client.clientSecret !== clientSecret) {
    throw new OAuthError(401, 'invalid_client', 'invalid client secret');
  }
  return client;
}

function readBasicAuth(exchange: Exchange) {
  const header = exchange.request.headers.authorization ?? '';
  const match = /^Basic\s+(\S+)\s*$/i.exec(header);
  const decoded = Buffer.from(match?.[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) {
    throw new OAuthError(
      401,
      'invalid_client',
      'client authentication requires Basic client_id:client_secret',
    );
  }
  return {
    clientId: decoded.slice(0, colon),
    clientSecret: decoded.slice(colon + 1),
  };
}

async function readForm(exchange: Exchange): Promise<URLSearchParams> {
  const type = exchange.request.headers['content-type'] ?? '';
  const text = await readBody(exchange.request);
  if (type.split(';')[0]?.trim().toLowerCase() !== formType) {
    throw new OAuthError(
      400,
      'invalid_request',
      `the body must be sent as ${formType}`,
    );
  }
  return new URLSearchParams(text);
}

function checkGrant(form: URLSearchParams): void {
  const grant = form.get('grant_type');
  if (!grant) {
    throw new OAuthError(400, 'invalid_request', 'grant_type is missing');
  }
  if (grant !== 'client_credentials') {
    throw new OAuthError(
      400,
      'unsupported_grant_type',
      `grant type ${grant} is not supported`,
    );
  }
}
