import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { GateConfig } from './config/config';
import { classifyFailure } from './errors';
import { AgentStateCache } from './genesys/agent-cache';
import {
  type AgentLookup,
  type AgentReading,
  readAgentStates,
} from './genesys/agent-state';
import { GenesysClient } from './genesys/client';
import { InvalidClientError } from './genesys/token';
import { TimeBudget } from './net/budget';
import { type Answer, describeAgent } from './notifications/answer';
import {
  type Notification,
  parseEnvelope,
  parseRawPayload,
} from './notifications/envelope';
import { createLogger, type Logger } from './observability/logger';
import { GateMetrics } from './observability/metrics';
import { type Decision, decide } from './policy/policy';
import { Reason } from './policy/reasons';
import {
  type Credentials,
  CredentialsSource,
  sameGenesysClient,
} from './secrets/credentials';
import { forwardPayload } from './target/forward';
import type { Forwarder } from './target/idempotent-forward';

export interface InvocationOptions {
  /** false: decide only, as a pipeline step whose next step delivers. */
  forward?: boolean;
  /** The invocation's time; every outside call stops when it is spent. */
  budget?: TimeBudget;
  /** When the invocation began, for the logged duration. */
  startedAt?: number;
}

export interface GateDependencies {
  secretsClient?: SecretsManagerClient;
  /** The idempotency store's client; one of its own when absent. */
  dynamoClient?: DynamoDBClient;
  logger?: Logger;
  metrics?: GateMetrics;
  now?: () => number;
}

/**
 * Decides one notification: reads the agent, applies the policy, forwards
 * or drops. Lives for the container, so credentials, token and HTTP
 * connections are reused between invocations.
 */
export class Gate {
  readonly logger: Logger;
  readonly metrics: GateMetrics;
  private readonly secrets: CredentialsSource;
  private readonly send: Forwarder;
  readonly now: () => number;
  private genesys: GenesysClient | undefined;
  private refused: { credentials: Credentials; until: number } | undefined;
  private readonly agents: AgentStateCache;

  constructor(
    readonly config: GateConfig,
    dependencies: GateDependencies = {},
  ) {
    this.logger = dependencies.logger ?? createLogger(config.logLevel);
    this.metrics = dependencies.metrics ?? new GateMetrics();
    this.agents = new AgentStateCache(
      (agentIds, budget) => this.readAgents(agentIds, budget),
      config.stateCacheTtlMs,
      () => this.genesys?.turnInMs() ?? 0,
    );
    this.now = dependencies.now ?? Date.now;
    this.secrets = new CredentialsSource(
      config.secretId,
      config.secretCacheTtlSeconds,
      config.forwardUrl !== null,
      dependencies.secretsClient,
      this.now,
    );
    this.send = chooseForwarder(config, this.logger, dependencies);
  }

  /** A notification from a trigger's parsed body: envelope or raw payload. */
  readNotification(value: unknown, fallbackId?: string): Notification {
    const pointers = this.config.rawPayload;
    return pointers
      ? parseRawPayload(value, pointers, fallbackId)
      : parseEnvelope(value, fallbackId);
  }

  /** Resolves with the answer; throws only a ConfigurationError. */
  async process(
    notification: Notification,
    options: InvocationOptions = {},
  ): Promise<Answer> {
    const lookup = await this.lookUp([notification.agentId], options);
    return this.complete(notification, lookup, options);
  }

  /**
   * Answers for many notifications in their order, their agents read with
   * bulk calls; each duplicate agent costs nothing more.
   */
  async processBatch(
    notifications: readonly Notification[],
    options: InvocationOptions = {},
  ): Promise<Answer[]> {
    const agentIds = notifications.map((n) => n.agentId);
    const lookup = await this.lookUp(agentIds, options);
    return Promise.all(
      notifications.map((n) => this.complete(n, lookup, options)),
    );
  }

  /**
   * Reads the agents; a failure that concerns all of them (secret, login)
   * stands for each. Throws only a ConfigurationError.
   */
  async lookUp(
    agentIds: readonly string[],
    options: InvocationOptions = {},
  ): Promise<AgentLookup> {
    return this.agents.lookUp(
      agentIds,
      options.budget ?? TimeBudget.unbounded(),
    );
  }

