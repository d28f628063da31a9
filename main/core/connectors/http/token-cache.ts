/** A token as the platform issued it. */
export interface IssuedToken {
  readonly token: string;
  /** Lifetime the platform announced (expires_in), in milliseconds; absent when it does not say. */
  readonly expiresInMs?: number;
}

/** The token as issued, with the lifetime the platform gave in seconds (OAuth's `expires_in`), if any. */
export function issuedToken(token: string, expiresInSeconds: number | undefined): IssuedToken {
  return expiresInSeconds === undefined
    ? { token }
    : { token, expiresInMs: expiresInSeconds * 1000 };
}

/** A token handed to a request, and whether it came from a login made for this very call. */
export interface CachedToken {
  readonly token: string;
  /** True when the token was just issued: a refusal then means the credentials are wrong, not stale. */
  readonly fresh: boolean;
}

/** Logs in and answers the new token. */
export type LoginFunction = () => Promise<IssuedToken>;

/** How the cache tells time and how early it renews. */
export interface TokenCacheOptions {
  readonly now?: () => number;
  /** Renew this long before the announced expiry. */
  readonly renewEarlyMs?: number;
}

interface Entry {
  readonly token: string;
  readonly expiresAt: number;
}

/**
 * Holds one bearer token and its expiry. Concurrent callers share a single login; a
 * refused token is dropped with `invalidate` and the next `get` logs in again.
 */
export class TokenCache {
  readonly #login: LoginFunction;
  readonly #now: () => number;
  readonly #renewEarlyMs: number;
  #entry: Entry | undefined;
  #pending: Promise<Entry> | undefined;

  constructor(login: LoginFunction, options: TokenCacheOptions = {}) {
    this.#login = login;
    this.#now = options.now ?? Date.now;
    this.#renewEarlyMs = options.renewEarlyMs ?? 30_000;
  }

  /** A valid token, logging in when there is none or it has expired. */
  async get(signal?: AbortSignal): Promise<CachedToken> {
    signal?.throwIfAborted();
    const entry = this.#entry;
    if (entry !== undefined && this.#now() < entry.expiresAt) {
      return { token: entry.token, fresh: false };
    }
    if (this.#pending === undefined) {
      const pending = this.#renew();
      this.#pending = pending;
      const settle = (): void => {
        if (this.#pending === pending) this.#pending = undefined;
      };
      pending.then(settle, settle);
    }
    const renewed = await untilAborted(this.#pending, signal);
    return { token: renewed.token, fresh: true };
  }

  /** Forgets the token (the platform refused it); a newer token than `token` is kept. */
  invalidate(token?: string): void {
    if (token === undefined || this.#entry?.token === token) this.#entry = undefined;
  }

  async #renew(): Promise<Entry> {
    const issued = await this.#login();
    const lifetime = issued.expiresInMs;
    const expiresAt =
      lifetime === undefined
        ? Number.POSITIVE_INFINITY
        : this.#now() + Math.max(lifetime - this.#renewEarlyMs, lifetime / 2);
    const entry = { token: issued.token, expiresAt };
    this.#entry = entry;
    return entry;
  }
}

/** The promise's outcome, or the signal's reason if it is aborted first (the shared login goes on). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
