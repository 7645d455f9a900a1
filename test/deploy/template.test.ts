import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  demoSecretId,
  localRegion,
  startLocalStack,
} from '../../dev/local-stack';
import { loadConfig } from '../../src/config/config';
import { MetricName, metricsNamespace } from '../../src/observability/metrics';
import {
  type Packaged,
  packageService,
  printService,
  projectRoot,
  type Resource,
  type Template,
} from './package';
import { readZip } from './zip';

const execFileAsync = promisify(execFile);

// The stack as `sls package` builds it for an account, checked offline:
// once with every parameter given, once with the defaults.

const account = '111122223333';
const params = {
  secretArn:
    `arn:aws:secretsmanager:eu-west-1:${account}:secret:` +
    'pg/deploy-test-Zx9Qw1',
  secretKmsKeyArn:
    `arn:aws:kms:eu-west-1:${account}:key/` +
    '0f1e2d3c-4b5a-4697-8879-a1b2c3d4e5f6',
  forwardUrl: 'https://target.deploy-test.example/notify',
  policy: '[{"name":"deploy-test","presences":["AVAILABLE"]}]',
  onLookupFailure: 'drop',
  stateCacheTtlMs: '2000',
  logLevel: 'WARN',
  alarmTopicArn: `arn:aws:sns:eu-west-1:${account}:deploy-test-alarms`,
  reservedConcurrency: '3',
  queueConcurrency: '4',
  pipeTargetArn: `arn:aws:lambda:eu-west-1:${account}:function:deliver`,
};

const functionNames = ['http', 'queue', 'pipeline', 'invoke'];

let full: Packaged;
let defaults: Packaged;

beforeAll(async () => {
  // One at a time: both runs build in the project's .esbuild folder.
  full = await packageService(params);
  defaults = await packageService();
}, 120_000);

const unpacked: string[] = [];

afterAll(() => {
  for (const packaged of [full, defaults]) {
    if (packaged) rmSync(packaged.dir, { recursive: true, force: true });
  }
  for (const dir of unpacked) rmSync(dir, { recursive: true, force: true });
});

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

interface PolicyDocument {
  PolicyDocument: { Statement: Statement[] };
}

function resourcesOfType(template: Template, type: string) {
  return Object.entries(template.Resources).filter(([, r]) => r.Type === type);
}

function resource(template: Template, id: string): Resource {
  const found = template.Resources[id];
  if (!found) throw new Error(`the template has no ${id}`);
  return found;
}

/** The functions by their name in serverless.yml. */
function functionsOf(template: Template): Map<string, Resource> {
  const functions = resourcesOfType(template, 'AWS::Lambda::Function');
  return new Map(
    functions.map(([, fn]) => {
      const name = String(fn.Properties.FunctionName);
      return [name.replace('presence-gate-test-', ''), fn];
    }),
  );
}

/**
 * Writes a function's bundle and map out of its zip, inside the project,
 * where the runtime's `@aws-sdk/*` resolve as in Lambda.
 */
async function unpackHandler(packaged: Packaged, name: string) {
  const handler = String(
    functionsOf(packaged.template).get(name)?.Properties.Handler,
  );
  const bundle = handler.replace(/\.handler$/, '.cjs');
  const files = readZip(join(packaged.dir, `${name}.zip`));
  const cache = join(projectRoot, 'node_modules', '.cache');
  await mkdir(cache, { recursive: true });
  const dir = await mkdtemp(join(cache, 'presence-gate-bundle-'));
  unpacked.push(dir);
  for (const file of [bundle, `${bundle}.map`]) {
    await writeFile(join(dir, basename(file)), files.get(file) ?? '');
  }
  return join(dir, basename(bundle));
}

/** Runs `code` in a fresh `node` with only `env`; resolves with stdout. */
async function runInNode(code: string, env: NodeJS.ProcessEnv = {}) {
  const { stdout } = await execFileAsync(process.execPath, ['-e', code], {
    cwd: projectRoot,
    env: {
      PATH: process.env.PATH,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      POWERTOOLS_METRICS_DISABLED: 'true',
      LOG_LEVEL: 'ERROR',
      ...env,
    },
  });
  return stdout;
}

function environmentOf(fn: Resource): Record<string, string> {
  const environment = fn.Properties.Environment as {
    Variables: Record<string, string>;
  };
  return environment.Variables;
}

