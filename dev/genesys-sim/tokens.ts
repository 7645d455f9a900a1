import { randomBytes } from 'node:crypto';

interface IssuedToken {
  clientId: string;
  expiresAt: number;
}

/** Opaque bearer tokens and the client each was issued to. */
export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(private readonly now: () => number) {}

  issue(clientId: string, lifetimeSeconds: number): string {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = this.now() + lifetimeSeconds * 1000;
    this.tokens.set(token, { clientId, expiresAt });
    return token;
  }

  /** The client a live token belongs to; undefined when unknown or old. */
  clientOf(token: string): string | undefined {
    const issued = this.tokens.get(token);
    if (!issued) return undefined;
    if (this.now() >= issued.expiresAt) {
      this.tokens.delete(token);
      return undefined;
    }
    return issued.clientId;
  }

  /** Expires every token issued so far; returns how many were live. */
  expireAll(): number {
    const live = [...this.tokens.values()].filter(
      (issued) => this.now() < issued.expiresAt,
    ).length;
    this.tokens.clear();
    return live;
  }
}
