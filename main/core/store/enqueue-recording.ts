import type { DatabaseSync } from 'node:sqlite';
import type { Problem } from '../problem.ts';
import { ContentBeingSentError, ContentHashNeededError } from './queue-errors.ts';
import {
  hashPending,
  PENDING_SHA256,
  type NewRecording,
  type RecordingRow,
} from './recording-row.ts';
import type { RecordingStatus } from './recording-status.ts';
import { insertRow, patchRow, rewriteFacts, transitionRow, type Verdict } from './row-writes.ts';
import { rowFromSql } from './sql-rows.ts';
import { canTransition } from './transitions.ts';
import { statement } from './statement-cache.ts';

/** How enqueue treats a recording beyond the plain case. */
export interface EnqueueOptions {
  /**
   * What is wrong with the file (bad audio, a destination that cannot take it). A
   * problem naming a destination fails only that destination's row; one without a
   * destination fails every row. Failed rows wait for a person.
   */
  readonly problems?: readonly Problem[];
  /** Destinations whose rule does not take this recording, and why: their rows are skipped. */
  readonly skips?: readonly { readonly destination: string; readonly message: string }[];
  /** Problems that do not stop delivery; each row keeps those of its destination (or of all). */
  readonly warnings?: readonly Problem[];
  /**
   * Rows named by an earlier ContentHashNeededError, whose files the caller hashed where it
   * could: those still pending (their file changed or went away) are not asked for again.
   */
  readonly pendingTried?: ReadonlySet<number>;
}

/** A row enqueue returned, and whether this call created or changed it. */
export interface EnqueuedRow {
  readonly row: RecordingRow;
  readonly changed: boolean;
}

/** States in which a row may take new content at its path: nothing of it is on its way. */
const RESETTABLE: readonly RecordingStatus[] = ['queued', 'retrying', 'failed', 'skipped'];

/** States of a row that a recording with the same content under another path duplicates. */
const DUPLICATED: readonly RecordingStatus[] = [
  'uploaded',
  'processed',
  'queued',
  'uploading',
  'retrying',
];
const DUPLICATED_SQL = DUPLICATED.map((s) => `'${s}'`).join(', ');

/** Applies the enqueue rules for one destination (call inside a transaction). */
export function enqueueAt(
  db: DatabaseSync,
  recording: NewRecording,
  destination: string,
  options: EnqueueOptions,
  at: number,
): EnqueuedRow {
  if (hashPending(recording)) nothingToCompareWith(db, recording, destination);
  else pendingInTheWay(db, recording, destination, options.pendingTried ?? new Set());
  const same = statement(
    db,
    'SELECT * FROM recordings WHERE path = ? AND destination = ? AND sha256 = ?',
  ).get(recording.path, destination, recording.sha256);
  if (same) return sameContent(db, rowFromSql(same), recording, at);

  const skip = options.skips?.find((s) => s.destination === destination);
  const verdict: Verdict = skip
    ? { status: 'skipped', message: skip.message, error: skip.message, errorCode: 'rule' }
    : verdictFor(db, recording, destination, options.problems ?? []);
  const open = statement(
    db,
    `SELECT * FROM recordings WHERE path = ? AND destination = ?
         AND status IN (${RESETTABLE.map(() => '?').join(', ')}) ORDER BY id DESC LIMIT 1`,
  ).get(recording.path, destination, ...RESETTABLE);
  const row = open
    ? resetForNewContent(db, rowFromSql(open), recording, verdict, at)
    : insertRow(db, recording, destination, verdict, at);
  return { row: withWarnings(db, row, options.warnings ?? []), changed: true };
}

/**
 * A recording whose hash is left to its upload is queued only where it can be the copy of
 * nothing: no row at its path (whose content it would be compared with), and none of its size
 * under another path that it would duplicate. Otherwise it must be hashed first.
 */
function nothingToCompareWith(db: DatabaseSync, recording: NewRecording, destination: string) {
  const atPath = statement(
    db,
    'SELECT 1 FROM recordings WHERE path = ? AND destination = ? LIMIT 1',
  ).get(recording.path, destination);
  const sameSize = statement(
    db,
    `SELECT 1 FROM recordings WHERE size_bytes = ? AND destination = ? AND path <> ?
         AND status IN (${DUPLICATED_SQL}) LIMIT 1`,
  ).get(recording.sizeBytes, destination, recording.path);
  if (atPath || sameSize) throw new ContentHashNeededError([]);
}

/**
 * Rows whose hash their upload has yet to learn, that this recording must be compared with:
 * one being sent at its path, or of its size under another path (a copy would be a duplicate).
 * One being sent now is waited for; the others' files are hashed first, unless that was tried.
 */
