import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  demoClient,
  demoUserIds,
  OrgFileError,
  parseOrgFile,
  readDemoOrg,
  readOrgFile,
} from '../../../dev/genesys-sim';

function writeTemporary(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'genesys-sim-')), 'org.json');
  writeFileSync(path, text);
  return path;
}

const validUser = {
  id: 'a0000000-0000-4000-8000-000000000001',
  name: 'Valid User',
  email: 'valid.user@example.com',
  systemPresence: 'Available',
  routingStatus: 'OFF_QUEUE',
};

describe('demo org', () => {
  it('holds exactly the 19 demo users', () => {
    const org = readDemoOrg();

    const userIds = org.users.map((user) => user.id);

    const expected = Object.values(demoUserIds).filter(
      (id) => id !== demoUserIds.unknown,
    );
    expect(userIds).toEqual(expected);
  });

  it('has no user with the unknown agent id', () => {
    const org = readDemoOrg();

    const ids = org.users.map((user) => user.id);

    expect(ids).not.toContain(demoUserIds.unknown);
  });

  it('holds the demo client with a 24 hour token lifetime', () => {
    const org = readDemoOrg();

    expect(org.clients).toEqual([
      { ...demoClient, tokenLifetimeSeconds: 86_400 },
    ]);
  });

  it('marks the inactive, deleted and expand-less users', () => {
    const users = new Map(readDemoOrg().users.map((user) => [user.id, user]));

    expect(users.get(demoUserIds.inactive)?.state).toBe('inactive');
    expect(users.get(demoUserIds.deleted)?.state).toBe('deleted');
    expect(users.get(demoUserIds.expandUnsupported)?.expandSupported).toBe(
      false,
    );
  });

  it('uses made-up emails at example.com only', () => {
    const emails = readDemoOrg().users.map((user) => user.email);

    expect(emails.every((email) => email.endsWith('@example.com'))).toBe(true);
  });
});

describe('org file checks', () => {
  it('names the field that is wrong', () => {
    const org = {
      clients: [],
      users: [validUser, { ...validUser, routingStatus: 'BUSY' }],
    };

    const parse = () => parseOrgFile(org, 'test org');

    expect(parse).toThrow(OrgFileError);
    expect(parse).toThrow(/test org .*users\[1\]\.routingStatus/);
  });

  it('rejects a user id that is not a UUID', () => {
    const org = { clients: [], users: [{ ...validUser, id: 'agent-1' }] };

    expect(() => parseOrgFile(org, 'test org')).toThrow(/users\[0\]\.id/);
  });

  it('rejects a field it does not know', () => {
    const org = { clients: [], users: [{ ...validUser, presence: 'Away' }] };

    expect(() => parseOrgFile(org, 'test org')).toThrow(/presence/);
  });

  it('rejects a user id listed twice', () => {
    const org = { clients: [], users: [validUser, validUser] };

    expect(() => parseOrgFile(org, 'test org')).toThrow(
      /lists a0000000-0000-4000-8000-000000000001 more than once/,
    );
  });

  it('reads a valid file from disk', () => {
    const path = writeTemporary(
      JSON.stringify({ clients: [], users: [validUser] }),
    );

    const org = readOrgFile(path);

    expect(org.users[0]?.name).toBe('Valid User');
  });

  it('names the file when it is not JSON', () => {
    const path = writeTemporary('{ users: [');

    expect(() => readOrgFile(path)).toThrow(
      new OrgFileError(`org file ${path} is not JSON`),
    );
  });

  it('names the file when it cannot be read', () => {
    const path = join(tmpdir(), 'no-such-dir', 'org.json');

    expect(() => readOrgFile(path)).toThrow(/cannot read org file/);
  });
});
