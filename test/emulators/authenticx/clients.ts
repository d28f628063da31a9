import { randomBytes } from 'node:crypto';

interface IssuedToken {
  readonly clientId: string;
  readonly issuedAt: number;
}

/** Why a bearer token is not accepted, or the client it belongs to. */
export type TokenCheck =
  | { readonly ok: true; readonly clientId: string }
  | { readonly ok: false; readonly reason: string };

/** The emulator's OAuth clients (id → secret) and the tokens it issued. */
export class Clients {
  readonly #secrets = new Map<string, string>();
  readonly #tokens = new Map<string, IssuedToken>();
  #issued = 0;

  constructor(clients: Readonly<Record<string, string>>) {
    for (const [id, secret] of Object.entries(clients)) this.#secrets.set(id, secret);
  }

  /** Tokens issued so far. */
  get issued(): number {
    return this.#issued;
  }

  /** Adds a client, or changes its secret. */
  set(clientId: string, secret: string): void {
    this.#secrets.set(clientId, secret);
  }

  /** Removes a client; its tokens stop working. */
  remove(clientId: string): void {
    this.#secrets.delete(clientId);
  }

  /** A new token when the secret is right, else null. */
  issue(clientId: string, secret: string, now: number): string | null {
    if (this.#secrets.get(clientId) !== secret) return null;
    const token = randomBytes(32).toString('base64url');
    this.#tokens.set(token, { clientId, issuedAt: now });
    this.#issued += 1;
    return token;
  }

  /** Whether a token is still good after `lifetimeSeconds`. */
  check(token: string, now: number, lifetimeSeconds: number): TokenCheck {
    const issued = this.#tokens.get(token);
    if (issued === undefined || !this.#secrets.has(issued.clientId)) {
      return { ok: false, reason: 'The token is not valid' };
    }
    if (now >= issued.issuedAt + lifetimeSeconds * 1000) {
      return { ok: false, reason: 'The token expired' };
    }
    return { ok: true, clientId: issued.clientId };
  }

  /** Makes every token issued so far stop working. */
  expireAll(): void {
    this.#tokens.clear();
  }
}
