/** Where secrets live: the OS keychain, or for the headless service also the environment. */
export interface SecretStore {
  /** The secret, or null when none is stored. */
  get(profile: string, field: string): Promise<string | null>;
  set(profile: string, field: string, value: string): Promise<void>;
  delete(profile: string, field: string): Promise<void>;
  /** Says where secrets are kept, for messages ("the system keychain"). */
  readonly description: string;
}
