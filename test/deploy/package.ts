import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const projectRoot = join(import.meta.dirname, '../..');

/** A CloudFormation resource as `sls package` writes it. */
export interface Resource {
  Type: string;
  Condition?: string;
  Properties: Record<string, unknown>;
}

export interface Template {
  Conditions?: Record<string, unknown>;
  Resources: Record<string, Resource>;
}

export interface Packaged {
  /** Where the zips and templates are. */
  dir: string;
  /** The update-stack template as written. */
  text: string;
  /** The same with every condition decided, as CloudFormation would. */
  template: Template;
}

/** Dummy AWS settings: packaging makes no AWS call. */
const packagingEnv = {
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_REGION: 'eu-west-1',
  SLS_TELEMETRY_DISABLED: '1',
  SLS_NOTIFICATIONS_MODE: 'off',
};

/** Runs `sls package` for stage `test` into a new temporary folder. */
export async function packageService(
  params: Record<string, string> = {},
): Promise<Packaged> {
  const dir = await mkdtemp(join(tmpdir(), 'presence-gate-package-'));
  const args = ['sls', 'package', '--stage', 'test', '--package', dir];
  for (const [name, value] of Object.entries(params)) {
    args.push(`--param=${name}=${value}`);
  }

  const env: NodeJS.ProcessEnv = { ...process.env, ...packagingEnv };
  delete env.AWS_PROFILE;
  await run('npx', args, { cwd: projectRoot, env, maxBuffer: 1 << 24 });

  const path = join(dir, 'cloudformation-template-update-stack.json');
  const text = await readFile(path, 'utf8');
  return { dir, text, template: decideConditions(JSON.parse(text)) };
}

/** The service as `sls print` resolves it for a stage, without packaging. */
export async function printService(
  stage: string,
): Promise<Record<string, unknown>> {
  const env = { ...process.env, ...packagingEnv };
  const { stdout } = await run(
    'npx',
    ['sls', 'print', '--stage', stage, '--format', 'json'],
    { cwd: projectRoot, env, maxBuffer: 1 << 24 },
  );
  return JSON.parse(stdout);
}

const noValue = Symbol('AWS::NoValue');

/**
 * The template CloudFormation would create: resources whose condition is
 * false left out, each `Fn::If` replaced by its branch, `AWS::NoValue`
 * removed. Conditions may only compare literals, as serverless.yml's do.
 */
export function decideConditions(template: Template): Template {
  const conditions = template.Conditions ?? {};
  const decide = (name: string): boolean => {
    if (!(name in conditions)) throw new Error(`no condition ${name}`);
    return evaluate(conditions[name]);
  };

  const evaluate = (node: unknown): boolean => {
    const [fn, args] = Object.entries(node as object)[0] ?? [];
    const list = args as unknown[];
    if (fn === 'Fn::Equals') return literal(list[0]) === literal(list[1]);
    if (fn === 'Fn::Not') return !evaluate(list[0]);
    if (fn === 'Fn::And') return list.every(evaluate);
    if (fn === 'Fn::Or') return list.some(evaluate);
    if (fn === 'Condition') return decide(args as string);
    throw new Error(`cannot evaluate ${JSON.stringify(node)}`);
  };

  const prune = (node: unknown): unknown => {
    if (Array.isArray(node)) {
      return node.map(prune).filter((item) => item !== noValue);
    }
    if (node === null || typeof node !== 'object') return node;
    const record = node as Record<string, unknown>;
    if (record.Ref === 'AWS::NoValue') return noValue;
    const branches = record['Fn::If'] as [string, unknown, unknown];
    if (branches) return prune(decide(branches[0]) ? branches[1] : branches[2]);

    const kept = Object.entries(record)
      .map(([key, value]) => [key, prune(value)] as const)
      .filter(([, value]) => value !== noValue);
    return Object.fromEntries(kept);
  };

  const resources = Object.entries(template.Resources).filter(
    ([, resource]) => !resource.Condition || decide(resource.Condition),
  );
  return {
    ...template,
    Resources: prune(Object.fromEntries(resources)) as Template['Resources'],
  };
}

function literal(value: unknown): string {
  if (typeof value === 'string') return value;
  throw new Error(`not a literal: ${JSON.stringify(value)}`);
}