/** Every IAM statement, with the logical id of the role or policy. */
function statementsOf(template: Template): [string, Statement][] {
  const found: [string, Statement][] = [];
  for (const [id, role] of resourcesOfType(template, 'AWS::IAM::Role')) {
    const policies = (role.Properties.Policies ?? []) as PolicyDocument[];
    for (const policy of policies) {
      for (const s of policy.PolicyDocument.Statement) found.push([id, s]);
    }
  }
  for (const [id, policy] of resourcesOfType(template, 'AWS::IAM::Policy')) {
    const document = policy.Properties as unknown as PolicyDocument;
    for (const s of document.PolicyDocument.Statement) found.push([id, s]);
  }
  return found;
}

function actionsOf(statement: Statement): string[] {
  return [statement.Action].flat();
}

function resourcesOf(statement: Statement): unknown[] {
  return [statement.Resource].flat();
}

function withAction(template: Template, prefix: string) {
  return statementsOf(template).filter(([, s]) =>
    actionsOf(s).some((action) => action.startsWith(prefix)),
  );
}

function alarmsOf(template: Template) {
  return resourcesOfType(template, 'AWS::CloudWatch::Alarm').map(
    ([id, alarm]) => [id, alarm.Properties] as const,
  );
}

function timeoutOf(template: Template, name: string): number {
  const fn = functionsOf(template).get(name);
  return Number(fn?.Properties.Timeout);
}

/** Variable names in the gate's environment schema (src/config). */
function variablesTheGateReads(): string[] {
  const source = readFileSync(
    join(projectRoot, 'src/config/config.ts'),
    'utf8',
  );
  return [...source.matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map(
    (match) => match[1] as string,
  );
}

describe('functions', () => {
  it('runs every function on nodejs22.x and arm64', () => {
    const functions = functionsOf(full.template);

    expect([...functions.keys()].sort()).toEqual([...functionNames].sort());
    for (const fn of functions.values()) {
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.MemorySize).toBeGreaterThanOrEqual(256);
    }
  });

  it('gives each function time for its slowest ordinary path', () => {
    // See provider.timeout in serverless.yml: a login, one read (two for a
    // batch) with both retries, a forward, and a second to answer.
    for (const [name, fn] of functionsOf(full.template)) {
      const env = environmentOf(fn);
      const call = Number(env.GENESYS_TIMEOUT_MS);
      const reads = name === 'http' ? 1 : 2;
      const needed =
        call + reads * 3 * call + Number(env.FORWARD_TIMEOUT_MS) + 1_000;

      expect(Number(fn.Properties.Timeout) * 1000).toBeGreaterThanOrEqual(
        needed,
      );
    }
  });

  it('answers HTTP callers before the HTTP API integration times out', () => {
    const integration = resource(full.template, 'HttpApiIntegrationHttp');

    expect(timeoutOf(full.template, 'http') * 1000).toBeLessThan(
      Number(integration.Properties.TimeoutInMillis),
    );
  });

  it('reserves the given concurrency, but not for the queue function', () => {
    const functions = functionsOf(full.template);

    for (const name of ['http', 'pipeline', 'invoke']) {
      const fn = functions.get(name);
      expect(fn?.Properties.ReservedConcurrentExecutions).toBe(3);
    }
    const queue = functions.get('queue');
    expect(queue?.Properties.ReservedConcurrentExecutions).toBeUndefined();
  });

  it('reserves no concurrency by default', () => {
    for (const fn of functionsOf(defaults.template).values()) {
      expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
    }
  });
});

describe('HTTP API', () => {
  it('protects POST /notifications with the IAM authorizer', () => {
    const routes = resourcesOfType(
      full.template,
      'AWS::ApiGatewayV2::Route',
    ).map(([, route]) => route.Properties);

    expect(routes).toHaveLength(1);
    expect(routes[0]).toMatchObject({
      RouteKey: 'POST /notifications',
      AuthorizationType: 'AWS_IAM',
    });
  });
});

