import { basename, resolve, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { WatchFolder } from '../settings/schema.ts';
import { chokidarOptions } from './chokidar-options.ts';
import { ignoredBelow, watchedFileKind } from './ignore-rules.ts';
import { inBatches } from './in-batches.ts';
import { KnownFiles } from './known-files.ts';
import { scanFolder, type ScannedFile } from './scan-folder.ts';
import {
  examine,
  finishableAt,
  isDue,
  openProblem,
  pendingFile,
  type PendingFile,
} from './stability.ts';
import { TypedEvent, type Disposer } from '../events/typed-event.ts';
import { isGoneError, isLockedError, missingFolderMessage } from './watch-messages.ts';
import { WatchProblems } from './watch-problems.ts';
import { undecodableFilesOfRawEvent } from './undecodable-names.ts';
import { checkWatchRoot, type RootCheck } from './watch-root.ts';
import type { FileFacts, ReadyRecording, ReadySidecar, WatchProblem } from './watch-types.ts';

/** The settings every folder shares, in milliseconds. */
export interface FolderWatchTiming {
  readonly stableMs: number;
  readonly backfillSinceMs: number | undefined;
  readonly pollIntervalMs: number;
  /** Whether a recording was already taken in as it is (RecordingWatcherOptions.alreadyTaken). */
  readonly alreadyTaken?: (file: FileFacts) => boolean;
  /** How often each pending file is looked at, at the least. */
  readonly checkIntervalMs: number;
}

/** Pending files looked at the same time. */
const CHECK_BATCH = 32;

/**
 * Watches one watch folder: chokidar's change events, the scans at start and on rescan, and
 * the files waiting until they stop changing. Recordings and sidecars go the same way and
 * are reported through their own events. Knows nothing of other folders or of timers.
 */
export class FolderWatch {
  readonly root: string;
  readonly known: KnownFiles;
  readonly #timing: FolderWatchTiming;
  readonly #readyEvent = new TypedEvent<ReadyRecording>();
  readonly #sidecarEvent = new TypedEvent<ReadySidecar>();
  readonly #pendingEvent = new TypedEvent<string>();
  readonly #problems: WatchProblems;
  readonly #pending = new Map<string, PendingFile>();
  readonly #closedSignal = Promise.withResolvers<undefined>();
  #folder: WatchFolder;
  #watcher: FSWatcher | undefined;
  /** Resolves once chokidar has read the folder and its events can be trusted. */
  #watching: Promise<void> | undefined;
  #started: Promise<void> | undefined;
  #scanning: Promise<void> | undefined;
  #scans = 0;
  #closed = false;

  /** `known` carries what was reported over from an earlier watch of the same folder. */
  constructor(folder: WatchFolder, timing: FolderWatchTiming, known?: KnownFiles) {
    this.root = resolve(folder.path);
    this.#folder = folder;
    this.#timing = timing;
    this.known = known ?? new KnownFiles(this.root);
    this.#problems = new WatchProblems(this.root);
  }

  /** Calls the listener with each recording of this folder that is finished. */
  onReady(listener: (recording: ReadyRecording) => void): Disposer {
    return this.#readyEvent.on(listener);
  }

  /** Calls the listener with each sidecar of this folder that is finished. */
  onSidecar(listener: (sidecar: ReadySidecar) => void): Disposer {
    return this.#sidecarEvent.on(listener);
  }

  /** Calls the listener with each problem, said once until the next scan. */
  onError(listener: (problem: WatchProblem) => void): Disposer {
    return this.#problems.on(listener);
  }

  /** Calls the listener with each file that starts waiting to be finished, so that someone looks again soon. */
  onPending(listener: (path: string) => void): Disposer {
    return this.#pendingEvent.on(listener);
  }

  /** Whether any file is waiting to be finished. */
  get hasPending(): boolean {
    return this.#pending.size > 0;
  }

  /**
   * The soonest moment after `now` at which a pending file may be finished, if none changes
   * before; undefined when no file is waiting for a moment still to come.
   */
  nextFinishableAt(now: number): number | undefined {
    let soonest: number | undefined;
    for (const file of this.#pending.values()) {
      const at = finishableAt(file, this.#timing.stableMs);
      if (at > now && (soonest === undefined || at < soonest)) soonest = at;
    }
    return soonest;
  }

  /** Takes new settings for the same folder, watched the same way (e.g. other destinations). */
  updateSettings(folder: WatchFolder): void {
    this.#folder = folder;
  }

  /** Starts watching and scans what is already there; resolves once that scan is done. */
  start(): Promise<void> {
    this.#started ??= this.#refresh();
    return this.#started;
  }

  /** Walks the folder again for what events missed; also starts watching a folder that appeared. */
  async rescan(): Promise<void> {
    await this.start();
    await this.#refresh();
  }

  /**
   * Looks once at every pending file that is due (its window may have ended, or it was not
   * looked at for a check interval) and reports those that are finished.
   */
  async checkPending(now: number): Promise<void> {
    const { stableMs, checkIntervalMs } = this.#timing;
    const due = [...this.#pending].filter(([, file]) =>
      isDue(file, now, stableMs, checkIntervalMs),
    );
    await inBatches(due, CHECK_BATCH, async ([path, file]) => {
      const result = await examine(path, file, now, this.#timing.stableMs);
      if (this.#closed || this.#pending.get(path) !== file) return;
      switch (result.kind) {
        case 'changing':
          return;
        case 'gone':
          this.#pending.delete(path);
          this.known.forget(path);
          return;
        case 'unreadable':
          // A recorder holding its file locked is normal; anything else is said once.
          if (!isLockedError(result.error) && !file.complained) {
            file.complained = true;
            this.#problems.error(path, result.error);
          }
          return;
        case 'finished':
          this.#pending.delete(path);
          this.#report(path, result.sizeBytes, result.mtimeMs, file.rawPath !== undefined);
      }
    });
  }

  /** Stops watching for good; nothing is reported after this. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#pending.clear();
    this.#closedSignal.resolve(undefined);
    this.#readyEvent.clear();
    this.#sidecarEvent.clear();
    this.#problems.clear();
    this.#pendingEvent.clear();
    await this.#watcher?.close();
    await this.#started;
  }

  /** Checks the folder, starts chokidar on it if it is not watched yet, and scans it. */
  async #refresh(): Promise<void> {
    try {
      const state = await this.#checkRoot();
      if (this.#closed) return;
      // A missing folder is still watched: chokidar waits from the nearest parent and
      // says when it appears.
      if (state !== 'unusable') await (this.#watching ??= this.#startWatcher());
      if (state === 'folder') await this.#scan();
    } catch (error) {
      if (!this.#closed) this.#problems.error(this.root, error);
    }
  }

  /** Checks the folder's path, and says once what is wrong with it until it is fixed. */
  async #checkRoot(): Promise<RootCheck['state']> {
    const check = await checkWatchRoot(this.root);
    if (check.state === 'folder') this.#problems.rootIsFine();
    else this.#problems.aboutRoot(check.message);
    return check.state;
  }

  async #startWatcher(): Promise<void> {
    const options = chokidarOptions(this.root, this.#folder, this.#timing.pollIntervalMs);
    const watcher = watch(this.root, options);
    this.#watcher = watcher;
    watcher.on('add', (path) => this.#changed(path));
    watcher.on('change', (path) => this.#changed(path));
    watcher.on('unlink', (path) => this.#removed(path));
    watcher.on('unlinkDir', (path) => this.#removedFolder(path));
    watcher.on('addDir', (path) => {
      if (resolve(path) === this.root) void this.#refresh();
    });
    // chokidar says nothing of a name that is not UTF-8: its raw events lead to the file.
    const ignored = ignoredBelow(this.root);
    watcher.on('raw', (_event: string, name: unknown, details: unknown) => {
      void undecodableFilesOfRawEvent(name, details).then(async (files) => {
        for (const file of files) {
          if (this.#closed || ignored(file.path, file.stats)) continue;
          if (watchedFileKind(basename(file.path))) await this.#found(file);
        }
      });
    });
    watcher.on('error', (error) => {
      if (this.#closed) return;
      this.#problems.error((error as NodeJS.ErrnoException).path ?? this.root, error);
    });
    const ready = new Promise<void>((done) => watcher.once('ready', done));
    await Promise.race([ready, this.#closedSignal.promise]);
  }

  /** A change event: the file waits (again) until it stops changing. */
  #changed(path: string): void {
    if (this.#closed) return;
    const now = Date.now();
    const pending = this.#pending.get(path);
    if (pending) {
      pending.changedAt = now;
      return;
    }
    this.#pending.set(path, pendingFile(now));
    this.#pendingEvent.emit(path);
  }

  /** A deleted file is dropped silently, pending or not. */
  #removed(path: string): void {
    this.#pending.delete(path);
    this.known.forget(path);
  }

  #removedFolder(path: string): void {
    if (resolve(path) === this.root) {
      // Kept: a share that drops out and comes back still holds the same recordings.
      if (!this.#closed) this.#problems.aboutRoot(missingFolderMessage(this.root));
      return;
    }
    this.known.forgetInside(path);
    const inside = `${resolve(path)}${sep}`;
    for (const file of this.#pending.keys())
      if (file.startsWith(inside)) this.#pending.delete(file);
  }

  /** One scan at a time: a rescan asked for during a scan joins it. */
  #scan(): Promise<void> {
    this.#scanning ??= this.#walk().finally(() => {
      this.#scanning = undefined;
    });
    return this.#scanning;
  }

  async #walk(): Promise<void> {
    const scan = ++this.#scans;
    this.#problems.newScan();
    let complete = true;
    const files = scanFolder(this.root, {
      recursive: this.#folder.recursive,
      stopped: () => this.#closed,
      unreadable: (path, error) => {
        complete = false;
        if (path === this.root && isGoneError(error)) {
          this.#problems.aboutRoot(missingFolderMessage(this.root));
        } else this.#problems.error(path, error);
      },
    });
    for await (const batch of files) {
      for (const file of batch) this.known.markSeen(file.path, scan);
      await Promise.all(batch.map((file) => this.#found(file)));
    }
    // Only a walk that saw everything may conclude that a file is gone.
    if (complete && !this.#closed) this.known.forgetUnseen(scan);
  }

  /** A file found by a scan: old enough is finished at once, younger waits like a new file. */
  async #found({ path, stats, rawPath }: ScannedFile): Promise<void> {
    if (this.#tooOld(stats.mtimeMs) || this.#pending.has(path)) return;
    if (this.known.isUnchanged(path, stats.size, stats.mtimeMs)) return;
    if (this.#timing.alreadyTaken?.({ path, sizeBytes: stats.size, mtimeMs: stats.mtimeMs })) {
      this.known.remember(path, stats.size, stats.mtimeMs, this.#scans);
      return;
    }
    if (Date.now() - stats.mtimeMs >= this.#timing.stableMs) {
      const problem = await openProblem(rawPath ?? path);
      if (this.#closed || this.#pending.has(path)) return;
      if (problem === undefined) {
        return this.#report(path, stats.size, stats.mtimeMs, rawPath !== undefined);
      }
      if (isGoneError(problem)) return;
      // Locked or unreadable: it waits, and is reported or complained about from there.
    }
    const facts = { size: stats.size, mtimeMs: stats.mtimeMs };
    this.#pending.set(path, pendingFile(Date.now(), facts, rawPath));
    this.#pendingEvent.emit(path);
  }

  /**
   * Reports a finished file through the event of its kind, unless it was reported as it is. A
   * recording whose name is not UTF-8 is reported by the text of its name (its check says why
   * it cannot be opened); a sidecar so named belongs to no recording that can be found, and is not.
   */
  #report(path: string, sizeBytes: number, mtimeMs: number, undecodableName = false): void {
    if (this.#tooOld(mtimeMs) || this.known.isUnchanged(path, sizeBytes, mtimeMs)) return;
    // Judged by name again, so that no other file can reach a listener whatever chokidar passes.
    const kind = watchedFileKind(basename(path));
    if (kind === undefined || (kind === 'sidecar' && undecodableName)) return;
    this.known.remember(path, sizeBytes, mtimeMs, this.#scans);
    const finished = { path, sizeBytes, mtimeMs, folder: this.#folder };
    if (kind === 'sidecar') this.#sidecarEvent.emit(finished);
    else this.#readyEvent.emit(finished);
  }

  #tooOld(mtimeMs: number): boolean {
    const since = this.#timing.backfillSinceMs;
    return since !== undefined && mtimeMs < since;
  }
}
