import type { RecordingStatus, ServiceState } from '../../../preload/api.ts';

/** Each recording status in the words the window uses. */
export const STATUS_WORDS: Readonly<Record<RecordingStatus, string>> = {
  queued: 'Waiting',
  uploading: 'Sending',
  retrying: 'Will retry',
  uploaded: 'Delivered',
  processed: 'Processed',
  failed: 'Needs attention',
  skipped: 'Skipped',
};

/** The service state in the words the header uses. */
export const STATE_WORDS: Readonly<Record<ServiceState, string>> = {
  running: 'Running',
  paused: 'Paused',
  offline: 'Offline',
};
