import { spawn } from 'node:child_process';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { demoSecretId, localRegion } from '../dev/local-stack';
import type { ContainerPlan, ContainerReport } from './container';

export const repoRoot = join(import.meta.dirname, '..');

/** The plugins serverless.yml gives serverless-esbuild. */
const deploymentPlugins = createRequire(import.meta.url)(
  join(repoRoot, 'bundling', 'esbuild-plugins.cjs'),
) as Plugin[];

/**
 * Where bundles are written: inside the repository, so that a bundle's
 * external modules resolve from its node_modules as in a deployed zip
 * beside the runtime's SDK. Ignored by git and Biome.
 */
export const buildDir = join(
  repoRoot,
  'node_modules',
  '.cache',
  'presence-gate-bench',
);

export type HandlerName = 'http' | 'sqs';

export interface BundleVariant {
  name: string;
  /** `@aws-sdk/*` left out, for the Lambda runtime's copy. */
  sdkExternal: boolean;
  /** A source map, loaded with --enable-source-maps. */
  sourceMaps: boolean;
}

/** The serverless.yml build: SDK external, source maps on. */
export const deployedVariant: BundleVariant = {
  name: 'sdk-external+maps',
  sdkExternal: true,
  sourceMaps: true,
};

export const bundleVariants: readonly BundleVariant[] = [
  { name: 'sdk-external', sdkExternal: true, sourceMaps: false },
  { name: 'sdk-bundled', sdkExternal: false, sourceMaps: false },
  deployedVariant,
];

export interface BuiltBundle {
  handler: HandlerName;
  variant: BundleVariant;
  file: string;
  /** The minified JavaScript. */
  bytes: number;
  mapBytes: number | null;
  /** Bytes of the output by package (or `src`), largest first. */
  composition: { from: string; bytes: number }[];
}

/** Builds a handler as serverless-esbuild does with serverless.yml. */
export async function buildHandler(
  handler: HandlerName,
  variant: BundleVariant,
): Promise<BuiltBundle> {
  const file = join(buildDir, `${handler}.${variant.name}.cjs`);
  const { metafile } = await build({
    entryPoints: [join(repoRoot, 'src', 'handlers', `${handler}.ts`)],
    outfile: file,
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: variant.sdkExternal ? ['@aws-sdk/*'] : [],
    plugins: deploymentPlugins,
    sourcemap: variant.sourceMaps,
    sourcesContent: false,
    metafile: true,
    logLevel: 'error',
  });
  const output = Object.entries(metafile.outputs).find(([path]) =>
    path.endsWith('.cjs'),
  )?.[1];
  return {
    handler,
    variant,
    file,
    bytes: (await stat(file)).size,
    mapBytes: variant.sourceMaps ? (await stat(`${file}.map`)).size : null,
    composition: composition(output?.inputs ?? {}),
  };
}

/** Output bytes per package: what makes a bundle big. */
function composition(
  inputs: Record<string, { bytesInOutput: number }>,
): { from: string; bytes: number }[] {
  const byPackage = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
    const from = packageOf(path);
    byPackage.set(from, (byPackage.get(from) ?? 0) + bytesInOutput);
  }
  return [...byPackage]
    .map(([from, bytes]) => ({ from, bytes }))
    .sort((a, b) => b.bytes - a.bytes);
}

function packageOf(path: string): string {
  const parts = path.split('node_modules/');
  const inside = parts[parts.length - 1] ?? path;
  if (parts.length === 1) return inside.split('/')[0] ?? path;
  const [first = '', second = ''] = inside.split('/');
  return first.startsWith('@') ? `${first}/${second}` : first;
}

/** The container driver, as a script `node` runs without tsx. */
export async function buildContainerDriver(): Promise<string> {
  const file = join(buildDir, 'container.cjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'container.ts')],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'error',
  });
  return file;
}

export interface Container {
  driver: string;
  bundle: BuiltBundle;
}

/** Loads the bundle in a fresh process and reports how long it took. */
export function loadInFreshProcess(
  container: Container,
): Promise<ContainerReport> {
  return runContainer(container, [], quietEnv());
}

export interface LocalServices {
  secretsManagerUrl: string;
}

/** Loads the bundle in a fresh process and carries `plan` through it. */
export async function carryInFreshProcess(
  container: Container,
  plan: ContainerPlan,
  services: LocalServices,
): Promise<ContainerReport> {
  const planFile = join(buildDir, `plan.${container.bundle.handler}.json`);
  await writeFile(planFile, JSON.stringify(plan));
  return runContainer(container, [planFile], {
    ...quietEnv(),
    GENESYS_SECRET_ID: demoSecretId,
    AWS_REGION: localRegion,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_SECRETS_MANAGER: services.secretsManagerUrl,
  });
}

export async function prepareBuildDir(): Promise<void> {
  await mkdir(buildDir, { recursive: true });
}

/** Only what a Lambda process would have that matters here. */
function quietEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

function runContainer(
  { driver, bundle }: Container,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<ContainerReport> {
  const flags = bundle.variant.sourceMaps ? ['--enable-source-maps'] : [];
  const child = spawn(
    process.execPath,
    [...flags, driver, bundle.file, ...args],
    { cwd: repoRoot, env, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] },
  );

  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  return new Promise((resolve, reject) => {
    let report: ContainerReport | undefined;
    child.on('message', (message) => {
      report = message as ContainerReport;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0 && report) resolve(report);
      else reject(new Error(`container exited with ${code}: ${stderr}`));
    });
  });
}
