/** One metric family of GET /metrics, as docs/monitoring/README.md documents it. */
export interface MetricDefinition {
  readonly name: string;
  readonly type: 'gauge' | 'counter';
  /** The HELP line: what it measures, in one sentence. */
  readonly help: string;
  readonly labels: readonly string[];
}

/**
 * Every metric Call Courier exposes (Prometheus conventions: the call_courier_ prefix, _total
 * for counters, base units _seconds and _bytes). Renaming one breaks users' dashboards and
 * alerts: add a new name instead, and keep docs/monitoring/ in step (a test checks).
 */
export const METRICS = {
  buildInfo: {
    name: 'call_courier_build_info',
    type: 'gauge',
    help: 'Always 1; the labels say which Call Courier and which Node.js run.',
    labels: ['version', 'node'],
  },
  startTime: {
    name: 'call_courier_start_time_seconds',
    type: 'gauge',
    help: 'When the service started (unix seconds); the counters count from then.',
    labels: [],
  },
  paused: {
    name: 'call_courier_paused',
    type: 'gauge',
    help: '1 when a person paused delivery, else 0.',
    labels: [],
  },
  queueRecordings: {
    name: 'call_courier_queue_recordings',
    type: 'gauge',
    help: 'Recordings in the queue by destination and status (uploaded and processed ones are kept as history).',
    labels: ['destination', 'status'],
  },
  oldestQueuedAge: {
    name: 'call_courier_oldest_queued_age_seconds',
    type: 'gauge',
    help: 'Age of the oldest recording still on its way (queued, uploading or waiting to retry) per destination; 0 when none waits.',
    labels: ['destination'],
  },
  uploads: {
    name: 'call_courier_uploads_total',
    type: 'counter',
    help: 'Upload attempts since start by destination and result (delivered, retried, failed, declined).',
    labels: ['destination', 'result'],
  },
  uploadBytes: {
    name: 'call_courier_upload_bytes_total',
    type: 'counter',
    help: 'Size of the recordings of those upload attempts since start, by destination and result.',
    labels: ['destination', 'result'],
  },
  lastUpload: {
    name: 'call_courier_last_upload_timestamp_seconds',
    type: 'gauge',
    help: 'When a platform last confirmed a recording (unix seconds) per destination; 0 when none ever was.',
    labels: ['destination'],
  },
  lastRecording: {
    name: 'call_courier_last_recording_timestamp_seconds',
    type: 'gauge',
    help: 'When the newest recording was found in a watch folder (unix seconds); 0 when none was.',
    labels: [],
  },
  destinationInfo: {
    name: 'call_courier_destination_info',
    type: 'gauge',
    help: 'Always 1 for each configured destination; the connector label names its platform.',
    labels: ['destination', 'connector'],
  },
  destinationUp: {
    name: 'call_courier_destination_up',
    type: 'gauge',
    help: '1 when a destination accepts uploads (active), 0 when it is paused or offline.',
    labels: ['destination'],
  },
  destinationState: {
    name: 'call_courier_destination_state',
    type: 'gauge',
    help: '1 for the state a destination is in (active, paused: needs a person, offline: unreachable), 0 for the others.',
    labels: ['destination', 'state'],
  },
  alarmActive: {
    name: 'call_courier_alarm_active',
    type: 'gauge',
    help: '1 while an alarm is on (no-new-recordings, backlog-too-old, low-disk-space), else 0; each clears itself when its condition ends.',
    labels: ['alarm'],
  },
} as const satisfies Readonly<Record<string, MetricDefinition>>;

/** Every documented metric name. */
export const METRIC_NAMES: readonly string[] = Object.values(METRICS).map((m) => m.name);