  /** The secret's credentials, read within the invocation's budget. */
  loadCredentials(options: InvocationOptions = {}): Promise<Credentials> {
    return this.readSecret(options.budget ?? TimeBudget.unbounded());
  }

  /** Kept credentials at once; a read races the invocation's budget. */
  private readSecret(budget: TimeBudget, fresh = false): Promise<Credentials> {
    const cached = fresh ? undefined : this.secrets.cached();
    if (cached) return Promise.resolve(cached);
    return budget.race(this.secrets.load(fresh));
  }

  /** Decides one notification from a lookup, acts on it and logs it. */
  async complete(
    notification: Notification,
    lookup: AgentLookup,
    options: InvocationOptions = {},
  ): Promise<Answer> {
    const started = this.now();
    const reading = lookup.get(notification.agentId);
    const answer = await this.decideAndAct(notification, reading, options);

    this.metrics.countDecision(answer);
    this.logger.info('decision', {
      notificationId: answer.notificationId,
      agentId: notification.agentId,
      outcome: answer.outcome,
      reason: answer.reason,
      rule: answer.rule,
      presence: answer.agent.presence,
      routingStatus: answer.agent.routingStatus,
      agentState: answer.agent.state,
      cacheHit: reading instanceof Error ? false : reading?.cacheHit === true,
      genesysCorrelationId:
        reading instanceof Error ? undefined : reading?.correlationId,
      durationMs: this.now() - (options.startedAt ?? started),
    });
    return answer;
  }

  private async decideAndAct(
    notification: Notification,
    reading: AgentReading | Error | undefined,
    options: InvocationOptions,
  ): Promise<Answer> {
    if (!reading || reading instanceof Error) {
      this.logger.warn('agent state unavailable', { error: reading });
      return this.actOnLookupFailure(notification, options);
    }

    const decision = this.shadow(
      notification,
      decide(reading, this.config.policy),
    );
    if (decision.outcome === 'drop' || options.forward === false) {
      return answer(notification, decision, reading);
    }
    return this.forward(notification, decision, options, reading);
  }

  /**
   * In shadow mode every notification goes on; what the policy would have
   * dropped is logged and counted, so a rollout can be judged first.
   */
  private shadow(notification: Notification, decision: Decision): Decision {
    if (this.config.mode !== 'shadow' || decision.outcome !== 'drop') {
      return decision;
    }
    this.logger.info('shadow: the policy would drop', {
      notificationId: notification.id,
      wouldDrop: decision.reason,
    });
    this.metrics.countShadowDrop(decision.reason);
    return { outcome: 'forward', reason: Reason.shadowForwarded };
  }

  /**
   * Reads through the client of the current secret. Refused as
   * `invalid_client`, the secret is read again once, as it may have been
   * rotated; refused again, the client is not tried again for a minute
   * unless the secret names another, so Genesys is not hammered. A secret
   * that changes only its signing or caller keys keeps the client, with
   * its token, request budget and agent readings.
   */
  private async readAgents(agentIds: readonly string[], budget: TimeBudget) {
    const client = await this.connect(budget);
    try {
      return await readAgentStates(client.within(budget), agentIds);
    } catch (error) {
      if (!(error instanceof InvalidClientError)) throw error;
      const rotated = await this.connect(budget, true);
      if (rotated === client) {
        this.refuse(client.credentials);
        throw error;
      }
      return readAgentStates(rotated.within(budget), agentIds);
    }
  }

  private refuse(credentials: Credentials): void {
    this.refused = { credentials, until: this.now() + refusalHoldMs };
  }

  /** The Genesys client for the current secret; `fresh` re-reads it. */
  private async connect(
    budget: TimeBudget,
    fresh = false,
  ): Promise<GenesysClient> {
    const credentials = await this.readSecret(budget, fresh);
    const refused = this.refused;
    if (
      refused &&
      sameGenesysClient(refused.credentials, credentials) &&
      this.now() < refused.until
    ) {
      throw new InvalidClientError(
        'Genesys Cloud refused this OAuth client (invalid_client) and the ' +
          'secret still names it: check clientId, clientSecret, and region ' +
          'or the base URLs',
      );
    }
    if (
      !this.genesys ||
      !sameGenesysClient(this.genesys.credentials, credentials)
    ) {
      if (this.genesys) this.agents.clear();
      this.genesys = new GenesysClient(credentials, {
        timeoutMs: this.config.genesysTimeoutMs,
        now: this.now,
        observer: this.metrics,
      });
    }
    return this.genesys;
  }

