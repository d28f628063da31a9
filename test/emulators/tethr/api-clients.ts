import { randomBytes } from 'node:crypto';

interface IssuedToken {
  readonly clientId: string;
  readonly issuedAt: number;
}

/** The API users (client id → secret) the emulator knows, and the tokens it issued. */
export class ApiClients {
  readonly #secrets = new Map<string, string>();
  readonly #tokens = new Map<string, IssuedToken>();
  #issued = 0;

  constructor(secrets: Readonly<Record<string, string>>) {
    for (const [id, secret] of Object.entries(secrets)) this.#secrets.set(id, secret);
  }

  /** Tokens issued so far. */
  get issued(): number {
    return this.#issued;
  }

  /** Adds an API user or gives it a new secret (the old one stops working, as when a secret expires). */
  setSecret(clientId: string, secret: string): void {
    this.#secrets.set(clientId, secret);
  }

  /** A new token when the id and secret match, else null. */
  issue(clientId: string, secret: string, now: number): string | null {
    if (this.#secrets.get(clientId) !== secret) return null;
    const token = randomBytes(24).toString('base64url');
    this.#tokens.set(token, { clientId, issuedAt: now });
    this.#issued += 1;
    return token;
  }

  /** Whether a token is still good, given how long tokens live (seconds). */
  accepts(token: string, now: number, lifetimeSeconds: number): boolean {
    const issued = this.#tokens.get(token);
    if (issued === undefined || !this.#secrets.has(issued.clientId)) return false;
    return now < issued.issuedAt + lifetimeSeconds * 1000;
  }

  /** Makes every token issued so far stop working. */
  expireAll(): void {
    this.#tokens.clear();
  }
}
