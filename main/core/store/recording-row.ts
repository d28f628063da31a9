import type { CallMetadata } from '../metadata/call-metadata.ts';
import type { ProblemCode } from '../problem.ts';
import type { AudioFacts } from '../recording/audio-facts.ts';
import type { RecordingStatus } from './recording-status.ts';

/** Why delivery stopped or paused, beyond what the probe finds wrong with a file (PROBLEM_CODES). */
export const DELIVERY_ERROR_CODES = [
  'transient', // network trouble, timeout, 5xx, 429: tried again later
  'uncertain', // the body may have reached the platform: ask it before sending again
  'interrupted', // the attempt was cut off (crash, shutdown)
  'auth', // the platform refused the credentials
  'configuration', // a setting or secret the destination needs is missing or wrong
  'rejected', // the platform will never accept this file as it is
  'duplicate', // the same content was already delivered or queued under another name
  'rule', // the destination's rule does not take this recording (routing)
  'declined', // the platform's own settings say it does not want this recording
  'processing', // the platform took the file but could not process it
  'changed', // the file changed on disk after it was examined: not sent as it is
] as const;

/** A machine-readable reason stored next to a row's plain-words error. */
export type QueueErrorCode = ProblemCode | (typeof DELIVERY_ERROR_CODES)[number];

/**
 * The `sha256` of a row whose content hash is not known yet: a big recording that could be the
 * copy of no other is read once, by its upload, which hashes what it sends (a 2 GiB recording
 * took 1.2–1.6 s to hash first). Never a hex hash, so never a duplicate of anything.
 */
export const PENDING_SHA256 = 'pending';

/** Whether the row's content hash is still to be learnt from its upload. */
export function hashPending(recording: Pick<NewRecording, 'sha256'>): boolean {
  return recording.sha256 === PENDING_SHA256;
}

/** A finished recording found on disk, with what the probe and the name told about it. */
export interface NewRecording {
  readonly path: string;
  /** The original base name, as the platform will see it. */
  readonly fileName: string;
  readonly sizeBytes: number;
  readonly mtimeMs: number;
  /**
   * Hex SHA-256 of the content, or PENDING_SHA256 while the upload of a big recording hashes
   * the bytes it sends (see HASHED_WHILE_SENT_FROM_BYTES).
   */
  readonly sha256: string;
  readonly metadata: CallMetadata;
  readonly audio: AudioFacts | null;
}

/** One recording at one destination, as the queue holds it. Times are ms since the epoch. */
export interface RecordingRow extends NewRecording {
  readonly id: number;
  /** The destination profile id. */
  readonly destination: string;
  readonly status: RecordingStatus;
  /** Upload attempts started (1 while the first is under way). */
  readonly attempts: number;
  /** When a `retrying` row may be tried again. */
  readonly nextAttemptAt: number | null;
  /** The last error, or why the row was skipped, in words a supervisor understands. */
  readonly error: string | null;
  readonly errorCode: QueueErrorCode | null;
  /** The platform's id for the delivered recording. */
  readonly remoteId: string | null;
  readonly remoteUrl: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly uploadedAt: number | null;
  /** When the post-upload action (keep/move/delete) was done for this file. */
  readonly afterUploadDoneAt: number | null;
  /** Problems that do not stop delivery (a name the platform will not read, a bad sidecar), in plain words. */
  readonly warnings: readonly string[];
}

/** One entry of a row's history: a transition, or a change of facts without one (from = to). */
export interface RecordingEvent {
  readonly id: number;
  readonly recordingId: number;
  readonly at: number;
  /** Null for the entry that created the row. */
  readonly from: RecordingStatus | null;
  readonly to: RecordingStatus;
  readonly message: string;
}

/** How many rows are in each state; every state is present. */
export type StatusCounts = Readonly<Record<RecordingStatus, number>>;
