import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type { NewRecording, QueueErrorCode, RecordingRow } from './recording-row.ts';
import type { RecordingStatus } from './recording-status.ts';
import { rowFromSql, searchTextOf } from './sql-rows.ts';
import { assertTransition } from './transitions.ts';
import { statement } from './statement-cache.ts';

/** Columns a write may change, by their RecordingRow names. */
export interface RowPatch {
  readonly sizeBytes?: number;
  readonly mtimeMs?: number;
  readonly sha256?: string;
  readonly attempts?: number;
  readonly nextAttemptAt?: number | null;
  readonly error?: string | null;
  readonly errorCode?: QueueErrorCode | null;
  readonly remoteId?: string | null;
  readonly remoteUrl?: string | null;
  readonly uploadedAt?: number | null;
  readonly afterUploadDoneAt?: number | null;
}

const PATCH_COLUMNS: Readonly<Record<keyof RowPatch, string>> = {
  sizeBytes: 'size_bytes',
  mtimeMs: 'mtime_ms',
  sha256: 'sha256',
  attempts: 'attempts',
  nextAttemptAt: 'next_attempt_at',
  error: 'error',
  errorCode: 'error_code',
  remoteId: 'remote_id',
  remoteUrl: 'remote_url',
  uploadedAt: 'uploaded_at',
  afterUploadDoneAt: 'after_upload_done_at',
};

/** A row's state and why it is in it, for a new or reset row. */
export interface Verdict {
  readonly status: RecordingStatus;
  readonly message: string;
  readonly error: string | null;
  readonly errorCode: QueueErrorCode | null;
}

/** Reads one row by id, or null. */
export function readRow(db: DatabaseSync, id: number): RecordingRow | null {
  const found = statement(db, 'SELECT * FROM recordings WHERE id = ?').get(id);
  return found ? rowFromSql(found) : null;
}

/** Inserts a row for one destination and logs its creation; returns it. */
export function insertRow(
  db: DatabaseSync,
  recording: NewRecording,
  destination: string,
  verdict: Verdict,
  at: number,
): RecordingRow {
  const { lastInsertRowid } = statement(
    db,
    `INSERT INTO recordings (path, file_name, destination, size_bytes, mtime_ms, sha256,
         metadata, audio, search_text, status, error, error_code, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    recording.path,
    recording.fileName,
    destination,
    recording.sizeBytes,
    recording.mtimeMs,
    recording.sha256,
    JSON.stringify(recording.metadata),
    recording.audio === null ? null : JSON.stringify(recording.audio),
    searchTextOf(recording.fileName, recording.path, recording.metadata),
    verdict.status,
    verdict.error,
    verdict.errorCode,
    at,
    at,
  );
  const id = Number(lastInsertRowid);
  logEvent(db, id, null, verdict.status, verdict.message, at);
  return mustRead(db, id);
}

/** Replaces a row's recording facts (metadata, audio, search text) and patches its columns, keeping its state. */
export function rewriteFacts(
  db: DatabaseSync,
  row: RecordingRow,
  recording: NewRecording,
  patch: RowPatch,
  message: string,
  at: number,
): RecordingRow {
  statement(db, 'UPDATE recordings SET metadata = ?, audio = ?, search_text = ? WHERE id = ?').run(
    JSON.stringify(recording.metadata),
    recording.audio === null ? null : JSON.stringify(recording.audio),
    searchTextOf(row.fileName, row.path, recording.metadata),
    row.id,
  );
  return patchRow(db, row, row.status, patch, message, at);
}

/** Moves a row to `to` (checked against the state machine), patches it and logs why. */
export function transitionRow(
  db: DatabaseSync,
  row: RecordingRow,
  to: RecordingStatus,
  patch: RowPatch,
  message: string,
  at: number,
): RecordingRow {
  assertTransition(row.status, to, row.id);
  return patchRow(db, row, to, patch, message, at);
}

/** Writes `status` and the patch, bumps updatedAt and logs the entry; no state-machine check. */
export function patchRow(
  db: DatabaseSync,
  row: RecordingRow,
  status: RecordingStatus,
  patch: RowPatch,
  message: string,
  at: number,
): RecordingRow {
  const entries = (Object.entries(patch) as [keyof RowPatch, SQLInputValue | undefined][]).filter(
    (entry): entry is [keyof RowPatch, SQLInputValue] => entry[1] !== undefined,
  );
  const sets = entries.map(([key]) => `${PATCH_COLUMNS[key]} = ?`);
  statement(
    db,
    `UPDATE recordings SET ${['status = ?', 'updated_at = ?', ...sets].join(', ')} WHERE id = ?`,
  ).run(status, at, ...entries.map(([, value]) => value), row.id);
  logEvent(db, row.id, row.status, status, message, at);
  return mustRead(db, row.id);
}

function logEvent(
  db: DatabaseSync,
  recordingId: number,
  from: RecordingStatus | null,
  to: RecordingStatus,
  message: string,
  at: number,
): void {
  statement(
    db,
    'INSERT INTO recording_events (recording_id, at, from_status, to_status, message) VALUES (?, ?, ?, ?, ?)',
  ).run(recordingId, at, from, to, message);
}

function mustRead(db: DatabaseSync, id: number): RecordingRow {
  const row = readRow(db, id);
  if (!row) throw new Error(`recording ${id} vanished while it was being written`);
  return row;
}
