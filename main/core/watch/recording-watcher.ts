import { resolve } from 'node:path';
import type { WatchFolder } from '../settings/schema.ts';
import { FolderWatch, type FolderWatchTiming } from './folder-watch.ts';
import type { KnownFiles } from './known-files.ts';
import { TypedEvent, type Disposer } from '../events/typed-event.ts';
import type {
  ReadyRecording,
  ReadySidecar,
  RecordingWatcherOptions,
  WatchProblem,
} from './watch-types.ts';

/** A rescan every hour catches what change events missed. */
export const DEFAULT_RESCAN_INTERVAL_MS = 3_600_000;
/** Polled folders are network shares: checking each file every 2 s keeps the share quiet. */
export const DEFAULT_POLL_INTERVAL_MS = 2_000;

interface Watched {
  readonly watch: FolderWatch;
  /** Where and how the folder is watched: a change here needs a new FolderWatch. */
  readonly mode: string;
  readonly disposers: readonly Disposer[];
}

/**
 * Watches the recorder's folders and reports each recording once it is finished: its size
 * and time have not changed for `stableForSeconds` and it can be opened for reading. Scans
 * what is already there on start, rescans now and then, and takes new folder settings live.
 * Sidecars (any `.json` file) are watched by the same rules and reported through `onSidecar`.
 */
export class RecordingWatcher {
  readonly #readyEvent = new TypedEvent<ReadyRecording>();
  readonly #sidecarEvent = new TypedEvent<ReadySidecar>();
  readonly #errorEvent = new TypedEvent<WatchProblem>();
  readonly #timing: FolderWatchTiming;
  readonly #rescanIntervalMs: number;
  /** How often pending files are looked at: a few times per stability window. */
  readonly #checkIntervalMs: number;
  readonly #watched = new Map<string, Watched>();
  #folders: readonly WatchFolder[];
  #state: 'new' | 'running' | 'closed' = 'new';
  /** The one timer that looks at pending files, set while any file is pending. */
  #checkTimer: NodeJS.Timeout | undefined;
  #rescanTimer: NodeJS.Timeout | undefined;

