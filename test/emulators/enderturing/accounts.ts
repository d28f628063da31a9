import { randomBytes } from 'node:crypto';

interface IssuedToken {
  readonly username: string;
  readonly issuedAt: number;
}

/** Why a bearer token is not accepted, or the user it belongs to. */
export type TokenCheck =
  | { readonly ok: true; readonly username: string }
  | { readonly ok: false; readonly detail: string };

/** The emulator's users and the tokens it issued. */
export class Accounts {
  readonly #users = new Map<string, string>();
  readonly #tokens = new Map<string, IssuedToken>();
  #logins = 0;

  constructor(users: Readonly<Record<string, string>>) {
    for (const [name, password] of Object.entries(users)) this.#users.set(name, password);
  }

  /** Logins that succeeded so far. */
  get logins(): number {
    return this.#logins;
  }

  /** Tokens issued and not yet expired by `expireAll`. */
  get tokenCount(): number {
    return this.#tokens.size;
  }

  /** Adds a user, or changes the password of one. */
  setUser(username: string, password: string): void {
    this.#users.set(username, password);
  }

  /** Removes a user; the user's tokens stop working. */
  removeUser(username: string): void {
    this.#users.delete(username);
  }

  /** A new token when the password is right, else null. */
  login(username: string, password: string, now: number): string | null {
    if (this.#users.get(username) !== password) return null;
    const token = randomBytes(24).toString('base64url');
    this.#tokens.set(token, { username, issuedAt: now });
    this.#logins += 1;
    return token;
  }

  /** Whether a token is still good, given the token lifetime in force (seconds, or undefined for ever). */
  check(token: string, now: number, lifetimeSeconds: number | undefined): TokenCheck {
    const issued = this.#tokens.get(token);
    if (issued === undefined || !this.#users.has(issued.username)) {
      return { ok: false, detail: 'Could not validate credentials' };
    }
    if (lifetimeSeconds !== undefined && now >= issued.issuedAt + lifetimeSeconds * 1000) {
      return { ok: false, detail: 'Token has expired' };
    }
    return { ok: true, username: issued.username };
  }

  /** Makes every token issued so far stop working. */
  expireAll(): void {
    this.#tokens.clear();
  }
}
