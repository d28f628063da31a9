import type { ConnectorSession } from '../connectors/connector.ts';
import type { Logger } from '../log/logger.ts';
import type { QueueStore } from '../store/queue-store.ts';

/** How the poller reaches the rest of the service. */
export interface ProcessingPollerOptions {
  readonly store: QueueStore;
  /** The open sessions, by destination id. */
  readonly sessions: () => ReadonlyMap<string, ConnectorSession>;
  readonly log: Logger;
  /** How many recordings one question to the platform covers. */
  readonly batchSize?: number;
}

/**
 * Asks platforms that report processing (Tethr, Behavioral Signals) how their
 * delivered recordings are doing, a batch per destination per round, going round
 * the delivered rows so that one slow recording never hides the others. Complete
 * → `processed`; failed at the platform → `failed` with its reason.
 */
export class ProcessingPoller {
  readonly #options: ProcessingPollerOptions;
  /** The last row id asked about, per destination. */
  readonly #cursor = new Map<string, number>();
  #round: Promise<void> | undefined;

  constructor(options: ProcessingPollerOptions) {
    this.#options = options;
  }

  /** One round over every destination that can tell; a round already running is joined. */
  poll(signal: AbortSignal): Promise<void> {
    this.#round ??= this.#poll(signal).finally(() => (this.#round = undefined));
    return this.#round;
  }

  async #poll(signal: AbortSignal): Promise<void> {
    for (const [destination, session] of this.#options.sessions()) {
      if (!session.pollStatus || signal.aborted) continue;
      try {
        await this.#pollDestination(destination, session, signal);
      } catch (error) {
        this.#options.log.warn(
          `${destination}: could not ask how processing is going: ${(error as Error).message}`,
          { destination },
        );
      }
    }
  }

  async #pollDestination(
    destination: string,
    session: ConnectorSession,
    signal: AbortSignal,
  ): Promise<void> {
    const { store, batchSize = 50 } = this.#options;
    let rows = store.awaitingProcessing(destination, this.#cursor.get(destination) ?? 0, batchSize);
    if (rows.length === 0) rows = store.awaitingProcessing(destination, 0, batchSize);
    if (rows.length === 0) return;
    this.#cursor.set(destination, rows.at(-1)?.id ?? 0);
    const delivered = rows.map((r) => ({ id: r.id, remoteId: r.remoteId ?? '' }));
    const states = (await session.pollStatus?.(delivered, signal)) ?? new Map();
    for (const row of rows) {
      const state = states.get(row.id);
      // The row may have moved on while the platform was asked (a person, a new content).
      if (!state || store.get(row.id)?.status !== 'uploaded') continue;
      if (state.state === 'processed') store.markProcessed(row.id);
      if (state.state === 'failed') {
        store.markProcessingFailed(row.id, state.message);
        this.#options.log.warn(`${row.fileName}: ${state.message}`, { id: row.id, destination });
      }
    }
  }
}
