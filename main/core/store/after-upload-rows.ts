import type { DatabaseSync } from 'node:sqlite';
import type { RecordingRow } from './recording-row.ts';
import { patchRow } from './row-writes.ts';
import { rowFromSql } from './sql-rows.ts';
import { statement } from './statement-cache.ts';

/**
 * Rows whose file is settled at their destination: nothing more will be sent. A row skipped
 * because its file changed before it was sent is settled: a newer row holds the new content.
 */
const SETTLED = `(status IN ('uploaded', 'processed') OR (status = 'skipped' AND error_code IN ('duplicate', 'changed')))`;

/** Paths every destination has confirmed, last at or before the cutoff, not yet handled (see QueueStore). */
export function pathsDue(db: DatabaseSync, uploadedBeforeMs: number): readonly string[] {
  return statement(
    db,
    `SELECT path FROM recordings WHERE after_upload_done_at IS NULL GROUP BY path
         HAVING SUM(CASE WHEN ${SETTLED} THEN 0 ELSE 1 END) = 0
           AND COUNT(uploaded_at) > 0 AND MAX(uploaded_at) <= ?
         ORDER BY MAX(uploaded_at), path`,
  )
    .all(uploadedBeforeMs)
    .map((r) => String(r['path']));
}

/** Marks the settled rows at a delivered row's path as handled (call inside a transaction). */
export function markPathHandled(
  db: DatabaseSync,
  row: RecordingRow,
  message: string,
  at: number,
): readonly RecordingRow[] {
  if (row.status !== 'uploaded' && row.status !== 'processed') {
    throw new Error(
      `recording ${row.id} is ${row.status}: the post-upload action waits for delivery`,
    );
  }
  return statement(
    db,
    `SELECT * FROM recordings WHERE path = ? AND after_upload_done_at IS NULL AND ${SETTLED} ORDER BY id`,
  )
    .all(row.path)
    .map(rowFromSql)
    .map((r) => patchRow(db, r, r.status, { afterUploadDoneAt: at }, message, at));
}
