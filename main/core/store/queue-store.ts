import { closeSync, fdatasync, openSync } from 'node:fs';
import { promisify } from 'node:util';
import type { DatabaseSync } from 'node:sqlite';
import type { CallMetadata } from '../metadata/call-metadata.ts';
import { markPathHandled, pathsDue } from './after-upload-rows.ts';
import { TypedEvent } from '../events/typed-event.ts';
import { destinationsHolding, type FileAsIs } from './destinations-holding.ts';
import { nextDueRow } from './next-due-row.ts';
import { enqueueAt, type EnqueueOptions } from './enqueue-recording.ts';
import { listRecordings, type ListPage, type ListQuery } from './list-recordings.ts';
import { UnknownRecordingError } from './queue-errors.ts';
import {
  lastDeliveredTimes,
  queueStatistics,
  type DestinationTime,
  type QueueStatistics,
} from './queue-statistics.ts';
import type {
  NewRecording,
  QueueErrorCode,
  RecordingEvent,
  RecordingRow,
  StatusCounts,
} from './recording-row.ts';
import { PENDING_SHA256 } from './recording-row.ts';
import { RECORDING_STATUSES, type RecordingStatus } from './recording-status.ts';
import { patchRow, readRow, rewriteFacts, transitionRow, type RowPatch } from './row-writes.ts';
import { inTransaction } from './sql-transaction.ts';
import { eventFromSql, rowFromSql } from './sql-rows.ts';
import { statement } from './statement-cache.ts';

export type { RecordingRow } from './recording-row.ts';

/**
 * The durable queue: one row per (recording, destination) in `queue.sqlite`. Every
 * change is committed before the method returns, and `onDidUpdate` fires after it. Commits
 * are flushed to the disk before anything is sent or done to a file because of them: most
 * changes are flushed at once; a claim by `flushed()`, which the scheduler awaits before it
 * sends anything; a new row (enqueue) and a delivery (markUploaded) with the next flush,
 * which a claim and the post-upload action make first.
 */
export class QueueStore {
  readonly #db: DatabaseSync;
  readonly #now: () => number;
  readonly #updates = new TypedEvent<RecordingRow>();
  /** The write-ahead log's path (null: none), found at the first `flushed()`. */
  #wal: string | null | undefined;
  /**
   * The write-ahead log, opened by the first `flushed()` that finds it and kept open until
   * `close()` (SQLite keeps the file while the database is open): a flush is then one trip to
   * the thread pool, not three (open, flush, close), on the way of every upload.
   */
  #walFile: number | undefined;
  /** Flushes of `#walFile` in progress: the file is closed only once they are done. */
  #flushing = 0;
  #closed = false;

  /** Listens for rows created or changed; the returned function stops listening. */
  readonly onDidUpdate = (listener: (row: RecordingRow) => void): (() => void) =>
    this.#updates.on(listener);