  constructor(folders: readonly WatchFolder[], options: RecordingWatcherOptions) {
    const stableMs = options.stableForSeconds * 1000;
    this.#folders = folders;
    this.#checkIntervalMs = Math.min(1000, Math.max(100, stableMs / 4));
    this.#timing = {
      stableMs,
      backfillSinceMs: options.backfillSince?.getTime(),
      pollIntervalMs: options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
      ...(options.alreadyTaken ? { alreadyTaken: options.alreadyTaken } : {}),
      checkIntervalMs: this.#checkIntervalMs,
    };
    this.#rescanIntervalMs = options.rescanIntervalMs ?? DEFAULT_RESCAN_INTERVAL_MS;
  }

  /** Calls the listener with each finished recording, again whenever it changed and settled again. */
  onReady(listener: (recording: ReadyRecording) => void): Disposer {
    return this.#readyEvent.on(listener);
  }

  /**
   * Calls the listener with each finished sidecar, again whenever it changed and settled again.
   * At start every sidecar already there (and not before `backfillSince`) is reported once, in
   * no set order with the recordings.
   */
  onSidecar(listener: (sidecar: ReadySidecar) => void): Disposer {
    return this.#sidecarEvent.on(listener);
  }

  /** Calls the listener with each problem, in plain words; watching goes on. */
  onError(listener: (problem: WatchProblem) => void): Disposer {
    return this.#errorEvent.on(listener);
  }

  /** How many folders the system tells of changes in (one watch each; polled folders have none). */
  get watchedFolders(): number {
    let count = 0;
    for (const { watch } of this.#watched.values()) count += watch.watchedFolders;
    return count;
  }

  /** Some file is waiting to be found finished (its stability window has not ended). */
  get hasPending(): boolean {
    for (const { watch } of this.#watched.values()) if (watch.hasPending) return true;
    return false;
  }

  /** Starts watching every folder; resolves once what was already there has been scanned. */
  async start(): Promise<void> {
    if (this.#state !== 'new') return;
    this.#state = 'running';
    this.#rescanTimer = setInterval(() => void this.rescan(), this.#rescanIntervalMs).unref();
    await this.#apply(this.#folders);
  }

  /** Walks every folder again for recordings that change events missed. */
  async rescan(): Promise<void> {
    if (this.#state !== 'running') return;
    await Promise.all([...this.#watched.values()].map(({ watch }) => watch.rescan()));
  }

  /**
   * Applies new folder settings: stops watching removed folders, starts (and scans) new ones,
   * and hands changed destinations or presets to the folders kept. Resolves once new folders
   * are scanned.
   */
  async replaceFolders(folders: readonly WatchFolder[]): Promise<void> {
    if (this.#state === 'closed') return;
    this.#folders = folders;
    if (this.#state === 'running') await this.#apply(folders);
  }

  /** Stops watching for good; nothing is reported after it resolves. */
  async close(): Promise<void> {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    clearInterval(this.#rescanTimer);
    clearTimeout(this.#checkTimer);
    const watched = [...this.#watched.values()];
    this.#watched.clear();
    await Promise.all(watched.map((entry) => this.#stop(entry)));
    this.#readyEvent.clear();
    this.#sidecarEvent.clear();
    this.#errorEvent.clear();
  }

  /** Brings the watched folders in line with the settings; the map changes before any await. */
  async #apply(folders: readonly WatchFolder[]): Promise<void> {
    const wanted = new Map<string, WatchFolder>();
    // The same folder listed twice is watched once, with the first entry's settings.
    for (const folder of folders) {
      const root = resolve(folder.path);
      if (!wanted.has(root)) wanted.set(root, folder);
    }
    const stopping: Promise<void>[] = [];
    const inherited = new Map<string, KnownFiles>();
    for (const [root, entry] of this.#watched) {
      const folder = wanted.get(root);
      if (folder && modeOf(folder) === entry.mode) {
        entry.watch.updateSettings(folder);
        wanted.delete(root);
        continue;
      }
      // Removed, or watched another way: a new watch of the same folder keeps what was reported.
      if (folder) inherited.set(root, entry.watch.known);
      this.#watched.delete(root);
      stopping.push(this.#stop(entry));
    }
    const starting = [...wanted].map(([root, folder]) => {
      const watch = new FolderWatch(folder, this.#timing, inherited.get(root));
      this.#watched.set(root, {
        watch,
        mode: modeOf(folder),
        disposers: [
          watch.onReady((recording) => this.#readyEvent.emit(recording)),
          watch.onSidecar((sidecar) => this.#sidecarEvent.emit(sidecar)),
          watch.onError((problem) => this.#errorEvent.emit(problem)),
          watch.onPending(() => this.#scheduleCheck()),
        ],
      });
      return watch.start();
    });
    await Promise.all([...stopping, ...starting]);
  }

  async #stop(entry: Watched): Promise<void> {
    for (const dispose of entry.disposers) dispose();
    await entry.watch.close();
  }

  /**
   * Arms the one timer for pending files, unless it is armed or a check is running: a check
   * interval from now, or sooner when a file's stability window ends sooner, so that a
   * finished recording is reported as its window ends, not up to an interval later.
   */
  #scheduleCheck(): void {
    if (this.#checkTimer || this.#state !== 'running') return;
    const now = Date.now();
    let delay = this.#checkIntervalMs;
    for (const { watch } of this.#watched.values()) {
      const at = watch.nextFinishableAt(now);
      // One millisecond late rather than early: timers and Date.now() round differently.
      if (at !== undefined) delay = Math.min(delay, at - now + 1);
    }
    this.#checkTimer = setTimeout(() => void this.#checkPending(), delay).unref();
  }

  async #checkPending(): Promise<void> {
    const now = Date.now();
    const watches = [...this.#watched.values()].map(({ watch }) => watch);
    try {
      await Promise.all(watches.map((watch) => watch.checkPending(now)));
    } finally {
      this.#checkTimer = undefined;
      if (this.hasPending) this.#scheduleCheck();
    }
  }
}

function modeOf(folder: WatchFolder): string {
  return JSON.stringify([resolve(folder.path), folder.recursive, folder.usePolling]);
}
