import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { describeIssues, orgFileSchema } from './schemas';

/** The users and OAuth clients a simulated org starts with. */
export type OrgFile = z.infer<typeof orgFileSchema>;

export type OrgUser = OrgFile['users'][number];

export type OrgClient = OrgFile['clients'][number];

export class OrgFileError extends Error {
  override name = 'OrgFileError';
}

export const demoOrgPath = new URL('./demo-org.json', import.meta.url);

/** Checks a parsed org file; `source` names it in the error. */
export function parseOrgFile(value: unknown, source: string): OrgFile {
  const result = orgFileSchema.safeParse(value);
  if (!result.success) {
    const problems = describeIssues(result.error);
    throw new OrgFileError(`${source} is not a valid org file: ${problems}`);
  }

  const duplicate =
    findDuplicate(result.data.users.map((user) => user.id.toLowerCase())) ??
    findDuplicate(result.data.clients.map((client) => client.clientId));
  if (duplicate !== undefined) {
    throw new OrgFileError(`${source} lists ${duplicate} more than once`);
  }
  return result.data;
}

/** Reads and checks an org file from disk. */
export function readOrgFile(path: string | URL): OrgFile {
  const name = typeof path === 'string' ? path : fileURLToPath(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new OrgFileError(`cannot read org file ${name}`, { cause: error });
  }

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new OrgFileError(`org file ${name} is not JSON`, { cause: error });
  }
  return parseOrgFile(value, `org file ${name}`);
}

export function readDemoOrg(): OrgFile {
  return readOrgFile(demoOrgPath);
}

function findDuplicate(values: string[]): string | undefined {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) return value;
    seen.add(value);
  }
  return undefined;
}
