import type { WatchFolder } from '../settings/schema.ts';

/** A recording that has stopped changing and can be read: ready to be taken in. */
export interface ReadyRecording {
  readonly path: string;
  readonly sizeBytes: number;
  readonly mtimeMs: number;
  /** The watch folder the recording was found in, as its settings are now. */
  readonly folder: WatchFolder;
}

/**
 * A sidecar (call details in JSON, `rec.wav.json` or `rec.json`) that has stopped changing and
 * can be read: its recording's details may need updating. Any `.json` file in a watch folder
 * is reported, so it may belong to no recording at all.
 */
export interface ReadySidecar {
  readonly path: string;
  readonly sizeBytes: number;
  readonly mtimeMs: number;
  /** The watch folder the sidecar was found in, as its settings are now. */
  readonly folder: WatchFolder;
}

/** Something that keeps a folder or a recording from being watched, in plain words. */
export interface WatchProblem {
  /** The folder or file concerned, when there is one. */
  readonly path?: string;
  readonly message: string;
}

/** How the watcher decides a recording is finished, and how often it looks again. */
export interface RecordingWatcherOptions {
  /** A recording is finished once its size and time have not changed for this long. */
  readonly stableForSeconds: number;
  /** Recordings last changed before this are never taken (limits how far back an archive goes). */
  readonly backfillSince?: Date;
  /** How often every folder is walked again to catch what change events missed. */
  readonly rescanIntervalMs?: number;
  /** How often a polled folder (`usePolling`, network shares) is checked for changes. */
  readonly pollIntervalMs?: number;
  /**
   * Which of these files the caller already took in as they are (the queue holds them with
   * this size and time, as after a restart), by path: a scan then counts them as reported
   * without opening them or reporting them again, so that a start-up with a long history costs
   * a stat per file. Asked with a batch of a scan's files at a time.
   */
  readonly alreadyTaken?: (files: readonly FileFacts[]) => ReadonlySet<string>;
}

/** A file's path with the size and time a scan found. */
export interface FileFacts {
  readonly path: string;
  readonly sizeBytes: number;
  readonly mtimeMs: number;
}
