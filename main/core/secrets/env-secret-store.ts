import { assertSecretKey, secretLabel } from './secret-key.ts';
import type { SecretStore } from './secret-store.ts';

/** A name in upper snake case: `clientSecret` → `CLIENT_SECRET`, `office-et` → `OFFICE_ET`. */
function upperSnake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

/** The environment variable that holds a secret: profile `et`, field `clientSecret` → `CALL_COURIER_ET_CLIENT_SECRET`. */
export function secretEnvName(profile: string, field: string): string {
  return `CALL_COURIER_${upperSnake(profile)}_${upperSnake(field)}`;
}

/** Read-only secrets from environment variables, for the headless service only. */
export class EnvSecretStore implements SecretStore {
  readonly description = 'the environment (CALL_COURIER_<PROFILE>_<FIELD>)';
  readonly #env: Readonly<Record<string, string | undefined>>;

  constructor(env: Readonly<Record<string, string | undefined>> = process.env) {
    this.#env = env;
  }

  /** The variable's value; an unset or empty variable counts as no secret. */
  async get(profile: string, field: string): Promise<string | null> {
    assertSecretKey(profile, field);
    const value = this.#env[secretEnvName(profile, field)];
    return value === undefined || value === '' ? null : value;
  }

  /** Always throws: the environment is given to the service, never written by it. */
  async set(profile: string, field: string, _value: string): Promise<void> {
    throw readOnly(profile, field);
  }

  /** Always throws: the environment is given to the service, never written by it. */
  async delete(profile: string, field: string): Promise<void> {
    throw readOnly(profile, field);
  }
}

function readOnly(profile: string, field: string): Error {
  assertSecretKey(profile, field);
  return new Error(
    `secrets in the environment are read-only: change ${secretEnvName(profile, field)} where the ` +
      `service is started, or store ${secretLabel(profile, field)} in the keychain with ` +
      `\`call-courier secret set ${profile} ${field}\``,
  );
}
