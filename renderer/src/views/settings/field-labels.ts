/**
 * The label of every settings field the window draws, in one place: the forms use them, and
 * error summaries name the field with the same words. Destination options take their labels
 * from the connector's declaration instead.
 */
export const FOLDER_LABELS = {
  path: 'Recordings folder',
  recursive: 'Include sub-folders',
  destinations: 'Send recordings to',
  preset: 'How names are read',
  template: 'Name template',
  timeZone: 'Time zone of the times in names',
  usePolling: 'Network share (check for new files every few seconds)',
} as const;

export const PROFILE_LABELS = {
  connector: 'Platform',
  label: 'Name shown',
  id: 'Short id',
  allowInsecureHttp: 'Allow an unencrypted http:// address',
  options: 'Options',
  when: 'Which recordings go here',
} as const;

export const UPLOAD_LABELS = {
  concurrency: 'Uploads at the same time',
  concurrencyPerDestination: 'Uploads at the same time to one destination',
  bandwidthLimit: 'Upload speed limit',
  schedule: 'Timetable',
  stableForSeconds: 'Seconds a recording must stay unchanged',
  afterUpload: 'After upload',
} as const;

export const SCHEDULE_LABELS = {
  days: 'Days',
  from: 'From',
  to: 'To',
  bandwidthLimit: 'Speed limit',
  paused: 'Send nothing',
} as const;

export const AFTER_UPLOAD_LABELS = {
  action: 'After upload',
  archiveDir: 'Archive folder',
  afterDays: 'Delete after (days)',
} as const;

export const BACKFILL_LABELS = {
  since: 'Skip recordings from before',
} as const;