describe('IAM', () => {
  it('lets the functions read the given secret and no other', () => {
    const statements = withAction(full.template, 'secretsmanager:');

    expect(statements).toHaveLength(1);
    const [owner, statement] = statements[0] as [string, Statement];
    expect(owner).toBe('IamRoleLambdaExecution');
    expect(actionsOf(statement)).toEqual(['secretsmanager:GetSecretValue']);
    expect(resourcesOf(statement)).toEqual([params.secretArn]);
  });

  it('grants kms:Decrypt on the given key, for the secret only', () => {
    const statements = withAction(full.template, 'kms:');

    expect(statements).toHaveLength(1);
    const [owner, statement] = statements[0] as [string, Statement];
    const policy = resource(full.template, owner);
    expect(policy.Properties.Roles).toEqual([
      { Ref: 'IamRoleLambdaExecution' },
    ]);
    expect(actionsOf(statement)).toEqual(['kms:Decrypt']);
    expect(resourcesOf(statement)).toEqual([params.secretKmsKeyArn]);
    expect(statement.Condition?.StringEquals).toEqual({
      'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com',
      'kms:EncryptionContext:SecretARN': params.secretArn,
    });
  });

  it('grants no KMS right without a key', () => {
    expect(withAction(defaults.template, 'kms:')).toEqual([]);
  });

  it('gives the functions queue rights on the notification queue only', () => {
    const statements = withAction(full.template, 'sqs:').filter(
      ([owner]) => owner === 'IamRoleLambdaExecution',
    );

    expect(statements).toHaveLength(1);
    const [, statement] = statements[0] as [string, Statement];
    expect(resourcesOf(statement)).toEqual([
      { 'Fn::GetAtt': ['NotificationQueue', 'Arn'] },
    ]);
  });

  it('gives the pipe its own queue and the two functions only', () => {
    const statements = statementsOf(full.template).filter(
      ([owner]) => owner === 'PipeRole',
    );

    const resources = statements.flatMap(([, s]) => resourcesOf(s));
    expect(resources).toEqual([
      { 'Fn::GetAtt': ['PipeQueue', 'Arn'] },
      { 'Fn::GetAtt': ['PipelineLambdaFunction', 'Arn'] },
      params.pipeTargetArn,
    ]);
  });

  it("scopes the log rights to the service's own log groups", () => {
    const statements = withAction(full.template, 'logs:');

    expect(statements.length).toBeGreaterThan(0);
    for (const [, statement] of statements) {
      for (const scope of resourcesOf(statement)) {
        expect(JSON.stringify(scope)).toContain(
          ':log-group:/aws/lambda/presence-gate-test',
        );
      }
    }
  });

  it('allows no action on every resource, and no wildcard action', () => {
    for (const packaged of [full, defaults]) {
      for (const [, statement] of statementsOf(packaged.template)) {
        expect(statement.Effect).toBe('Allow');
        expect(resourcesOf(statement)).not.toContain('*');
        for (const action of actionsOf(statement)) {
          expect(action).not.toMatch(/\*/);
        }
      }
    }
  });
});

describe('queues', () => {
  it("keeps a message hidden for six times its function's timeout", () => {
    const queues = [
      ['NotificationQueue', 'queue'],
      ['PipeQueue', 'pipeline'],
    ];

    for (const [queue, reader] of queues as [string, string][]) {
      const { VisibilityTimeout } = resource(full.template, queue).Properties;
      expect(Number(VisibilityTimeout)).toBeGreaterThanOrEqual(
        6 * timeoutOf(full.template, reader),
      );
    }
  });

  it('moves a message to the dead-letter queue after a few receives', () => {
    for (const queue of ['NotificationQueue', 'PipeQueue']) {
      const { RedrivePolicy } = resource(full.template, queue).Properties;

      expect(RedrivePolicy).toEqual({
        deadLetterTargetArn: {
          'Fn::GetAtt': ['NotificationDeadLetterQueue', 'Arn'],
        },
        maxReceiveCount: expect.any(Number),
      });
      const { maxReceiveCount } = RedrivePolicy as { maxReceiveCount: number };
      expect(maxReceiveCount).toBeGreaterThanOrEqual(3);
    }
  });

  it('keeps dead letters longer than the queue keeps messages', () => {
    const queue = resource(full.template, 'NotificationQueue').Properties;
    const dead = resource(full.template, 'NotificationDeadLetterQueue');

    expect(Number(dead.Properties.MessageRetentionPeriod)).toBeGreaterThan(
      Number(queue.MessageRetentionPeriod),
    );
  });

  it('reports batch item failures, with the given pollers at most', () => {
    const mappings = resourcesOfType(
      full.template,
      'AWS::Lambda::EventSourceMapping',
    ).map(([, mapping]) => mapping.Properties);

    expect(mappings).toHaveLength(1);
    expect(mappings[0]).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': ['NotificationQueue', 'Arn'] },
      FunctionName: { 'Fn::GetAtt': ['QueueLambdaFunction', 'Arn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 4 },
    });
  });

  it('creates no pipe and leaves the pollers unbounded by default', () => {
    const types = Object.values(defaults.template.Resources).map((r) => r.Type);
    const [[, mapping] = []] = resourcesOfType(
      defaults.template,
      'AWS::Lambda::EventSourceMapping',
    );

    expect(types).not.toContain('AWS::Pipes::Pipe');
    expect(mapping?.Properties.ScalingConfig).toBeUndefined();
  });
});

