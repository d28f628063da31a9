import { assertSecretKey, secretLabel } from './secret-key.ts';
import type { SecretStore } from './secret-store.ts';

/** Secrets in memory, for unit tests of modules that are given a SecretStore. */
export class MemorySecretStore implements SecretStore {
  readonly description = 'memory';
  readonly #values = new Map<string, string>();

  /** `initial` is keyed `profile/field`: `{ 'et/password': 'secret' }`. */
  constructor(initial: Readonly<Record<string, string>> = {}) {
    for (const [key, value] of Object.entries(initial)) this.#values.set(key, value);
  }

  /** The stored secret, or null. */
  async get(profile: string, field: string): Promise<string | null> {
    assertSecretKey(profile, field);
    return this.#values.get(secretLabel(profile, field)) ?? null;
  }

  /** Stores the secret, replacing any earlier one. */
  async set(profile: string, field: string, value: string): Promise<void> {
    assertSecretKey(profile, field);
    if (value === '')
      throw new Error(`an empty secret cannot be stored for ${secretLabel(profile, field)}`);
    this.#values.set(secretLabel(profile, field), value);
  }

  /** Removes the secret if there is one. */
  async delete(profile: string, field: string): Promise<void> {
    assertSecretKey(profile, field);
    this.#values.delete(secretLabel(profile, field));
  }

  /** Every stored secret keyed `profile/field`, for assertions. */
  entries(): ReadonlyMap<string, string> {
    return new Map(this.#values);
  }
}
