import type { ProfileMemory } from '../connector.ts';

/**
 * Where each profile's pinned SFTP host key fingerprint is kept: the key seen on the
 * first connection, against which every later connection is checked.
 */
export interface HostKeyPins {
  /** The fingerprint pinned for a profile, or null when none is. */
  get(profileId: string): Promise<string | null>;
  /** Pins a fingerprint for a profile, replacing any earlier one. */
  set(profileId: string, fingerprint: string): Promise<void>;
}

/** Pins kept in memory only: they last as long as the process. */
export class MemoryHostKeyPins implements HostKeyPins {
  readonly #pins = new Map<string, string>();

  /** The pinned fingerprint, or null. */
  async get(profileId: string): Promise<string | null> {
    return this.#pins.get(profileId) ?? null;
  }

  /** Pins a fingerprint. */
  async set(profileId: string, fingerprint: string): Promise<void> {
    this.#pins.set(profileId, fingerprint);
  }
}

/**
 * Pins kept in the profile's memory (the queue database, in the service), one per
 * server address: a profile pointed at another server pins that server's key afresh.
 */
export function memoryHostKeyPins(memory: ProfileMemory, address: string): HostKeyPins {
  const key = `hostKey/${address}`;
  return {
    get: () => memory.get(key),
    set: (_profileId, fingerprint) => memory.set(key, fingerprint),
  };
}

/** The pins of a process that was given no store: shared by its sessions, forgotten on exit. */
export const processHostKeyPins: HostKeyPins = new MemoryHostKeyPins();