describe('environment', () => {
  it('gives every function a configuration the gate accepts', () => {
    for (const [name, fn] of functionsOf(full.template)) {
      const env = environmentOf(fn);
      const config = loadConfig(env);

      expect(config.secretId).toBe(params.secretArn);
      expect(config.onLookupFailure).toBe('drop');
      expect(config.stateCacheTtlMs).toBe(2000);
      expect(config.logLevel).toBe('WARN');
      expect(config.policy.map((rule) => rule.name)).toEqual(['deploy-test']);
      expect(config.forwardUrl).toBe(
        name === 'pipeline' ? null : params.forwardUrl,
      );
    }
  });

  it('accepts the default configuration', () => {
    for (const fn of functionsOf(defaults.template).values()) {
      expect(() => loadConfig(environmentOf(fn))).not.toThrow();
    }
  });

  it('sets only variables the gate reads, and NODE_OPTIONS', () => {
    const known = [...variablesTheGateReads(), 'NODE_OPTIONS'];

    for (const fn of functionsOf(full.template).values()) {
      for (const variable of Object.keys(environmentOf(fn))) {
        expect(known).toContain(variable);
      }
    }
  });

  it('holds no secret value, only the secret ARN', () => {
    for (const packaged of [full, defaults]) {
      expect(packaged.text).not.toMatch(/clientSecret|signingKey|clientId/);
      for (const fn of functionsOf(packaged.template).values()) {
        const env = environmentOf(fn);
        for (const [variable, value] of Object.entries(env)) {
          if (!/SECRET|KEY|TOKEN|PASSWORD/.test(variable)) continue;
          expect(value).toMatch(/^arn:aws:secretsmanager:/);
        }
      }
    }
  });

  it('gives the example prod stage a configuration it accepts', async () => {
    const service = (await printService('prod')) as {
      provider: { environment: Record<string, string> };
    };

    const config = loadConfig(service.provider.environment);
    expect(config.policy.map((rule) => rule.name)).toEqual(['on-queue']);
  }, 60_000);
});

