import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyResult,
  SQSBatchResponse,
  SQSEvent,
} from 'aws-lambda';
import axios, { type AxiosInstance } from 'axios';
import type { Envelope } from './events';

export type NaiveOutcome = 'forward' | 'drop' | 'failed';

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

/**
 * The hand-written integration the issue measures the gate against. For
 * every notification: a new token, then the agent's user with presence
 * and routing status, straight from Genesys with axios; no cache, no
 * retries, and a small rule of its own. It forwards nothing, like the
 * gate in this bench, so both are timed on the decision alone.
 */
export class NaiveIntegration {
  /** State reads never sent because the login was refused. */
  skippedReads = 0;
  private readonly http: AxiosInstance;

  constructor(
    baseUrl: string,
    private readonly client: OAuthClient,
  ) {
    this.http = axios.create({
      baseURL: baseUrl,
      timeout: 3_000,
      proxy: false,
      validateStatus: () => true,
    });
  }

  async decide(agentId: string): Promise<NaiveOutcome> {
    try {
      const token = await this.login();
      if (token === undefined) {
        this.skippedReads += 1;
        return 'failed';
      }
      return await this.readAndDecide(agentId, token);
    } catch {
      return 'failed';
    }
  }

  private async login(): Promise<string | undefined> {
    const answer = await this.http.post<{ access_token?: string }>(
      '/oauth/token',
      'grant_type=client_credentials',
      {
        auth: {
          username: this.client.clientId,
          password: this.client.clientSecret,
        },
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
    );
    return answer.status === 200 ? answer.data.access_token : undefined;
  }

  private async readAndDecide(
    agentId: string,
    token: string,
  ): Promise<NaiveOutcome> {
    const answer = await this.http.get<NaiveUser>(`/api/v2/users/${agentId}`, {
      params: { expand: 'presence,routingStatus' },
      headers: { authorization: `Bearer ${token}` },
    });
    if (answer.status === 404) return 'drop';
    if (answer.status !== 200) return 'failed';
    return isReachable(answer.data) ? 'forward' : 'drop';
  }
}

interface NaiveUser {
  presence?: { presenceDefinition?: { systemPresence?: string } };
  routingStatus?: { status?: string };
}

/** On queue and idle or interacting, or available and responding. */
function isReachable(user: NaiveUser): boolean {
  const label = user.presence?.presenceDefinition?.systemPresence ?? '';
  const presence = label.toUpperCase().replace(/[\s_]/g, '');
  const routing = user.routingStatus?.status;
  if (presence === 'ONQUEUE') {
    return routing === 'IDLE' || routing === 'INTERACTING';
  }
  return presence === 'AVAILABLE' && routing !== 'NOT_RESPONDING';
}

function agentOf(body: string | undefined | null): string {
  return (JSON.parse(body ?? '{}') as Envelope).agentId;
}

/** The naive integration behind API Gateway: 503 when Genesys refused. */
export function createNaiveHttpHandler(naive: NaiveIntegration) {
  return async (
    event: APIGatewayProxyEventV2,
  ): Promise<APIGatewayProxyResult> => {
    const outcome = await naive.decide(agentOf(event.body));
    const statusCode = outcome === 'failed' ? 503 : 200;
    return { statusCode, body: JSON.stringify({ outcome }) };
  };
}

/** The naive integration on a queue: each record on its own, at once. */
export function createNaiveSqsHandler(naive: NaiveIntegration) {
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const outcomes = await Promise.all(
      event.Records.map((record) => naive.decide(agentOf(record.body))),
    );
    return {
      batchItemFailures: event.Records.filter(
        (_, index) => outcomes[index] === 'failed',
      ).map((record) => ({ itemIdentifier: record.messageId })),
    };
  };
}
