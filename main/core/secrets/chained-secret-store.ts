import { EnvSecretStore } from './env-secret-store.ts';
import { KeytarSecretStore } from './keytar-secret-store.ts';
import type { SecretStore } from './secret-store.ts';

/** Reads from each store in turn until one has the secret; writes and deletes go to one store. */
export class ChainedSecretStore implements SecretStore {
  readonly description: string;
  readonly #readers: readonly SecretStore[];
  readonly #writer: SecretStore;

  constructor(readers: readonly SecretStore[], writer: SecretStore) {
    this.#readers = readers;
    this.#writer = writer;
    this.description = readers.map((r) => r.description).join(', then ');
  }

  /** The first store's secret that is not null; a store's failure is passed on as it is. */
  async get(profile: string, field: string): Promise<string | null> {
    for (const reader of this.#readers) {
      const value = await reader.get(profile, field);
      if (value !== null) return value;
    }
    return null;
  }

  /** Stores the secret in the writable store. */
  set(profile: string, field: string, value: string): Promise<void> {
    return this.#writer.set(profile, field, value);
  }

  /** Deletes the secret from the writable store. */
  delete(profile: string, field: string): Promise<void> {
    return this.#writer.delete(profile, field);
  }
}

/** The headless service's secrets: the environment first (given per run), then the keychain, which also takes writes. */
export function headlessSecretStore(
  env: Readonly<Record<string, string | undefined>> = process.env,
  keychain: SecretStore = new KeytarSecretStore(),
): SecretStore {
  return new ChainedSecretStore([new EnvSecretStore(env), keychain], keychain);
}
