import type { RecordingStatus } from './recording-status.ts';

/**
 * Every transition a row may make (DESIGN.md, "The flow"). Anything else is a
 * programming error. uploading → queued is crash recovery when the platform does
 * not have the recording; failed|skipped|retrying → queued is a person's retry;
 * uploading → skipped is the platform declining it; uploaded → failed is the platform
 * failing to process it.
 */
export const TRANSITIONS: Readonly<Record<RecordingStatus, readonly RecordingStatus[]>> = {
  queued: ['uploading', 'skipped', 'failed'],
  uploading: ['uploaded', 'retrying', 'failed', 'skipped', 'queued'],
  retrying: ['uploading', 'failed', 'skipped', 'queued'],
  uploaded: ['processed', 'failed'],
  processed: [],
  failed: ['queued', 'skipped'],
  skipped: ['queued'],
};

/** Thrown when code asks for a transition the state machine does not allow. */
export class IllegalTransitionError extends Error {
  override readonly name = 'IllegalTransitionError';
  readonly from: RecordingStatus;
  readonly to: RecordingStatus;

  constructor(from: RecordingStatus, to: RecordingStatus, recordingId?: number) {
    const which = recordingId === undefined ? 'a recording' : `recording ${recordingId}`;
    super(`${which} cannot go from ${from} to ${to}`);
    this.from = from;
    this.to = to;
  }
}

/** Whether a row in `from` may move to `to`. */
export function canTransition(from: RecordingStatus, to: RecordingStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Throws IllegalTransitionError unless `from` → `to` is allowed. */
export function assertTransition(
  from: RecordingStatus,
  to: RecordingStatus,
  recordingId?: number,
): void {
  if (!canTransition(from, to)) throw new IllegalTransitionError(from, to, recordingId);
}
