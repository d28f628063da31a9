import { isUtf8 } from 'node:buffer';
import { watch, type FSWatcher, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { WatchFolder } from '../settings/schema.ts';
import { FolderEvents } from './folder-events.ts';
import { isSkippedName, isWatchedFolderName, watchedFileKind } from './ignore-rules.ts';
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
import { errorCode, isGoneError, isLockedError, missingFolderMessage } from './watch-messages.ts';
import { WatchProblems } from './watch-problems.ts';
import { rawPathIn } from './undecodable-names.ts';
import { checkWatchRoot, type RootCheck } from './watch-root.ts';
import type { FileFacts, ReadyRecording, ReadySidecar, WatchProblem } from './watch-types.ts';

/** The settings every folder shares, in milliseconds. */
export interface FolderWatchTiming {
  readonly stableMs: number;
  readonly backfillSinceMs: number | undefined;
  readonly pollIntervalMs: number;
  /** Which of a scan's files were already taken in as they are (RecordingWatcherOptions.alreadyTaken). */
  readonly alreadyTaken?: (files: readonly FileFacts[]) => ReadonlySet<string>;
  /** How often each pending file is looked at, at the least. */
  readonly checkIntervalMs: number;
}

/** Pending files looked at the same time. */
const CHECK_BATCH = 32;

const NONE: ReadonlySet<string> = new Set();

/**
 * Watches one watch folder: the system's change events (one watch per folder, started as the
 * scan reaches it) or, for a network share, a scan every poll interval; the scans at start and
 * on rescan; and the files waiting until they stop changing. Recordings and sidecars go the
 * same way and are reported through their own events. Knows nothing of other folders.
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
  #folder: WatchFolder;
  /** The change events of the folders walked; none when the folder is polled. */
  readonly #events: FolderEvents | undefined;
  /** While the folder is missing: a watch on the nearest folder above it that exists. */
  #waitingAt: { readonly folder: string; readonly watcher: FSWatcher } | undefined;
  #pollTimer: NodeJS.Timeout | undefined;
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
    this.#events = folder.usePolling
      ? undefined
      : new FolderEvents(
          (dir, name, type) => this.#onEvent(dir, name, type),
          (dir, error) => {
            if (!this.#closed) this.#problems.error(dir, error);
          },
        );
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

  /** How many folders get change events from the system (none when polled). */
  get watchedFolders(): number {
    return this.#events?.size ?? 0;
  }

  /** Starts watching and scans what is already there; resolves once that scan is done. */
  start(): Promise<void> {
    if (this.#started === undefined) {
      this.#started = this.#refresh();
      if (this.#folder.usePolling) {
        this.#pollTimer = setInterval(() => void this.#poll(), this.#timing.pollIntervalMs);
        this.#pollTimer.unref();
      }
    }
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
    this.#readyEvent.clear();
    this.#sidecarEvent.clear();
    this.#problems.clear();
    this.#pendingEvent.clear();
    clearInterval(this.#pollTimer);
    this.#events?.close();
    this.#stopWaiting();
    await this.#started;
  }

  /** Checks the folder and scans it (its change events start as the scan goes), or waits for it to appear. */
  async #refresh(newScan = true): Promise<void> {
    try {
      const state = await this.#checkRoot();
      if (this.#closed) return;
      if (state === 'missing') return this.#waitForRoot();
      this.#stopWaiting();
      if (state === 'folder') await this.#scan(newScan);
    } catch (error) {
      if (!this.#closed) this.#problems.error(this.root, error);
    }
  }

  /** A polled folder is walked every poll interval; what it finds wrong was said by the last full scan. */
  async #poll(): Promise<void> {
    if (this.#closed || this.#scanning) return;
    await this.#refresh(false);
  }

  /** Checks the folder's path, and says once what is wrong with it until it is fixed. */
  async #checkRoot(): Promise<RootCheck['state']> {
    const check = await checkWatchRoot(this.root);
    if (check.state === 'folder') this.#problems.rootIsFine();
    else this.#problems.aboutRoot(check.message);
    return check.state;
  }

  /**
   * A missing folder is waited for by events on the nearest folder above it that exists, so
   * that it is scanned as soon as it appears (a polled one is looked for at each poll).
   */
  #waitForRoot(): void {
    if (this.#events === undefined) return;
    for (let folder = dirname(this.root); ; folder = dirname(folder)) {
      if (this.#waitingAt?.folder === folder) return;
      try {
        const watcher = watch(folder, () => void this.#refresh());
        watcher.on('error', () => this.#stopWaiting());
        this.#stopWaiting();
        this.#waitingAt = { folder, watcher };
        // Made while the watch was not on yet: look once more now that it is.
        void this.#refresh();
        return;
      } catch {
        if (dirname(folder) === folder) return;
      }
    }
  }

  #stopWaiting(): void {
    this.#waitingAt?.watcher.close();
    this.#waitingAt = undefined;
  }

  /**
   * A change event from a watched folder. A recording that changes waits (again); anything
   * else is looked at to see whether it appeared, went away or is a new folder.
   */
  #onEvent(folder: string, name: Buffer | null, type: string): void {
    if (this.#closed) return;
    // The system did not say what changed (its queue overflowed): look at everything again.
    if (name === null) return void this.#scan(false);
    const text = name.toString('utf8');
    if (isSkippedName(text)) return;
    const path = join(folder, text);
    if (type === 'change' && watchedFileKind(text) !== undefined && isUtf8(name)) {
      return this.#changed(path);
    }
    void this.#look(folder, name, path).catch((error: unknown) => {
      if (!this.#closed) this.#problems.error(path, error);
    });
  }

  async #look(folder: string, name: Buffer, path: string): Promise<void> {
    const rawPath = isUtf8(name) ? undefined : rawPathIn(folder, name);
    let stats: Stats;
    try {
      stats = await stat(rawPath ?? path);
    } catch (error) {
      if (this.#closed) return;
      if (!isGoneError(error) && errorCode(error) !== 'ELOOP') {
        return this.#problems.error(path, error);
      }
      if (this.#events?.has(path)) return this.#removedFolder(path);
      this.#removed(path);
      // A folder's own watch tells of the folder going away by the folder's name.
      if (basename(path) === basename(folder) && !(await isThere(folder))) {
        this.#removedFolder(folder);
      }
      return;
    }
    if (this.#closed) return;
    const kind = watchedFileKind(basename(path));
    if (stats.isFile() && kind !== undefined) {
      if (rawPath === undefined) return this.#changed(path);
      return this.#found({ path, stats, rawPath });
    }
    if (
      stats.isDirectory() &&
      this.#folder.recursive &&
      isWatchedFolderName(basename(path)) &&
      !this.#events?.has(path)
    ) {
      await this.#walkNew(path);
    }
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
    this.#events?.removeInside(path);
    if (resolve(path) === this.root) {
      // Known files are kept: a share that drops out and comes back still holds the same recordings.
      if (this.#closed) return;
      this.#problems.aboutRoot(missingFolderMessage(this.root));
      return this.#waitForRoot();
    }
    this.known.forgetInside(path);
    const inside = `${resolve(path)}${sep}`;
    for (const file of this.#pending.keys())
      if (file.startsWith(inside)) this.#pending.delete(file);
  }

  /** One scan at a time: a rescan asked for during a scan joins it. */
  #scan(newScan = true): Promise<void> {
    this.#scanning ??= this.#walk(newScan).finally(() => {
      this.#scanning = undefined;
    });
    return this.#scanning;
  }

  /** Walks the whole folder; `newScan` says its problems again (a poll's walk does not). */
  async #walk(newScan: boolean): Promise<void> {
    const scan = ++this.#scans;
    if (newScan) this.#problems.newScan();
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
      ...this.#entering(),
    });
    for await (const batch of files) {
      for (const file of batch) this.known.markSeen(file.path, scan);
      await this.#foundAll(batch);
    }
    // Only a walk that saw everything may conclude that a file is gone.
    if (complete && !this.#closed) this.known.forgetUnseen(scan);
  }

  /** A folder that appeared (made, moved in or linked): its files are found as by a scan. */
  async #walkNew(folder: string): Promise<void> {
    const files = scanFolder(folder, {
      recursive: true,
      stopped: () => this.#closed,
      unreadable: (path, error) => {
        if (!isGoneError(error)) this.#problems.error(path, error);
      },
      ...this.#entering(),
    });
    for await (const batch of files) await this.#foundAll(batch);
  }

  /** Change events start on each folder just before a scan reads it. */
  #entering(): { entering?: (folder: string) => void } {
    const events = this.#events;
    return events ? { entering: (folder) => events.add(folder) } : {};
  }

  /** Files found by a scan; those taken in as they are (asked in one go) are only remembered. */
  async #foundAll(batch: readonly ScannedFile[]): Promise<void> {
    const asking = batch.filter(({ path, stats }) => this.#isNews(path, stats));
    const facts = asking.map(({ path, stats }) => ({
      path,
      sizeBytes: stats.size,
      mtimeMs: stats.mtimeMs,
    }));
    const taken =
      facts.length > 0 && this.#timing.alreadyTaken ? this.#timing.alreadyTaken(facts) : NONE;
    await Promise.all(
      asking.map((file) => {
        if (!taken.has(file.path)) return this.#found(file);
        this.known.remember(file.path, file.stats.size, file.stats.mtimeMs, this.#scans);
      }),
    );
  }

  /** Whether a file found may be reported: not too old, not waiting already, not reported as it is. */
  #isNews(path: string, stats: Stats): boolean {
    return (
      !this.#tooOld(stats.mtimeMs) &&
      !this.#pending.has(path) &&
      !this.known.isUnchanged(path, stats.size, stats.mtimeMs)
    );
  }

  /** A file found by a scan: old enough is finished at once, younger waits like a new file. */
  async #found({ path, stats, rawPath }: ScannedFile): Promise<void> {
    if (!this.#isNews(path, stats)) return;
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
    // Judged by name again, so that no other file can reach a listener whatever the events say.
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

/** Whether something is at the path (a failed look for another reason counts as there). */
async function isThere(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    return !isGoneError(error);
  }
}