  private async actOnLookupFailure(
    notification: Notification,
    options: InvocationOptions,
  ) {
    switch (this.config.onLookupFailure) {
      case 'retry':
        return answer(notification, retry(Reason.stateUnavailable));
      case 'drop':
        return answer(notification, drop(Reason.lookupFailedDropped));
      case 'forward': {
        const decision: Decision = {
          outcome: 'forward',
          reason: Reason.lookupFailedForwarded,
        };
        if (options.forward === false) return answer(notification, decision);
        return this.forward(notification, decision, options);
      }
    }
  }

  private async forward(
    notification: Notification,
    decision: Decision,
    options: InvocationOptions,
    reading?: AgentReading,
  ): Promise<Answer> {
    const url = this.config.forwardUrl;
    if (!url) return answer(notification, decision, reading);

    const budget = options.budget ?? TimeBudget.unbounded();
    const credentials = await this.loadForSigning(options);
    if (!credentials) {
      return answer(notification, retry(Reason.stateUnavailable), reading);
    }
    if (budget.remainingMs() < minimumForwardMs(this.config)) {
      this.logger.warn('no time left to forward', {
        notificationId: notification.id,
      });
      return answer(notification, retry(Reason.targetUnavailable), reading);
    }

    const result = await this.send({
      url,
      notificationId: notification.id,
      payload: notification.payload,
      signingKeys: credentials.signingKeys,
      timeoutMs: this.config.forwardTimeoutMs,
      nowSeconds: Math.floor(this.now() / 1000),
      budget,
    });

    if (result.kind === 'accepted') {
      return answer(notification, decision, reading);
    }
    if (result.kind === 'rejected') {
      this.logger.warn('target rejected the notification', {
        notificationId: notification.id,
        status: result.status,
      });
      return answer(notification, drop(Reason.targetRejected), reading);
    }
    this.logger.warn('target unavailable', { ...result });
    return answer(notification, retry(Reason.targetUnavailable), reading);
  }

  /** The secret's signing keys; undefined while it cannot be read. */
  private async loadForSigning(
    options: InvocationOptions,
  ): Promise<Credentials | undefined> {
    try {
      return await this.loadCredentials(options);
    } catch (error) {
      if (classifyFailure(error) === 'configuration') throw error;
      this.logger.warn('secret unavailable for signing', { error });
      return undefined;
    }
  }
}

function answer(
  notification: Notification,
  decision: Decision | { outcome: 'retry'; reason: Reason },
  reading?: AgentReading,
): Answer {
  return {
    notificationId: notification.id,
    outcome: decision.outcome,
    reason: decision.reason,
    ...('rule' in decision && decision.rule ? { rule: decision.rule } : {}),
    agent: describeAgent(notification.agentId, reading),
  };
}

/** The plain forward, or one guarded by the idempotency store. */
function chooseForwarder(
  config: GateConfig,
  logger: Logger,
  dependencies: GateDependencies,
): Forwarder {
  const tableName = config.idempotencyTable;
  if (!tableName) return forwardPayload;

  // The store's modules load with the first forward, not at cold start.
  let guarded: Promise<Forwarder> | undefined;
  return async (request) => {
    guarded ??= import('./target/idempotent-forward').then((store) =>
      store.createIdempotentForwarder({
        tableName,
        ttlSeconds: config.idempotencyTtlSeconds,
        logger,
        client: dependencies.dynamoClient,
      }),
    );
    return (await guarded)(request);
  };
}

/** How long a refused OAuth client is not tried again while the secret
 * names it. */
const refusalHoldMs = 60_000;

/**
 * A forward cut off after its body left may already have been accepted;
 * one that cannot have this much time is not started.
 */
function minimumForwardMs(config: GateConfig): number {
  return Math.min(config.forwardTimeoutMs, 1_000);
}

function drop(reason: Reason): Decision {
  return { outcome: 'drop', reason };
}

function retry(reason: Reason) {
  return { outcome: 'retry', reason } as const;
}
