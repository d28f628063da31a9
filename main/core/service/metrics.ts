import type { StatusAnswer } from '../../../preload/api.ts';
import type { DestinationTime, QueueStatistics } from '../store/queue-statistics.ts';
import { RECORDING_STATUSES } from '../store/recording-status.ts';
import type { BuildInfo } from './build-info.ts';
import { ALARM_IDS } from '../alarms/alarm-ids.ts';
import { METRICS } from './metric-catalog.ts';
import { family, type Sample } from './prometheus-text.ts';
import { UPLOAD_RESULTS, type UploadTally } from './upload-counters.ts';

/** Everything GET /metrics reports, gathered by the service at the moment of the scrape. */
export interface MetricsInput {
  readonly status: StatusAnswer;
  readonly queue: QueueStatistics;
  /** When each destination last had a recording confirmed. */
  readonly lastDelivered: readonly DestinationTime[];
  readonly uploads: readonly UploadTally[];
  readonly build: BuildInfo;
  /** When the service started, ms since the epoch. */
  readonly startedAt: number;
  /** Now, ms since the epoch (ages are counted to it). */
  readonly now: number;
}

const DESTINATION_STATES = ['active', 'paused', 'offline'] as const;

/**
 * The metrics in Prometheus text exposition format 0.0.4 (docs/monitoring/README.md). Every
 * configured destination, and every destination the queue still holds rows for, has its
 * series even when they are 0, so rates and alerts see them from the first scrape.
 */
export function prometheusText(input: MetricsInput): string {
  const { status, queue, now } = input;
  const configured = status.profiles.map((p) => p.id);
  const known = sorted([
    ...configured,
    ...queue.counts.map((c) => c.destination),
    ...input.uploads.map((u) => u.destination),
  ]);
  const count = (destination: string, s: string) =>
    queue.counts.find((c) => c.destination === destination && c.status === s)?.count ?? 0;
  const timeOf = (list: readonly DestinationTime[], destination: string) =>
    list.find((t) => t.destination === destination)?.at;
  const tally = (destination: string, result: string) =>
    input.uploads.find((u) => u.destination === destination && u.result === result);
  const perResult = (value: (destination: string, result: string) => number): Sample[] =>
    known.flatMap((destination) =>
      UPLOAD_RESULTS.map((result) => ({
        labels: { destination, result },
        value: value(destination, result),
      })),
    );
  const lines = [
    ...family(METRICS.buildInfo, [{ labels: { ...input.build }, value: 1 }]),
    ...family(METRICS.startTime, [{ value: seconds(input.startedAt) }]),
    ...family(METRICS.paused, [{ value: status.state === 'paused' ? 1 : 0 }]),
    ...family(
      METRICS.queueRecordings,
      known.flatMap((destination) =>
        RECORDING_STATUSES.map((s) => ({
          labels: { destination, status: s },
          value: count(destination, s),
        })),
      ),
    ),
    ...family(
      METRICS.oldestQueuedAge,
      known.map((destination) => {
        const at = timeOf(queue.oldestWaiting, destination);
        return { labels: { destination }, value: at === undefined ? 0 : ageSeconds(now, at) };
      }),
    ),
    ...family(
      METRICS.uploads,
      perResult((d, r) => tally(d, r)?.count ?? 0),
    ),
    ...family(
      METRICS.uploadBytes,
      perResult((d, r) => tally(d, r)?.bytes ?? 0),
    ),
    ...family(
      METRICS.lastUpload,
      known.map((destination) => ({
        labels: { destination },
        value: seconds(timeOf(input.lastDelivered, destination) ?? 0),
      })),
    ),
    ...family(METRICS.lastRecording, [{ value: seconds(queue.lastFoundAt ?? 0) }]),
    ...family(
      METRICS.destinationInfo,
      status.profiles.map((p) => ({
        labels: { destination: p.id, connector: p.connector },
        value: 1,
      })),
    ),
    ...family(
      METRICS.destinationUp,
      status.profiles.map((p) => ({
        labels: { destination: p.id },
        value: p.state === 'active' ? 1 : 0,
      })),
    ),
    ...family(
      METRICS.destinationState,
      status.profiles.flatMap((p) =>
        DESTINATION_STATES.map((state) => ({
          labels: { destination: p.id, state },
          value: p.state === state ? 1 : 0,
        })),
      ),
    ),
    ...family(
      METRICS.alarmActive,
      ALARM_IDS.map((alarm) => ({
        labels: { alarm },
        value: status.alarms?.some((a) => a.id === alarm) ? 1 : 0,
      })),
    ),
  ];
  return `${lines.join('\n')}\n`;
}

function sorted(names: readonly string[]): string[] {
  return [...new Set(names)].sort();
}

function seconds(ms: number): number {
  return ms / 1000;
}

function ageSeconds(now: number, at: number): number {
  return Math.max(0, (now - at) / 1000);
}
