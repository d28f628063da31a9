import type { RecordingRow } from '../store/queue-store.ts';
import type { DestinationTime } from '../store/queue-statistics.ts';

/**
 * When each destination last had a recording confirmed: read from the queue once (a scan of
 * every row), then kept up to date from the row updates, so a scrape never scans the queue.
 */
export class DeliveryTimes {
  readonly #load: () => readonly DestinationTime[];
  readonly #latest = new Map<string, number>();
  #loaded = false;

  /** `load` reads the times from the queue (QueueStore.lastDelivered); it runs at the first `times()`. */
  constructor(load: () => readonly DestinationTime[]) {
    this.#load = load;
  }

  /** Takes one row update (connect it to QueueStore.onDidUpdate). */
  observe(row: RecordingRow): void {
    if (row.uploadedAt !== null) this.#keep(row.destination, row.uploadedAt);
  }

  /** The latest confirmation time of every destination that had one. */
  times(): readonly DestinationTime[] {
    if (!this.#loaded) {
      for (const { destination, at } of this.#load()) this.#keep(destination, at);
      this.#loaded = true;
    }
    return [...this.#latest].map(([destination, at]) => ({ destination, at }));
  }

  #keep(destination: string, at: number): void {
    if (at > (this.#latest.get(destination) ?? -Infinity)) this.#latest.set(destination, at);
  }
}