function pendingInTheWay(
  db: DatabaseSync,
  recording: NewRecording,
  destination: string,
  tried: ReadonlySet<number>,
): void {
  const pending = statement(
    db,
    `SELECT * FROM recordings WHERE sha256 = ? AND destination = ?
         AND (path = ? OR (size_bytes = ? AND status IN (${DUPLICATED_SQL})))`,
  )
    .all(PENDING_SHA256, destination, recording.path, recording.sizeBytes)
    .map(rowFromSql);
  const sending = pending.find((row) => row.status === 'uploading');
  if (sending) throw new ContentBeingSentError(sending);
  const untried = pending.filter((row) => row.path !== recording.path && !tried.has(row.id));
  if (untried.length > 0) throw new ContentHashNeededError(untried);
}

/**
 * The file holds the content its row has, perhaps saved again (a new time) or examined while it
 * changed: the row takes the file's size and time, so that a restart does not examine it again
 * and a row waiting for its file to stop changing (`changed`) is queued again.
 */
function sameContent(
  db: DatabaseSync,
  row: RecordingRow,
  recording: NewRecording,
  at: number,
): EnqueuedRow {
  if (row.sizeBytes === recording.sizeBytes && row.mtimeMs === recording.mtimeMs) {
    return { row, changed: false };
  }
  const facts = { sizeBytes: recording.sizeBytes, mtimeMs: recording.mtimeMs };
  const saved = patchRow(
    db,
    row,
    row.status,
    facts,
    'the file was saved again with the same content',
    at,
  );
  if (saved.status !== 'retrying' || saved.errorCode !== 'changed')
    return { row: saved, changed: true };
  const patch = { nextAttemptAt: null, error: null, errorCode: null };
  const queued = transitionRow(
    db,
    saved,
    'queued',
    patch,
    'its content is the one examined: queued again',
    at,
  );
  return { row: queued, changed: true };
}

/** Stores the warnings that concern this row's destination. */
function withWarnings(
  db: DatabaseSync,
  row: RecordingRow,
  warnings: readonly Problem[],
): RecordingRow {
  const own = warnings
    .filter((w) => w.destination === undefined || w.destination === row.destination)
    .map((w) => w.message);
  statement(db, 'UPDATE recordings SET warnings = ? WHERE id = ?').run(JSON.stringify(own), row.id);
  return { ...row, warnings: own };
}

/** Whether a new row is queued, failed for a problem, or skipped as a duplicate. */
function verdictFor(
  db: DatabaseSync,
  recording: NewRecording,
  destination: string,
  problems: readonly Problem[],
): Verdict {
  // A pending hash duplicates nothing: no recording of its size was there (see above).
  const earlier = hashPending(recording)
    ? undefined
    : statement(
        db,
        `SELECT path, status FROM recordings
         WHERE sha256 = ? AND destination = ? AND path <> ? AND status IN (${DUPLICATED_SQL})
         ORDER BY CASE WHEN status IN ('uploaded', 'processed') THEN 0 ELSE 1 END, id
         LIMIT 1`,
      ).get(recording.sha256, destination, recording.path);
  if (earlier) {
    const delivered = earlier['status'] === 'uploaded' || earlier['status'] === 'processed';
    const error = `same recording as ${String(earlier['path'])}, ${delivered ? 'already delivered' : 'already queued'}`;
    return { status: 'skipped', message: error, error, errorCode: 'duplicate' };
  }
  const own = problems.filter((p) => p.destination === undefined || p.destination === destination);
  const first = own[0];
  if (first) {
    const error = own.map((p) => p.message).join('; ');
    return { status: 'failed', message: error, error, errorCode: first.code };
  }
  return { status: 'queued', message: 'found and queued', error: null, errorCode: null };
}

/** Gives a not-yet-delivered row the file's new content, then moves it where the verdict says. */
function resetForNewContent(
  db: DatabaseSync,
  row: RecordingRow,
  recording: NewRecording,
  verdict: Verdict,
  at: number,
): RecordingRow {
  const fresh = rewriteFacts(
    db,
    row,
    recording,
    {
      sizeBytes: recording.sizeBytes,
      mtimeMs: recording.mtimeMs,
      sha256: recording.sha256,
      attempts: 0,
      nextAttemptAt: null,
      error: verdict.error,
      errorCode: verdict.errorCode,
      remoteId: null,
      remoteUrl: null,
      uploadedAt: null,
      afterUploadDoneAt: null,
    },
    row.status === verdict.status && verdict.status !== 'queued'
      ? `the file changed on disk: ${verdict.message}`
      : 'the file changed on disk; its new content replaces the old',
    at,
  );
  if (fresh.status === verdict.status) return fresh;
  // skipped → failed is not a transition of its own: a reset row goes through the queue.
  const via = canTransition(fresh.status, verdict.status) ? fresh : requeued(db, fresh, at);
  if (via.status === verdict.status) return via;
  return transitionRow(db, via, verdict.status, {}, verdict.message, at);
}

function requeued(db: DatabaseSync, row: RecordingRow, at: number): RecordingRow {
  return transitionRow(db, row, 'queued', {}, 'queued again for its new content', at);
}
