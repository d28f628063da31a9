import type { ConnectorSession } from '../connectors/connector.ts';
import { findUploader } from '../connectors/registry.ts';
import type { BandwidthLimiter } from '../delivery/bandwidth.ts';
import type { DestinationHealth } from '../delivery/destination-health.ts';
import type { Logger } from '../log/logger.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { Profile, Settings } from '../settings/schema.ts';
import type { QueueStore } from '../store/queue-store.ts';

/** What opening a session needs from the service. */
export interface ConnectorSessionsOptions {
  readonly store: QueueStore;
  readonly health: DestinationHealth;
  readonly limiter: BandwidthLimiter;
  readonly secrets: SecretStore;
  /** Every secret value read is added here, so that logs can redact it. */
  readonly knownSecrets?: Set<string>;
  readonly log: Logger;
}

/**
 * One open connector session per destination profile. A profile whose settings or
 * secret change gets a fresh session (new credentials, new address) and loses its pause.
 */
export class ConnectorSessions {
  readonly #options: ConnectorSessionsOptions;
  readonly #sessions = new Map<string, ConnectorSession>();

  constructor(options: ConnectorSessionsOptions) {
    this.#options = options;
  }

  /** The open sessions, by profile id. */
  get all(): ReadonlyMap<string, ConnectorSession> {
    return this.#sessions;
  }

  /** The profile's session, or undefined when its connector cannot upload. */
  get(id: string): ConnectorSession | undefined {
    return this.#sessions.get(id);
  }

  /** Opens sessions for new and changed profiles of `settings` and closes those of removed ones. */
  apply(settings: Settings, before?: Settings): void {
    const previous = new Map(before?.profiles.map((p) => [p.id, JSON.stringify(p)]));
    for (const id of [...this.#sessions.keys()]) {
      if (!settings.profiles.some((p) => p.id === id)) this.#close(id);
    }
    for (const profile of settings.profiles) {
      const unchanged = previous.get(profile.id) === JSON.stringify(profile);
      if (!this.#sessions.has(profile.id) || !unchanged) this.reopen(profile);
    }
  }

  /** Replaces the profile's session with a new one, lifts its pause and ends its waits. */
  reopen(profile: Profile): void {
    const { store, health, limiter, secrets, knownSecrets, log } = this.#options;
    this.#close(profile.id);
    health.resume(profile.id);
    // A wait the old settings earned (a Retry-After, a backoff) says nothing about the new ones.
    store.retryDueNow(profile.id);
    const connector = findUploader(profile.connector);
    if (!connector) {
      log.warn(
        `${profile.id}: ${profile.connector} cannot upload yet in this version; its recordings wait in the queue`,
      );
      return;
    }
    const memoryKey = (key: string) => `memory/${profile.id}/${key}`;
    this.#sessions.set(
      profile.id,
      connector.open({
        profile,
        memory: {
          get: async (key) => store.getState(memoryKey(key)),
          set: async (key, value) => store.setState(memoryKey(key), value),
        },
        secret: async (field) => {
          const value = await secrets.get(profile.id, field);
          if (value) knownSecrets?.add(value);
          return value;
        },
        pace: (bytes) => limiter.pace(bytes),
        pieceBytes: () => limiter.pieceBytes(),
      }),
    );
  }

  /** Sessions of profiles that take heartbeats and have not turned them off. */
  heartbeatSessions(settings: Settings): ReadonlyMap<string, ConnectorSession> {
    const wanted = new Map<string, ConnectorSession>();
    for (const profile of settings.profiles) {
      const session = this.#sessions.get(profile.id);
      if (session?.heartbeat && profile.options.heartbeat !== false)
        wanted.set(profile.id, session);
    }
    return wanted;
  }

  /** Closes every session. */
  async closeAll(): Promise<void> {
    const open = [...this.#sessions.values()];
    this.#sessions.clear();
    await Promise.allSettled(open.map((s) => s.close()));
  }

  #close(id: string): void {
    const session = this.#sessions.get(id);
    this.#sessions.delete(id);
    void session?.close().catch(() => undefined);
  }
}