  /** Wraps an open, migrated database (openQueue does this). */
  constructor(db: DatabaseSync, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  /**
   * Records a recording for each destination and returns one row per destination.
   * Known content at the same path is returned as it is; new content at a path whose
   * row is not on its way replaces the old and is queued again; content already
   * delivered or queued under another path is skipped as a duplicate; a problem in
   * `options.problems` makes the row `failed` (see EnqueueOptions).
   */
  enqueue(
    recording: NewRecording,
    destinations: readonly string[],
    options: EnqueueOptions = {},
  ): readonly RecordingRow[] {
    const at = this.#now();
    // Not flushed on its own: nothing is sent before the claim's flush, and a row lost to a
    // power cut before that is found again by the next scan (its file is still there).
    const results = inTransaction(
      this.#db,
      () => [...new Set(destinations)].map((d) => enqueueAt(this.#db, recording, d, options, at)),
      { durable: false },
    );
    for (const result of results) if (result.changed) this.#updates.emit(result.row);
    return results.map((result) => result.row);
  }

  /**
   * Hands out the oldest `queued` row, or `retrying` row due by `now`, of an eligible
   * destination, after committing it as `uploading` with one more attempt; null if none.
   * Row and event times come from the store's clock, like every other change.
   */
  claimNext(now: number, eligible: (destination: string) => boolean): RecordingRow | null {
    // Flushed by `flushed()` before anything is sent: a flush here would hold the whole
    // service (node:sqlite is synchronous) for the disk's time, about 2 ms, per recording.
    const claimed = inTransaction(
      this.#db,
      () => {
        const next = nextDueRow(this.#db, now, eligible);
        if (!next) return null;
        const row = rowFromSql(next);
        const attempt = row.attempts + 1;
        const patch = { attempts: attempt, nextAttemptAt: null };
        const message = `upload attempt ${attempt}`;
        return transitionRow(this.#db, row, 'uploading', patch, message, this.#now());
      },
      { durable: false },
    );
    if (claimed) this.#updates.emit(claimed);
    return claimed;
  }

  /**
   * Puts every commit so far on the disk, as a durable commit would, but without holding up
   * the service: SQLite has written them to its write-ahead log, and a thread of the pool
   * flushes that file while the service goes on. A database without one is flushed here.
   */
  async flushed(): Promise<void> {
    this.#wal ??= walPath(this.#db);
    if (this.#wal !== null && this.#walFile === undefined) {
      try {
        this.#walFile = openSync(this.#wal, 'r+');
      } catch {
        // Not there yet (nothing written since the database was opened): flushed below.
      }
    }
    const file = this.#walFile;
    if (file === undefined) return this.#flush();
    this.#flushing += 1;
    try {
      await datasync(file);
    } finally {
      this.#flushing -= 1;
      if (this.#closed && this.#flushing === 0) closeSync(file);
    }
  }

  /**
   * Stores the content hash of a row whose hash was pending (its upload hashed what it sent,
   * or its file was hashed since). Answers whether it was stored: not when the row has a hash
   * already, nor when another row at its path and destination holds that content (the row
   * then stays pending and is never taken for a copy of anything).
   */
  fillContentHash(id: number, sha256: string): boolean {
    const { changes } = statement(
      this.#db,
      `UPDATE OR IGNORE recordings SET sha256 = ? WHERE id = ? AND sha256 = '${PENDING_SHA256}'`,
    ).run(sha256, id);
    return Number(changes) > 0;
  }

  /** Records that the platform confirmed the recording. */
  markUploaded(
    id: number,
    receipt: { readonly remoteId: string; readonly url?: string },
  ): RecordingRow {
    const at = this.#now();
    return this.#move(
      id,
      'uploaded',
      'delivered',
      {
        remoteId: receipt.remoteId,
        remoteUrl: receipt.url ?? null,
        uploadedAt: at,
        nextAttemptAt: null,
        error: null,
        errorCode: null,
      },
      at,
      // Flushed by the next claim, or before any post-upload action: a power cut before that
      // leaves the row `uploading`, and the platform is asked before it is sent again.
      false,
    );
  }

  /** Records a failed attempt worth repeating at `nextAttemptAt` (code defaults to 'transient'). */
  markRetrying(
    id: number,
    attempt: {
      readonly message: string;
      readonly code?: QueueErrorCode;
      readonly nextAttemptAt: number;
    },
  ): RecordingRow {
    return this.#move(id, 'retrying', attempt.message, {
      error: attempt.message,
      errorCode: attempt.code ?? 'transient',
      nextAttemptAt: attempt.nextAttemptAt,
    });
  }

  /** Records that the row needs a person, and why. */
  markFailed(
    id: number,
    problem: { readonly code: QueueErrorCode; readonly message: string },
  ): RecordingRow {
    return this.#move(id, 'failed', problem.message, {
      error: problem.message,
      errorCode: problem.code,
      nextAttemptAt: null,
    });
  }

  /** Records that the row will not be delivered (by a person or a rule), and why. */
  markSkipped(id: number, message: string, code: QueueErrorCode | null = null): RecordingRow {
    return this.#move(id, 'skipped', message, {
      error: message,
      errorCode: code,
      nextAttemptAt: null,
    });
  }

  /**
   * Puts a row back in the queue. From failed, skipped or retrying this is a person's
   * retry and starts the attempt count again; from uploading it is start-up recovery
   * (the platform does not have the file) and the count is kept.
   */
  requeue(id: number, message?: string): RecordingRow {
    const recovery = this.#mustGet(id).status === 'uploading';
    const patch: RowPatch = { nextAttemptAt: null, error: null, errorCode: null };
    return this.#move(
      id,
      'queued',
      message ??
        (recovery ? 'the interrupted upload will be sent again' : 'queued again by a person'),
      recovery ? patch : { ...patch, attempts: 0 },
    );
  }

  /** Records that the platform finished processing the delivered recording. */
  markProcessed(id: number): RecordingRow {
    return this.#move(id, 'processed', 'the platform finished processing it', {});
  }

  /**
   * Records that the post-upload action ran for this row's file: every delivered (or
   * duplicate-skipped) row at the same path is marked, since the action concerns the file.
   */
  markAfterUploadDone(id: number, message = 'the post-upload action ran'): readonly RecordingRow[] {
    const at = this.#now();
    const rows = inTransaction(this.#db, () =>
      markPathHandled(this.#db, this.#mustGet(id), message, at),
    );
    for (const row of rows) this.#updates.emit(row);
    return rows;
  }

  /** Adds a line to a row's history without changing its state (something a person should know). */
  note(id: number, message: string): RecordingRow {
    const at = this.#now();
    const row = inTransaction(this.#db, () => {
      const current = this.#mustGet(id);
      return patchRow(this.#db, current, current.status, {}, message, at);
    });
    this.#updates.emit(row);
    return row;
  }

  /** Rows left `uploading` (by a crash or a stop): resolve them at start-up. */
  inFlight(): readonly RecordingRow[] {
    return statement(this.#db, `SELECT * FROM recordings WHERE status = 'uploading' ORDER BY id`)
      .all()
      .map(rowFromSql);
  }

  /** The earliest time a `retrying` row is due, or null when none waits. */
  nextWakeAt(): number | null {
    const row = statement(
      this.#db,
      `SELECT MIN(next_attempt_at) AS at FROM recordings WHERE status = 'retrying'`,
    ).get();
    return typeof row?.['at'] === 'number' ? row['at'] : null;
  }

  /**
   * Delivered rows of a destination whose processing the platform has not finished,
   * oldest first after row `afterId` (callers go round: pass the last id they saw).
   */
  awaitingProcessing(destination: string, afterId: number, limit: number): readonly RecordingRow[] {
    return statement(
      this.#db,
      `SELECT * FROM recordings WHERE status = 'uploaded' AND destination = ?
           AND remote_id IS NOT NULL AND id > ? ORDER BY id LIMIT ?`,
    )
      .all(destination, afterId, limit)
      .map(rowFromSql);
  }

  /**
   * Makes every recording of a destination that waits to retry due now (its settings or
   * secret changed: the old wait was about the old ones). Answers how many.
   */
  retryDueNow(destination: string): number {
    const { changes } = statement(
      this.#db,
      `UPDATE recordings SET next_attempt_at = ? WHERE destination = ? AND status = 'retrying'
           AND next_attempt_at > ?`,
    ).run(this.#now(), destination, this.#now());
    return Number(changes);
  }

  /** Records that the platform could not process a delivered recording, and why. */
  markProcessingFailed(id: number, message: string): RecordingRow {
    return this.#move(id, 'failed', message, { error: message, errorCode: 'processing' });
  }

  /** Gives a row new call details (its sidecar changed), keeping its state; logs why. */
  replaceMetadata(id: number, metadata: CallMetadata, message: string): RecordingRow {
    const at = this.#now();
    const row = inTransaction(this.#db, () => {
      const current = this.#mustGet(id);
      return rewriteFacts(this.#db, current, { ...current, metadata }, {}, message, at);
    });
    this.#updates.emit(row);
    return row;
  }

  /**
   * Rows whose recording could own the sidecar `<base>.json`: the recording `<base>` itself,
   * and recordings `<base>.<extension>`.
   */
  rowsForSidecarBase(base: string): readonly RecordingRow[] {
    return statement(
      this.#db,
      'SELECT * FROM recordings WHERE path = ? OR (path > ? AND path < ?) ORDER BY id',
    )
      .all(base, `${base}.`, `${base}/`)
      .map(rowFromSql);
  }

  /** One row, or null. */
  get(id: number): RecordingRow | null {
    return readRow(this.#db, id);
  }

  /** Every row at a path (each destination and content it had), oldest first. */
  rowsForPath(path: string): readonly RecordingRow[] {
    return statement(this.#db, 'SELECT * FROM recordings WHERE path = ? ORDER BY id')
      .all(path)
      .map(rowFromSql);
  }

  /**
   * For each file, the destinations holding it with exactly its size and time (files none
   * holds so are left out): a restart's scan asks, a batch of files at a time, whether they
   * have anything new to take in.
   */
  destinationsHolding(files: readonly FileAsIs[]): ReadonlyMap<string, ReadonlySet<string>> {
    return destinationsHolding(this.#db, files);
  }

  /** A row's history, oldest first. */
  events(id: number): readonly RecordingEvent[] {
    return statement(this.#db, 'SELECT * FROM recording_events WHERE recording_id = ? ORDER BY id')
      .all(id)
      .map(eventFromSql);
  }

  /** How many rows are in each state, for every destination or one. */
  counts(destination?: string): StatusCounts {
    const counts = Object.fromEntries(RECORDING_STATUSES.map((s) => [s, 0])) as Record<
      RecordingStatus,
      number
    >;
    const rows =
      destination === undefined
        ? statement(this.#db, 'SELECT status, COUNT(*) AS n FROM recordings GROUP BY status').all()
        : statement(
            this.#db,
            'SELECT status, COUNT(*) AS n FROM recordings WHERE destination = ? GROUP BY status',
          ).all(destination);
    for (const r of rows) {
      counts[r['status'] as RecordingStatus] = Number(r['n']);
    }
    return counts;
  }

  /** Counts per destination and state, the oldest waiting and newest found times: for /metrics. */
  statistics(): QueueStatistics {
    return queueStatistics(this.#db);
  }

  /** When each destination last had a recording confirmed; reads every row, so call it rarely. */
  lastDelivered(): readonly DestinationTime[] {
    return lastDeliveredTimes(this.#db);
  }

  /** A page of rows, newest change first, filtered by state, destination and text. */
  list(query: ListQuery = {}): ListPage {
    return listRecordings(this.#db, query);
  }

  /**
   * Files whose post-upload action may run: every row at the path not yet handled is
   * delivered (or skipped as a duplicate), at least one was delivered, and the last
   * delivery was at or before `uploadedBeforeMs` (ms since the epoch).
   */
  pathsDueForAfterUpload(uploadedBeforeMs: number): readonly string[] {
    // Deliveries are committed without a flush of their own: flushed before files are moved
    // or deleted because of them.
    this.#flush();
    return pathsDue(this.#db, uploadedBeforeMs);
  }

  /** A value the service keeps across restarts (pause, per-destination pauses), or null. */
  getState(key: string): string | null {
    const row = statement(this.#db, 'SELECT value FROM service_state WHERE key = ?').get(key);
    return typeof row?.['value'] === 'string' ? row['value'] : null;
  }

  /** Stores a value under `key`, committed before returning; null removes it. */
  setState(key: string, value: string | null): void {
    if (value === null) statement(this.#db, 'DELETE FROM service_state WHERE key = ?').run(key);
    else {
      statement(
        this.#db,
        'INSERT INTO service_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ).run(key, value);
    }
  }

  /** Closes the database file. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#db.close();
    if (this.#walFile !== undefined && this.#flushing === 0) closeSync(this.#walFile);
  }

  #move(
    id: number,
    to: RecordingStatus,
    message: string,
    patch: RowPatch,
    at = this.#now(),
    durable = true,
  ): RecordingRow {
    const row = inTransaction(
      this.#db,
      () => transitionRow(this.#db, this.#mustGet(id), to, patch, message, at),
      { durable },
    );
    this.#updates.emit(row);
    return row;
  }

  /** Puts every commit so far on the disk: a durable commit flushes the ones before it too. */
  #flush(): void {
    inTransaction(this.#db, () =>
      statement(
        this.#db,
        `INSERT INTO service_state (key, value) VALUES ('flushed-at', ?)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      ).run(String(this.#now())),
    );
  }

  #mustGet(id: number): RecordingRow {
    const row = readRow(this.#db, id);
    if (!row) throw new UnknownRecordingError(id);
    return row;
  }
}

const datasync = promisify(fdatasync);

/** The write-ahead log of a database file, or null (in memory, or another journal mode). */
function walPath(db: DatabaseSync): string | null {
  const location = db.location();
  if (!location) return null;
  const mode = statement(db, 'PRAGMA journal_mode').get() as { journal_mode: string };
  return mode.journal_mode === 'wal' ? `${location}-wal` : null;
}