describe('deployment packages', () => {
  it("holds only each function's bundle and source map", () => {
    for (const [name, fn] of functionsOf(full.template)) {
      const bundle = String(fn.Properties.Handler).replace(/\.handler$/, '');
      const files = readZip(join(full.dir, `${name}.zip`));

      expect([...files.keys()].sort()).toEqual([
        `${bundle}.cjs`,
        `${bundle}.cjs.map`,
      ]);
    }
  });

  it('maps each bundle without its sources, for a light cold start', () => {
    for (const name of functionNames) {
      const files = readZip(join(full.dir, `${name}.zip`));
      const [map] = [...files].filter(([file]) => file.endsWith('.map'));
      const parsed = JSON.parse(String(map?.[1])) as Record<string, unknown>;

      expect(parsed.mappings).toEqual(expect.any(String));
      expect(parsed).not.toHaveProperty('sourcesContent');
    }
  });

  it("loads the HTTP bundle without Node's fetch implementation", async () => {
    const bundle = await unpackHandler(full, 'http');

    const loaded = await runInNode(
      `require(${JSON.stringify(bundle)});
       console.log(JSON.stringify(process.moduleLoadList));`,
    );

    const modules = JSON.parse(loaded) as string[];
    expect(modules).toContain('NativeModule https');
    expect(modules.filter((m) => m.includes('undici'))).toEqual([]);
  }, 30_000);

  it('forwards with the HTTP bundle, in a fresh process', async () => {
    const bundle = await unpackHandler(full, 'http');
    const stack = await startLocalStack();
    try {
      const event = readFileSync(
        join(projectRoot, 'events/http/v2-forward-on-queue-idle.json'),
        'utf8',
      );

      const answered = await runInNode(
        `require(${JSON.stringify(bundle)})
           .handler(${event}, { getRemainingTimeInMillis: () => 10000 })
           .then((answer) => console.log(JSON.stringify(answer)));`,
        {
          GENESYS_SECRET_ID: demoSecretId,
          FORWARD_URL: stack.forwardUrl,
          AWS_REGION: localRegion,
          AWS_ACCESS_KEY_ID: 'local',
          AWS_SECRET_ACCESS_KEY: 'local',
          AWS_ENDPOINT_URL_SECRETS_MANAGER: stack.secretsManager.url,
        },
      );

      const answer = JSON.parse(answered.trim().split('\n').at(-1) ?? '');
      expect(answer.statusCode).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({
        outcome: 'forward',
        reason: 'agent_available',
      });
      const forwarded = await stack.targetControl.requests();
      expect(forwarded).toHaveLength(1);
      expect(JSON.parse(forwarded[0]?.body ?? '')).toMatchObject({
        channel: 'dfo',
      });
    } finally {
      await stack.close();
    }
  }, 30_000);

  it('bundles no local stand-in and no test code', () => {
    for (const name of functionNames) {
      const files = readZip(join(full.dir, `${name}.zip`));
      const [map] = [...files].filter(([file]) => file.endsWith('.map'));
      const { sources } = JSON.parse(String(map?.[1])) as {
        sources: string[];
      };

      expect(sources.some((s) => s.includes('src/handlers/'))).toBe(true);
      for (const source of sources) {
        expect(source).not.toMatch(/(^|\/)(dev|test)\//);
      }
    }
  });
});

describe('alarms', () => {
  // The alarms must read what the gate writes.
  const namespace = metricsNamespace;
  const service = [{ Name: 'service', Value: 'presence-gate' }];

  function alarm(template: Template, id: string) {
    const found = alarmsOf(template).find(([alarmId]) => alarmId === id);
    if (!found) throw new Error(`no alarm ${id}`);
    return found[1];
  }

  it('raises an alarm when the dead-letter queue holds a message', () => {
    expect(alarm(full.template, 'DeadLetterQueueAlarm')).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [
        {
          Name: 'QueueName',
          Value: {
            'Fn::GetAtt': ['NotificationDeadLetterQueue', 'QueueName'],
          },
        },
      ],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  it('raises an alarm on the errors of each function', () => {
    const watched = alarmsOf(full.template)
      .filter(([, a]) => a.MetricName === 'Errors')
      .map(([, a]) => {
        expect(a).toMatchObject({
          Namespace: 'AWS/Lambda',
          Threshold: 0,
          ComparisonOperator: 'GreaterThanThreshold',
        });
        return (a.Dimensions as { Value: { Ref: string } }[])[0]?.Value.Ref;
      });

    expect(watched.sort()).toEqual([
      'HttpLambdaFunction',
      'InvokeLambdaFunction',
      'PipelineLambdaFunction',
      'QueueLambdaFunction',
    ]);
  });

  it('raises alarms on throttling and misconfiguration metrics', () => {
    for (const [id, metric] of [
      ['GenesysThrottledAlarm', MetricName.genesysThrottled],
      ['GateMisconfiguredAlarm', MetricName.misconfigured],
    ]) {
      expect(alarm(full.template, id as string)).toMatchObject({
        Namespace: namespace,
        MetricName: metric,
        Dimensions: service,
        Statistic: 'Sum',
        ComparisonOperator: 'GreaterThanThreshold',
      });
    }
  });

  it('raises an alarm on the share of notifications handed back', () => {
    const { Metrics } = alarm(full.template, 'RetryRateAlarm') as {
      Metrics: {
        Id: string;
        ReturnData: boolean;
        Expression?: string;
        MetricStat?: { Metric: Record<string, unknown> };
      }[];
    };

    const read = Metrics.filter((m) => m.MetricStat).map(
      (m) => m.MetricStat?.Metric,
    );
    expect(read).toEqual(
      [MetricName.handedBack, MetricName.forwarded, MetricName.dropped].map(
        (name) => ({
          Namespace: namespace,
          MetricName: name,
          Dimensions: service,
        }),
      ),
    );
    const answered = Metrics.filter((m) => m.ReturnData);
    expect(answered).toHaveLength(1);
    expect(answered[0]?.Expression).toMatch(/handedBack/);
  });

  it('sends every alarm and its recovery to the given topic', () => {
    const alarms = alarmsOf(full.template);

    expect(alarms.length).toBe(8);
    for (const [, a] of alarms) {
      expect(a.AlarmActions).toEqual([params.alarmTopicArn]);
      expect(a.OKActions).toEqual([params.alarmTopicArn]);
      expect(a.TreatMissingData).toBe('notBreaching');
    }
  });

  it('keeps the alarms without actions when no topic is given', () => {
    const alarms = alarmsOf(defaults.template);

    expect(alarms.length).toBe(8);
    for (const [, a] of alarms) {
      expect(a.AlarmActions).toBeUndefined();
      expect(a.OKActions).toBeUndefined();
    }
  });
});
