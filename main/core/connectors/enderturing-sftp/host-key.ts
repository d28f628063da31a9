import { createHash } from 'node:crypto';
import { AuthError, ConfigurationError } from '../errors.ts';
import type { HostKeyPins } from './host-key-pins.ts';

/** OpenSSH's SHA256 fingerprint of a host key (its wire-format blob): `SHA256:` and unpadded base64. */
export function fingerprintOf(key: Buffer): string {
  const digest = createHash('sha256').update(key).digest('base64').replace(/=+$/, '');
  return `SHA256:${digest}`;
}

/** A fingerprint as typed or pasted, in OpenSSH's form; undefined when it is not a SHA256 fingerprint. */
export function parseFingerprint(text: string): string | undefined {
  const match = /^(?:SHA256:)?([A-Za-z0-9+/]{43})=?$/.exec(text.trim());
  return match ? `SHA256:${match[1]}` : undefined;
}

/** What the host key check knows about the connection. */
export interface HostKeyCheck {
  readonly profileId: string;
  /** `host:port`, for messages. */
  readonly address: string;
  /** The profile's hostFingerprint option, already parsed; undefined when unset. */
  readonly expected: string | undefined;
  readonly pins: HostKeyPins;
  /** The server's name, for messages: "Ender Turing SFTP". */
  readonly label: string;
  /** Who can confirm a new key: "Ender Turing". */
  readonly vendor: string;
}

/**
 * Decides whether to trust the key a server presented: it must equal the hostFingerprint
 * option when one is set; otherwise the first key seen is pinned and a different key later
 * is refused. Answers the error to fail the connection with, or null to go on.
 */
export async function checkHostKey(presented: string, check: HostKeyCheck): Promise<Error | null> {
  const { profileId, address, expected, pins, label, vendor } = check;
  if (expected !== undefined) {
    if (presented !== expected) {
      return new ConfigurationError(
        `${label} at ${address} presented the host key ${presented}, but the profile's hostFingerprint is ${expected}; ` +
          `nothing was sent. If ${vendor} confirms the new key, set hostFingerprint to ${presented}.`,
      );
    }
    // Keep the pin in step, so that clearing the option later does not refuse this key.
    if ((await pins.get(profileId)) !== presented) await pins.set(profileId, presented);
    return null;
  }
  const pinned = await pins.get(profileId);
  if (pinned === null) {
    await pins.set(profileId, presented);
    return null;
  }
  if (pinned === presented) return null;
  return new AuthError(
    `${label} at ${address} presented a different host key than before: ${presented} instead of the pinned ${pinned}. ` +
      `This can mean someone is intercepting the connection, so nothing was sent. If ${vendor} confirms that its key changed, ` +
      `set the profile's hostFingerprint to ${presented} (or clear the pinned key for profile ${profileId}).`,
  );
}
