import type { DatabaseSync, SQLOutputValue } from 'node:sqlite';
import { statement } from './statement-cache.ts';

type SqlRecord = Record<string, SQLOutputValue>;

/**
 * The oldest row (lowest id) that may be sent now — `queued`, or `retrying` and due by `now` —
 * among the destinations `eligible` accepts; undefined if none. Each destination's oldest row
 * is found through the (status, destination, id) index, so a claim costs the same with ten
 * rows waiting as with a hundred thousand.
 */
export function nextDueRow(
  db: DatabaseSync,
  now: number,
  eligible: (destination: string) => boolean,
): SqlRecord | undefined {
  let best: SqlRecord | undefined;
  for (const destination of destinationsWaiting(db)) {
    const candidates = [
      statement(
        db,
        `SELECT * FROM recordings WHERE status = 'queued' AND destination = ? ORDER BY id LIMIT 1`,
      ).get(destination),
      statement(
        db,
        `SELECT * FROM recordings WHERE status = 'retrying' AND destination = ?
           AND COALESCE(next_attempt_at, 0) <= ? ORDER BY id LIMIT 1`,
      ).get(destination, now),
    ].filter((row): row is SqlRecord => row !== undefined);
    if (candidates.length === 0 || !eligible(destination)) continue;
    for (const row of candidates) if (best === undefined || idOf(row) < idOf(best)) best = row;
  }
  return best;
}

/** The destinations that have a queued or retrying row, each found by one step along the index. */
function destinationsWaiting(db: DatabaseSync): readonly string[] {
  const found = new Set<string>();
  for (const status of ['queued', 'retrying']) {
    let row = statement(
      db,
      'SELECT destination FROM recordings WHERE status = ? ORDER BY destination LIMIT 1',
    ).get(status);
    while (row !== undefined) {
      const destination = String(row['destination']);
      found.add(destination);
      row = statement(
        db,
        'SELECT destination FROM recordings WHERE status = ? AND destination > ? ORDER BY destination LIMIT 1',
      ).get(status, destination);
    }
  }
  return [...found];
}

function idOf(row: SqlRecord): number {
  return Number(row['id']);
}
