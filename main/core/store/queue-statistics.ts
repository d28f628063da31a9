import type { DatabaseSync } from 'node:sqlite';
import type { RecordingStatus } from './recording-status.ts';

/** How many rows of one destination are in one state. */
export interface DestinationCount {
  readonly destination: string;
  readonly status: RecordingStatus;
  readonly count: number;
}

/** A time per destination, ms since the epoch. */
export interface DestinationTime {
  readonly destination: string;
  readonly at: number;
}

/** What the queue says for monitoring (GET /metrics), read from the database at each scrape. */
export interface QueueStatistics {
  /** Rows per destination and state; only pairs that have rows. */
  readonly counts: readonly DestinationCount[];
  /** When the oldest row still on its way (queued, uploading, retrying) was queued, per destination that has one. */
  readonly oldestWaiting: readonly DestinationTime[];
  /** When the newest row was created (the newest recording found), or null for an empty queue. */
  readonly lastFoundAt: number | null;
}

/** The rows' states that mean "not delivered yet, and Call Courier is still trying". */
export const WAITING_STATUSES: readonly RecordingStatus[] = ['queued', 'uploading', 'retrying'];

/** Reads the queue's monitoring figures from its indexes (cheap enough for every scrape). */
export function queueStatistics(db: DatabaseSync): QueueStatistics {
  const counts = db
    .prepare(
      'SELECT destination, status, COUNT(*) AS n FROM recordings GROUP BY destination, status ORDER BY destination, status',
    )
    .all()
    .map((r) => ({
      destination: String(r['destination']),
      status: r['status'] as RecordingStatus,
      count: Number(r['n']),
    }));
  const oldestWaiting = times(
    db,
    `SELECT destination, MIN(created_at) AS at FROM recordings
       WHERE status IN (SELECT value FROM json_each(?)) GROUP BY destination ORDER BY destination`,
    JSON.stringify(WAITING_STATUSES),
  );
  const newest = db
    .prepare('SELECT created_at AS at FROM recordings ORDER BY id DESC LIMIT 1')
    .get();
  const lastFoundAt = typeof newest?.['at'] === 'number' ? newest['at'] : null;
  return { counts, oldestWaiting, lastFoundAt };
}

/**
 * When a platform last confirmed a recording, per destination that ever had one. This reads
 * every row (no index has uploaded_at): read it once, then follow the row updates.
 */
export function lastDeliveredTimes(db: DatabaseSync): readonly DestinationTime[] {
  return times(
    db,
    `SELECT destination, MAX(uploaded_at) AS at FROM recordings
       WHERE uploaded_at IS NOT NULL GROUP BY destination ORDER BY destination`,
  );
}

function times(db: DatabaseSync, sql: string, ...params: string[]): DestinationTime[] {
  return db
    .prepare(sql)
    .all(...params)
    .map((r) => ({ destination: String(r['destination']), at: Number(r['at']) }));
}
