/**
 * The life of one recording at one destination (DESIGN.md, "The flow"):
 * queued → uploading → uploaded (→ processed); uploading → retrying → uploading;
 * any → failed (needs a person); failed|queued → skipped (by a person or a rule).
 */
export const RECORDING_STATUSES = [
  'queued',
  'uploading',
  'retrying',
  'uploaded',
  'processed',
  'failed',
  'skipped',
] as const;

export type RecordingStatus = (typeof RECORDING_STATUSES)[number];
