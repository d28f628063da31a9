import { KeychainUnavailableError } from './keychain-unavailable-error.ts';
import { assertSecretKey, secretLabel } from './secret-key.ts';
import type { SecretStore } from './secret-store.ts';

/** The keychain service every Call Courier secret is filed under. */
export const KEYCHAIN_SERVICE = 'call-courier';

/** The part of keytar this store uses. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/** Loads keytar (CommonJS, native) on first use, so a machine without libsecret fails only then. */
async function loadKeytar(): Promise<KeytarApi> {
  const keytar = await import('keytar');
  return keytar.default;
}

/** Secrets in the operating system's keychain, through keytar: service `call-courier`, account `<profile>/<field>`. */
export class KeytarSecretStore implements SecretStore {
  readonly description = 'the system keychain';
  readonly #load: () => Promise<KeytarApi>;
  #keytar: Promise<KeytarApi> | undefined;

  /** `load` replaces the keytar import, for tests. */
  constructor(options: { readonly load?: () => Promise<KeytarApi> } = {}) {
    this.#load = options.load ?? loadKeytar;
  }

  /** The stored secret, or null; throws KeychainUnavailableError when the keychain cannot be used. */
  async get(profile: string, field: string): Promise<string | null> {
    assertSecretKey(profile, field);
    const value = await this.#use(profile, field, (k) =>
      k.getPassword(KEYCHAIN_SERVICE, secretLabel(profile, field)),
    );
    return value === '' ? null : value;
  }

  /** Stores the secret, replacing any earlier one; throws KeychainUnavailableError when the keychain cannot be used. */
  async set(profile: string, field: string, value: string): Promise<void> {
    assertSecretKey(profile, field);
    if (value === '')
      throw new Error(`an empty secret cannot be stored for ${secretLabel(profile, field)}`);
    await this.#use(profile, field, (k) =>
      k.setPassword(KEYCHAIN_SERVICE, secretLabel(profile, field), value),
    );
  }

  /** Removes the secret if there is one; throws KeychainUnavailableError when the keychain cannot be used. */
  async delete(profile: string, field: string): Promise<void> {
    assertSecretKey(profile, field);
    await this.#use(profile, field, (k) =>
      k.deletePassword(KEYCHAIN_SERVICE, secretLabel(profile, field)),
    );
  }

  /** Runs one keytar call, turning any failure of the library or the keychain into plain words. */
  async #use<T>(
    profile: string,
    field: string,
    call: (keytar: KeytarApi) => Promise<T>,
  ): Promise<T> {
    try {
      this.#keytar ??= this.#load();
      return await call(await this.#keytar);
    } catch (error) {
      throw new KeychainUnavailableError(profile, field, error);
    }
  }
}
