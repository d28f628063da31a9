import { secretEnvName } from './env-secret-store.ts';

/** Plain words for what keytar or libsecret reported, most specific first. */
const REASONS: readonly (readonly [RegExp, string])[] = [
  [
    /libsecret|shared object|keytar\.node|cannot find module|err_dlopen/i,
    'libsecret or the keytar module could not be loaded',
  ],
  [
    /org\.freedesktop\.secrets|serviceunknown|not provided by any \.service/i,
    'no keyring service such as gnome-keyring is running',
  ],
  [/d-?bus|could not connect|x11|\$display/i, 'no D-Bus session'],
  [/locked|collection|prompt|dismissed|cancel/i, 'the keyring is locked or has not been set up'],
];

/** The system keychain could not be used; the message says why and what to do instead. */
export class KeychainUnavailableError extends Error {
  override readonly name = 'KeychainUnavailableError';
  /** The environment variable the headless service can read instead. */
  readonly envName: string;

  constructor(profile: string, field: string, cause: unknown) {
    const envName = secretEnvName(profile, field);
    super(
      `the system keychain is not reachable (${keychainReason(cause)}): on a server without a ` +
        `desktop session, give the secret as the environment variable ${envName} instead`,
      { cause },
    );
    this.envName = envName;
  }
}

/** A short plain-words reason for a keychain failure, followed by what the library said. */
export function keychainReason(cause: unknown): string {
  const said = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0]?.trim();
  const plain = REASONS.find(([pattern]) => pattern.test(said ?? ''))?.[1];
  if (!said) return plain ?? 'no reason given';
  return plain ? `${plain}: ${said}` : said;
}
