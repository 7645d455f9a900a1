import { randomUUID } from 'node:crypto';
import type { OrgClient, OrgFile } from './org-file';
import type {
  SimClientInput,
  SimUserInput,
  SimUserPatch,
  SimUserView,
} from './types';

/** A user as stored: the control view, with times as numbers. */
export interface SimUser
  extends Omit<SimUserView, 'presenceModifiedDate' | 'routingStatusStartTime'> {
  presenceModifiedAt: number;
  routingStatusSince: number;
  version: number;
}

export interface SimClient {
  clientId: string;
  clientSecret: string;
  tokenLifetimeSeconds: number;
  rateLimitPerMinute?: number;
}

export const defaultTokenLifetimeSeconds = 86_400;

export const defaultRateLimitPerMinute = 300;

/** The mutable users and clients of one simulated org. */
export class SimOrg {
  readonly users = new Map<string, SimUser>();
  readonly clients = new Map<string, SimClient>();
  rateLimitPerMinute: number;

  constructor(
    file: OrgFile,
    private readonly now: () => number,
  ) {
    this.rateLimitPerMinute =
      file.rateLimitPerMinute ?? defaultRateLimitPerMinute;
    for (const client of file.clients) this.putClient(client);
    for (const user of file.users) this.addUser(user);
  }

  findUser(id: string): SimUser | undefined {
    return this.users.get(id.toLowerCase());
  }

  /** Adds a user; undefined when the id is taken. */
  addUser(input: SimUserInput): SimUser | undefined {
    const id = (input.id ?? randomUUID()).toLowerCase();
    if (this.users.has(id)) return undefined;

    const since = this.now();
    const user: SimUser = {
      id,
      name: input.name,
      email: input.email ?? emailFor(input.name),
      state: input.state ?? 'active',
      systemPresence: input.systemPresence,
      routingStatus: input.routingStatus,
      expandSupported: input.expandSupported ?? true,
      presenceModifiedAt: since,
      routingStatusSince: since,
      version: 1,
    };
    this.users.set(id, user);
    return user;
  }

  /** Changes a user; a new presence or status restarts its clock. */
  updateUser(id: string, patch: SimUserPatch): SimUser | undefined {
    const user = this.findUser(id);
    if (!user) return undefined;

    const changed = Object.fromEntries(
      Object.entries(patch).filter(([, value]) => value !== undefined),
    );
    if (changed.systemPresence !== undefined) {
      user.presenceModifiedAt = this.now();
    }
    if (changed.routingStatus !== undefined) {
      user.routingStatusSince = this.now();
    }
    Object.assign(user, changed);
    user.version += 1;
    return user;
  }

  /** Adds or replaces a client; true when it is new. */
  putClient(input: SimClientInput | OrgClient): boolean {
    const isNew = !this.clients.has(input.clientId);
    this.clients.set(input.clientId, {
      tokenLifetimeSeconds: defaultTokenLifetimeSeconds,
      ...input,
    });
    return isNew;
  }

  rateLimitOf(clientId: string): number {
    const client = this.clients.get(clientId);
    return client?.rateLimitPerMinute ?? this.rateLimitPerMinute;
  }
}

function emailFor(name: string): string {
  const local = name.toLowerCase().replace(/[^a-z0-9]+/g, '.');
  return `${local.replace(/^\.|\.$/g, '') || 'user'}@example.com`;
}
