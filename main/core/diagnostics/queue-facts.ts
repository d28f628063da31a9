import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { RecordingItem } from '../../../preload/api.ts';
import { maskedRecordingItem } from '../privacy/masked-recording.ts';
import { recordingItem } from '../service/api-items.ts';
import { QueueStore } from '../store/queue-store.ts';
import type { QueueStatistics } from '../store/queue-statistics.ts';
import type { StatusCounts } from '../store/recording-row.ts';

/** What a diagnostics bundle tells of the queue. */
export interface QueueFacts {
  /** Rows per state, over every destination. */
  readonly counts: StatusCounts;
  /** Rows per destination and state, oldest waiting and newest found (as /metrics reads them). */
  readonly statistics: QueueStatistics;
  /** The recordings that need a person (failed) and those being retried, newest first, with their reasons. */
  readonly problems: readonly RecordingItem[];
}

/** The recordings of each kind a bundle lists: enough to see a pattern, few enough to read. */
export const PROBLEM_ROWS = 50;

/**
 * Reads the queue of a data dir without changing it: opened read-only, so a running service
 * goes on undisturbed (WAL lets both read while it writes). Null when there is no queue yet.
 */
export async function readQueueFacts(
  dataDir: string,
  options: { readonly maskPhoneNumbers: boolean; readonly rows?: number },
): Promise<QueueFacts | null> {
  const path = join(dataDir, 'queue.sqlite');
  const exists = await access(path).then(
    () => true,
    () => false,
  );
  if (!exists) return null;
  const db = new DatabaseSync(path, { readOnly: true, timeout: 5000 });
  try {
    const store = new QueueStore(db);
    const limit = options.rows ?? PROBLEM_ROWS;
    const rows = [
      ...store.list({ status: 'failed', limit }).items,
      ...store.list({ status: 'retrying', limit }).items,
    ];
    const items = rows.map(recordingItem);
    return {
      counts: store.counts(),
      statistics: store.statistics(),
      problems: options.maskPhoneNumbers ? items.map(maskedRecordingItem) : items,
    };
  } finally {
    db.close();
  }
}
