import type { RecordingRow } from '../store/queue-store.ts';
import type { RecordingStatus } from '../store/recording-status.ts';

/** How an upload attempt ended, as /metrics counts it. */
export const UPLOAD_RESULTS = ['delivered', 'retried', 'failed', 'declined'] as const;

export type UploadResult = (typeof UPLOAD_RESULTS)[number];

/** Attempts of one destination that ended one way, and the size of their recordings. */
export interface UploadTally {
  readonly destination: string;
  readonly result: UploadResult;
  readonly count: number;
  readonly bytes: number;
}

/** The state an attempt left its row in, as a result: delivered, to be retried, needing a person, or declined by the platform. */
const RESULT_OF: Partial<Record<RecordingStatus, UploadResult>> = {
  uploaded: 'delivered',
  retrying: 'retried',
  failed: 'failed',
  skipped: 'declined',
};

/**
 * Counts upload attempts by destination and result since the service started, from the queue's
 * row updates: a row seen `uploading` and then in another state is one attempt that ended so.
 */
export class UploadCounters {
  readonly #uploading = new Set<number>();
  readonly #tallies = new Map<string, UploadTally>();

  /** Takes one row update (connect it to QueueStore.onDidUpdate). */
  observe(row: RecordingRow): void {
    if (row.status === 'uploading') {
      this.#uploading.add(row.id);
      return;
    }
    if (!this.#uploading.delete(row.id)) return;
    const result = RESULT_OF[row.status];
    if (result === undefined) return;
    const key = `${row.destination}\n${result}`;
    const before = this.#tallies.get(key) ?? {
      destination: row.destination,
      result,
      count: 0,
      bytes: 0,
    };
    this.#tallies.set(key, {
      ...before,
      count: before.count + 1,
      bytes: before.bytes + row.sizeBytes,
    });
  }

  /** Every destination and result counted so far. */
  tallies(): readonly UploadTally[] {
    return [...this.#tallies.values()];
  }
}
