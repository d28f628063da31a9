import type { ActiveAlarm, ProfileStatus } from '../../../preload/api.ts';
import type { Logger } from '../log/logger.ts';
import type { Settings } from '../settings/schema.ts';
import type { QueueStatistics } from '../store/queue-statistics.ts';
import { AlarmBoard, type AlarmChange } from './alarm-board.ts';
import type { AlarmCondition } from './alarm-ids.ts';
import { backlogTooOld } from './backlog-too-old.ts';
import { parseDiskThreshold } from './disk-threshold.ts';
import { readDiskSpace, type DiskSpaceReader } from './disk-space.ts';
import { lowDiskSpace, readDrives } from './low-disk-space.ts';
import { noNewRecordings } from './no-new-recordings.ts';

/** What the alarms read from the rest of the service. */
export interface AlarmWatchOptions {
  readonly settings: () => Settings;
  readonly dataDir: string;
  readonly statistics: () => QueueStatistics;
  readonly destinations: () => readonly ProfileStatus[];
  readonly pausedByPerson: () => boolean;
  readonly heldByTimetable: () => boolean;
  /** Told every alarm that comes on or clears. */
  readonly onChange: (change: AlarmChange) => void;
  readonly log: Logger;
  /** The clock (ms since the epoch); tests move it instead of waiting. */
  readonly now?: () => number;
  /** Reads a drive's space; tests give a made-up drive. */
  readonly diskSpace?: DiskSpaceReader;
}

/**
 * Checks the alarms that catch silent failures (no new recordings in business hours, a backlog
 * too old, low disk space) and keeps which are on. Checks never overlap.
 */
export class AlarmWatch {
  readonly #options: AlarmWatchOptions;
  readonly #board = new AlarmBoard();
  readonly #now: () => number;
  readonly #startedAt: number;
  #running: Promise<void> = Promise.resolve();
  /** The newest recording's queue time at the last check, and when (by this clock) it changed. */
  #lastFound: number | null | undefined;
  #lastSeenAt = 0;

  constructor(options: AlarmWatchOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#startedAt = this.#now();
  }

  /** Checks every alarm once, after any check in progress. */
  check(): Promise<void> {
    this.#running = this.#running.then(() =>
      this.#check().catch((error: unknown) =>
        this.#options.log.warn(`the alarms could not be checked: ${(error as Error).message}`),
      ),
    );
    return this.#running;
  }

  /** Waits for the check in progress, if any (before the queue closes). */
  idle(): Promise<void> {
    return this.#running;
  }

  /** The alarms that are on now. */
  active(): readonly ActiveAlarm[] {
    return this.#board.active();
  }

  async #check(): Promise<void> {
    const { log } = this.#options;
    const settings = this.#options.settings();
    const conditions = [
      ...(await this.#diskCondition(settings)),
      ...this.#queueConditions(settings),
    ].filter((c): c is AlarmCondition => c !== null);
    for (const change of this.#board.update(conditions, this.#now())) {
      if (change.change === 'started') log.warn(`alarm: ${change.alarm.message}`);
      else log.info(`alarm cleared: ${change.alarm.id}`, { since: change.alarm.since });
      this.#options.onChange(change);
    }
  }

  #queueConditions(settings: Settings): (AlarmCondition | null)[] {
    const { alarms } = settings;
    if (alarms.noNewRecordings === 'off' && alarms.backlogOlderThanMinutes === 'off') return [];
    const now = this.#now();
    const queue = this.#options.statistics();
    if (this.#lastFound !== undefined && queue.lastFoundAt !== this.#lastFound) {
      this.#lastSeenAt = now;
    }
    this.#lastFound = queue.lastFoundAt;
    return [
      noNewRecordings(alarms.noNewRecordings, {
        now,
        // A recording seen since the last check counts as new now, whatever the queue's clock says.
        lastRecordingAt: Math.max(queue.lastFoundAt ?? 0, this.#lastSeenAt) || null,
        startedAt: this.#startedAt,
        watchFolders: settings.watch.map((w) => w.path),
      }),
      backlogTooOld(alarms.backlogOlderThanMinutes, {
        now,
        oldestWaiting: queue.oldestWaiting,
        destinations: this.#options.destinations(),
        pausedByPerson: this.#options.pausedByPerson(),
        heldByTimetable: this.#options.heldByTimetable(),
      }),
    ];
  }

  async #diskCondition(settings: Settings): Promise<(AlarmCondition | null)[]> {
    const threshold = parseDiskThreshold(settings.alarms.lowDiskFreeBelow) ?? null;
    if (!threshold) return [];
    const places = [
      ...settings.watch.map((w) => ({ path: w.path, role: 'watch folder' as const })),
      { path: this.#options.dataDir, role: 'data folder' as const },
    ];
    const drives = await readDrives(places, this.#options.diskSpace ?? readDiskSpace);
    return [lowDiskSpace(threshold, drives)];
  }
}
