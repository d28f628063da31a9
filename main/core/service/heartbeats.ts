import type { ConnectorSession, UploaderHealth } from '../connectors/connector.ts';
import type { DestinationHealth } from '../delivery/destination-health.ts';
import type { Logger } from '../log/logger.ts';
import type { QueueStore } from '../store/queue-store.ts';

/** How heartbeats reach the rest of the service. */
export interface HeartbeatOptions {
  readonly store: QueueStore;
  readonly health: DestinationHealth;
  /** The open sessions whose profile wants heartbeats, by destination id. */
  readonly sessions: () => ReadonlyMap<string, ConnectorSession>;
  /** Whether delivery is held for everyone (paused by a person). */
  readonly isPaused: () => boolean;
  readonly log: Logger;
}

/** How a destination is doing, in the words a heartbeat carries. */
export function uploaderHealth(
  state: ReturnType<DestinationHealth['state']>['kind'],
  counts: { readonly failed: number; readonly retrying: number },
  paused: boolean,
): UploaderHealth {
  if (paused || state !== 'active') return 'paused';
  if (counts.failed > 0) return 'needs-person';
  if (counts.retrying > 0) return 'retrying';
  return 'healthy';
}

/**
 * Tells platforms that watch their uploaders (Tethr) that this one is alive and how it
 * is doing. A platform that answers it does not take heartbeats is not asked again
 * until its profile changes (which opens a new session).
 */
export class Heartbeats {
  readonly #options: HeartbeatOptions;
  readonly #declined = new Set<ConnectorSession>();

  constructor(options: HeartbeatOptions) {
    this.#options = options;
  }

  /** Sends one heartbeat to every destination that takes them. */
  async beat(signal: AbortSignal): Promise<void> {
    const { store, health, log } = this.#options;
    for (const [destination, session] of this.#options.sessions()) {
      if (!session.heartbeat || this.#declined.has(session) || signal.aborted) continue;
      const counts = store.counts(destination);
      const said = uploaderHealth(health.state(destination).kind, counts, this.#options.isPaused());
      try {
        if ((await session.heartbeat(said, signal)) === 'stop') {
          this.#declined.add(session);
          log.info(`${destination} does not take heartbeats; none will be sent`, { destination });
        }
      } catch (error) {
        log.warn(`${destination}: the heartbeat was not delivered: ${(error as Error).message}`, {
          destination,
        });
      }
    }
  }
}
