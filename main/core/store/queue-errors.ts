import type { RecordingRow } from './recording-row.ts';

/** Thrown when a method is given the id of a row the queue does not hold. */
export class UnknownRecordingError extends Error {
  override readonly name = 'UnknownRecordingError';
  readonly recordingId: number;

  constructor(recordingId: number) {
    super(`the queue holds no recording with id ${recordingId}`);
    this.recordingId = recordingId;
  }
}

/** Thrown when `list` is given a cursor it did not hand out. */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';

  constructor() {
    super('the paging cursor is not one this queue handed out');
  }
}

/**
 * Thrown by enqueue (whose transaction it undoes) when the recording cannot be queued before
 * some content hashes are known: its own, left to its upload, when another recording of its
 * size could be the same; or those of `pending`, rows of its size whose uploads have not
 * hashed them yet. The caller hashes what is named and enqueues again.
 */
export class ContentHashNeededError extends Error {
  override readonly name = 'ContentHashNeededError';
  /** Rows whose hash is pending and whose content could be this recording's. */
  readonly pending: readonly RecordingRow[];

  constructor(pending: readonly RecordingRow[]) {
    super(
      pending.length === 0
        ? 'the recording must be hashed before it is queued'
        : `${pending.length} recording(s) of the same size must be hashed before this one is queued`,
    );
    this.pending = pending;
  }
}

/**
 * Thrown by enqueue when a recording it would have to compare this one with is being sent
 * right now and its hash is only known once that upload ends: the caller tries again later.
 */
export class ContentBeingSentError extends Error {
  override readonly name = 'ContentBeingSentError';

  constructor(row: RecordingRow) {
    super(
      `${row.fileName} is being sent to ${row.destination} and hashed as it goes, and this recording can only be told apart from it once that upload ends`,
    );
  }
}
